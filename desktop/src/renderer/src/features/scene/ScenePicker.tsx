import { useI18n } from '../../i18n/i18n';
import type { Corner, Scene, SceneKind } from './scene-layout';

const KINDS: SceneKind[] = ['screen', 'camera', 'pip'];
const CORNERS: Corner[] = ['tl', 'tr', 'bl', 'br'];

export function ScenePicker({ scene, onChange }: { scene: Scene; onChange: (s: Scene) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="card panel">
      <legend>{t('scene.title')}</legend>
      {KINDS.map((kind) => (
        <label key={kind} className="radio">
          <input type="radio" name="scene" data-testid={`scene-${kind}`} checked={scene.kind === kind} onChange={() => onChange({ ...scene, kind })} />
          {t(`scene.${kind}`)}
        </label>
      ))}
      {scene.kind === 'pip' && (
        <>
          <label>
            {t('scene.corner')}
            <select className="field__input" value={scene.corner} onChange={(e) => onChange({ ...scene, corner: e.target.value as Corner })}>
              {CORNERS.map((c) => (
                <option key={c} value={c}>{t(`corner.${c}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('scene.size')} ({Math.round(scene.pipSize * 100)}%)
            <input type="range" min={0.15} max={0.5} step={0.05} value={scene.pipSize}
              onChange={(e) => onChange({ ...scene, pipSize: Number(e.target.value) })} />
          </label>
        </>
      )}
    </fieldset>
  );
}
