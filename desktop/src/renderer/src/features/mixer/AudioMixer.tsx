import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { MIXER_INPUTS, meterFraction, type AudioMixer as Mixer, type MixerInput } from './audio-mixer';
import './mixer.css';

interface Props {
  mixer: Mixer | null;
  /** Bumped when an input is connected or removed, so presence is re-read. */
  revision: number;
}

/** Per input: a level meter, a volume slider and mute. Meters are painted directly, not through React state. */
export function AudioMixer({ mixer, revision }: Props) {
  const { t } = useI18n();
  const meters = useRef<Partial<Record<MixerInput, HTMLDivElement | null>>>({});
  const [, rerender] = useState(0);

  useEffect(() => {
    if (!mixer) return;
    const paint = () => {
      if (document.hidden) return;
      for (const id of MIXER_INPUTS) {
        const el = meters.current[id];
        if (!el) continue;
        const level = mixer.level(id);
        const shown = level.toFixed(3);
        // Unchanged (a silent input): no DOM write, so no repaint of the page.
        if (el.dataset.level === shown) continue;
        el.style.transform = `scaleX(${meterFraction(level)})`;
        el.dataset.level = shown;
        el.classList.toggle('clip', level >= 0.99);
      }
    };
    // 15 Hz reads as smooth on a meter; requestAnimationFrame would repaint the page 60 times a second.
    const timer = setInterval(paint, 66);
    return () => clearInterval(timer);
  }, [mixer]);

  if (!mixer) return null;
  return (
    <section className="card panel mixer" data-revision={revision}>
      <h3>{t('mixer.title')}</h3>
      {MIXER_INPUTS.map((id) => {
        const s = mixer.state(id);
        return (
          <div key={id} className={`mixer-row${s.present ? '' : ' absent'}`} data-testid={`mixer-${id}`}>
            <span className="mixer-label">{t(`mixer.${id}`)}</span>
            <div className="meter" aria-hidden="true">
              <div className="meter-fill" data-testid={`mixer-${id}-meter`} ref={(el) => void (meters.current[id] = el)} />
            </div>
            <input
              type="range" min={0} max={200} step={1} value={Math.round(s.volume * 100)}
              aria-label={t('mixer.volume', { source: t(`mixer.${id}`) })} data-testid={`mixer-${id}-volume`}
              onChange={(e) => { mixer.setVolume(id, Number(e.target.value) / 100); rerender((n) => n + 1); }}
            />
            <span className="mixer-volume">{Math.round(s.volume * 100)}%</span>
            <button
              type="button" className="button button--ghost button--small" aria-pressed={s.muted} data-testid={`mixer-${id}-mute`}
              onClick={() => { mixer.setMuted(id, !s.muted); rerender((n) => n + 1); }}
            >
              {s.muted ? t('mixer.unmute') : t('mixer.mute')}
            </button>
            {!s.present && <span className="muted">{t(id === 'system' ? 'mixer.systemUnavailable' : 'mixer.noInput')}</span>}
          </div>
        );
      })}
    </section>
  );
}
