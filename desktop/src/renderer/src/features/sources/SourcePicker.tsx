import type { CaptureSource } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';
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
}

export function SourcePicker({ screens, cameras, mics, choice, onChange, onRefresh }: Props) {
  const { t } = useI18n();
  const select = (label: string, value: string | null, options: { id: string; label: string }[], set: (v: string | null) => void) => (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => set(e.target.value || null)}>
        <option value="">{t('sources.none')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>{o.label}</option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="panel">
      <legend>{t('sources.title')}</legend>
      {select(t('sources.screen'), choice.screenId, screens.map((s) => ({ id: s.id, label: s.name })), (screenId) => onChange({ ...choice, screenId }))}
      {select(t('sources.camera'), choice.cameraId, cameras, (cameraId) => onChange({ ...choice, cameraId }))}
      {select(t('sources.mic'), choice.micId, mics, (micId) => onChange({ ...choice, micId }))}
      <button type="button" onClick={onRefresh}>{t('sources.refresh')}</button>
    </fieldset>
  );
}
