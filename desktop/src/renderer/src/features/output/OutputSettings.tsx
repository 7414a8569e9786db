import type { OutputPreset, Settings } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';

const PRESETS: OutputPreset[] = ['1080p', '720p', '480p'];

interface Props {
  settings: Settings;
  streamKey: string;
  disabled: boolean;
  onChange: (patch: Partial<Settings>) => void;
  onKeyChange: (key: string) => void;
}

export function OutputSettings({ settings, streamKey, disabled, onChange, onKeyChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="panel" disabled={disabled}>
      <legend>{t('output.title')}</legend>
      <label>
        {t('output.server')}
        <input value={settings.rtmpUrl} onChange={(e) => onChange({ rtmpUrl: e.target.value })} />
      </label>
      <label>
        {t('output.key')}
        <input type="password" autoComplete="off" value={streamKey} onChange={(e) => onKeyChange(e.target.value.trim())} />
      </label>
      <label>
        {t('output.resolution')}
        <select value={settings.preset} onChange={(e) => onChange({ preset: e.target.value as OutputPreset })}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t('output.fps')}
        <select value={settings.fps} onChange={(e) => onChange({ fps: Number(e.target.value) === 60 ? 60 : 30 })}>
          <option value={30}>30</option>
          <option value={60}>60</option>
        </select>
      </label>
      <label>
        {t('output.bitrate')}
        <input type="number" min={300} max={12000} step={100} value={settings.videoBitrateKbps}
          onChange={(e) => onChange({ videoBitrateKbps: Number(e.target.value) })} />
      </label>
      <label>
        {t('output.keyframe')}
        <input type="number" min={0.5} max={4} step={0.5} value={settings.keyframeSec}
          onChange={(e) => onChange({ keyframeSec: Number(e.target.value) })} />
      </label>
    </fieldset>
  );
}
