import type { BroadcastMode, HardwareEncoder, OutputPreset, Settings, VideoEncoder } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';

const PRESETS: OutputPreset[] = ['1080p', '720p', '480p', '360p'];
const MODES: BroadcastMode[] = ['account', 'custom'];

interface Props {
  settings: Settings;
  streamKey: string;
  recordDir: string | null;
  /** ffmpeg's hardware encoders that work on this computer (`setup:encoders`). */
  hardware: HardwareEncoder[];
  disabled: boolean;
  onChange: (patch: Partial<Settings>) => void;
  onKeyChange: (key: string) => void;
}

export function OutputSettings({ settings, streamKey, recordDir, hardware, disabled, onChange, onKeyChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="card panel" disabled={disabled}>
      <legend>{t('output.title')}</legend>
      <div className="radios" role="radiogroup" aria-label={t('output.mode')}>
        {MODES.map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="mode" data-testid={`mode-${mode}`} checked={settings.mode === mode} onChange={() => onChange({ mode })} />
            {t(`output.mode.${mode}`)}
          </label>
        ))}
      </div>
      {settings.mode === 'custom' && (
        <>
          <label>
            {t('output.server')}
            <input className="field__input" data-testid="custom-rtmp-url" value={settings.rtmpUrl} onChange={(e) => onChange({ rtmpUrl: e.target.value.trim() })} />
          </label>
          <label>
            {t('output.key')}
            <input className="field__input" data-testid="custom-key" type="password" autoComplete="off" value={streamKey} onChange={(e) => onKeyChange(e.target.value.trim())} />
          </label>
        </>
      )}
      <label>
        {t('output.resolution')}
        <select className="field__input" data-testid="output-preset" value={settings.preset} onChange={(e) => onChange({ preset: e.target.value as OutputPreset })}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t('output.fps')}
        <select className="field__input" data-testid="output-fps" value={settings.fps} onChange={(e) => onChange({ fps: Number(e.target.value) === 60 ? 60 : 30 })}>
          <option value={30}>30</option>
          <option value={60}>60</option>
        </select>
      </label>
      <label>
        {t('output.bitrate')}
        <input className="field__input" data-testid="output-bitrate" type="number" min={300} max={12000} step={100} value={settings.videoBitrateKbps}
          onChange={(e) => onChange({ videoBitrateKbps: Number(e.target.value) })} />
      </label>
      <label>
        {t('output.keyframe')}
        <input className="field__input" type="number" min={0.5} max={4} step={0.5} value={settings.keyframeSec}
          onChange={(e) => onChange({ keyframeSec: Number(e.target.value) })} />
      </label>
      <label>
        {t('output.encoder')}
        <select className="field__input" data-testid="output-encoder" value={settings.encoder} onChange={(e) => onChange({ encoder: e.target.value as VideoEncoder })}>
          <option value="copy">{t('output.encoder.copy')}</option>
          <option value="x264">{t('output.encoder.x264')}</option>
          {hardware.map((hw) => <option key={hw} value={hw}>{t(`output.encoder.${hw}`)}</option>)}
        </select>
      </label>
      <label className="radio">
        <input type="checkbox" data-testid="record-toggle" checked={settings.record} disabled={!recordDir} onChange={(e) => onChange({ record: e.target.checked })} />
        {t('output.record')}
      </label>
      {recordDir && <p className="muted" data-testid="record-dir">{t('output.recordDir', { dir: recordDir })}</p>}
    </fieldset>
  );
}
