import type { CaptureSource } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';
import { DISPLAY_MEDIA_SOURCE_ID } from './capture';
import { ScreenGrid } from './ScreenGrid';
import type { DeviceOption } from './use-sources';

export interface SourceChoice {
  screenId: string | null;
  cameraId: string | null;
  micId: string | null;
}

interface Props {
  screens: CaptureSource[];
  cameras: DeviceOption[];
  mics: DeviceOption[];
  choice: SourceChoice;
  onChange: (c: SourceChoice) => void;
  onRefresh: () => void;
  /** Plain browsers: open getDisplayMedia from this click (it needs a user gesture). */
  onShareScreen: () => void;
}

export function SourcePicker({ screens, cameras, mics, choice, onChange, onRefresh, onShareScreen }: Props) {
  const { t } = useI18n();
  const webDisplay = screens.length === 1 && screens[0]?.id === DISPLAY_MEDIA_SOURCE_ID;
  const select = (label: string, testId: string, value: string | null, options: { id: string; label: string }[], set: (v: string | null) => void) => (
    <label>
      {label}
      <select className="field__input" data-testid={testId} value={value ?? ''} onChange={(e) => set(e.target.value || null)}>
        <option value="">{t('sources.none')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>{o.label}</option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="card panel">
      <legend>{t('sources.title')}</legend>
      {webDisplay ? (
        <button type="button" className="button button--ghost" data-testid="source-share-screen" onClick={onShareScreen}>
          {choice.screenId ? `✓ ${t('sources.screenShared')}` : t('sources.shareScreen')}
        </button>
      ) : (
        <div className="screen-choice">
          <span>{t('sources.screen')}</span>
          <ScreenGrid screens={screens} selected={choice.screenId} onSelect={(screenId) => onChange({ ...choice, screenId })} />
        </div>
      )}
      {select(t('sources.camera'), 'source-camera', choice.cameraId, cameras, (cameraId) => onChange({ ...choice, cameraId }))}
      {select(t('sources.mic'), 'source-mic', choice.micId, mics, (micId) => onChange({ ...choice, micId }))}
      <button type="button" className="button button--ghost" onClick={onRefresh}>{t('sources.refresh')}</button>
    </fieldset>
  );
}
