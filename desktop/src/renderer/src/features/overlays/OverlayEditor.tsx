import type { OverlayLayer, OverlayPosition } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';

type Corner = 'tl' | 'tr' | 'bl' | 'br';
const PLACES = ['tl', 'tr', 'bl', 'br', 'point'] as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** A labelled slider over a fraction, shown as a percentage. */
function Fraction({ label, value, min, max, step = 0.01, testId, onChange }: {
  label: string; value: number; min: number; max: number; step?: number; testId?: string; onChange: (v: number) => void;
}) {
  return (
    <label>
      {label} ({pct(value)})
      <input type="range" min={min} max={max} step={step} value={value} data-testid={testId} onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}

function PositionFields({ position, onChange }: { position: OverlayPosition; onChange: (p: OverlayPosition) => void }) {
  const { t } = useI18n();
  const place = position.kind === 'point' ? 'point' : position.corner;
  const choose = (v: string) =>
    onChange(v === 'point' ? { kind: 'point', x: 0.05, y: 0.05 } : { kind: 'corner', corner: v as Corner, margin: position.kind === 'corner' ? position.margin : 0.02 });
  return (
    <>
      <label>
        {t('overlays.position')}
        <select className="field__input" value={place} data-testid="overlay-position" onChange={(e) => choose(e.target.value)}>
          {PLACES.map((p) => <option key={p} value={p}>{p === 'point' ? t('overlays.position.point') : t(`corner.${p}`)}</option>)}
        </select>
      </label>
      {position.kind === 'point' ? (
        <div className="overlay-pair">
          <Fraction label="X" value={position.x} min={0} max={1} testId="overlay-x" onChange={(x) => onChange({ ...position, x })} />
          <Fraction label="Y" value={position.y} min={0} max={1} testId="overlay-y" onChange={(y) => onChange({ ...position, y })} />
        </div>
      ) : (
        <Fraction label={t('overlays.margin')} value={position.margin} min={0} max={0.25} onChange={(margin) => onChange({ ...position, margin })} />
      )}
    </>
  );
}

/** The selected layer's properties; sizes are fractions of the output, as the compositor uses them. */
export function OverlayEditor({ layer, onChange }: { layer: OverlayLayer; onChange: (l: OverlayLayer) => void }) {
  const { t } = useI18n();
  return (
    <div className="overlay-editor" data-testid="overlay-editor">
      {layer.kind === 'text' && (
        <>
          <label>
            {t('overlays.text')}
            <input className="field__input" type="text" maxLength={200} value={layer.text} data-testid="overlay-text" onChange={(e) => onChange({ ...layer, text: e.target.value })} />
          </label>
          <Fraction label={t('overlays.fontSize')} value={layer.fontSize} min={0.02} max={0.2} onChange={(fontSize) => onChange({ ...layer, fontSize })} />
          <div className="overlay-pair">
            <label>
              {t('overlays.color')}
              <input type="color" value={layer.color} data-testid="overlay-color" onChange={(e) => onChange({ ...layer, color: e.target.value })} />
            </label>
            <label>
              <span className="radio">
                <input type="checkbox" checked={layer.background !== null} data-testid="overlay-background-on"
                  onChange={(e) => onChange({ ...layer, background: e.target.checked ? '#000000' : null })} />
                {t('overlays.background')}
              </span>
              {layer.background !== null && (
                <input type="color" value={layer.background} data-testid="overlay-background" onChange={(e) => onChange({ ...layer, background: e.target.value })} />
              )}
            </label>
          </div>
        </>
      )}
      {layer.kind === 'image' && (
        <Fraction label={t('overlays.width')} value={layer.width} min={0.02} max={1} testId="overlay-width" onChange={(width) => onChange({ ...layer, width })} />
      )}
      {layer.kind === 'chat' && (
        <>
          <div className="overlay-pair">
            <Fraction label={t('overlays.width')} value={layer.width} min={0.1} max={1} onChange={(width) => onChange({ ...layer, width })} />
            <Fraction label={t('overlays.height')} value={layer.height} min={0.1} max={1} onChange={(height) => onChange({ ...layer, height })} />
          </div>
          <div className="overlay-pair">
            <label>
              {t('overlays.chat.count')}
              <input className="field__input" type="number" min={1} max={20} value={layer.maxMessages}
                onChange={(e) => onChange({ ...layer, maxMessages: Math.min(20, Math.max(1, Math.round(Number(e.target.value) || 1))) })} />
            </label>
            <Fraction label={t('overlays.fontSize')} value={layer.fontSize} min={0.015} max={0.1} step={0.005} onChange={(fontSize) => onChange({ ...layer, fontSize })} />
          </div>
          <p className="muted">{t('overlays.chat.hint')}</p>
        </>
      )}
      <PositionFields position={layer.position} onChange={(position) => onChange({ ...layer, position })} />
    </div>
  );
}
