import type { Ack, Settings, SetupResult } from '@lait/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Bridge } from '../../lib/bridge';
import type { UiError } from '../account/use-account';
import { runWebCodecsSetup } from './webcodecs-trial';

interface Props {
  bridge: Bridge;
  /** The encoder in use decides what is measured: the app's own (WebCodecs) or ffmpeg's x264. */
  encoder: Settings['encoder'];
  disabled: boolean;
  onApply: (patch: Partial<Settings>) => void;
}

/**
 * Measures what this computer sustains with the encoder that will be used — the app's own
 * H.264 encoder here in the renderer, or main's short x264 trial — and applies the resolution,
 * frame rate and bitrate it suggests.
 */
export function AutoSetup({ bridge, encoder, disabled, onApply }: Props) {
  const { t, errorText } = useI18n();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SetupResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const run = async () => {
    setRunning(true);
    setError(null);
    const ack: Ack<SetupResult> = encoder === 'copy'
      ? await runWebCodecsSetup().then((data) => ({ ok: true as const, data }), (err: unknown) => ({ ok: false as const, error: { code: 'INTERNAL', message: String(err) } }))
      : await bridge.setup.measure();
    setRunning(false);
    if (!ack.ok) return setError(ack.error);
    setResult(ack.data);
    const r = ack.data.recommended;
    if (r) onApply({ preset: r.preset, fps: r.fps, videoBitrateKbps: r.videoBitrateKbps });
  };
  const r = result?.recommended;
  return (
    <div className="setup">
      <button type="button" className="button button--ghost" data-testid="setup-measure" disabled={disabled || running} onClick={() => void run()}>
        {running ? t('setup.running') : t('setup.measure')}
      </button>
      {r && <p data-testid="setup-result">{t('setup.result', { preset: r.preset, fps: r.fps, kbps: r.videoBitrateKbps })}</p>}
      {result && (
        <p className="muted">{result.samples.map((s) => `${s.preset}: ${s.speed.toFixed(1)}x`).join(' · ')}</p>
      )}
      {error && <p className="form-error error" role="alert">{errorText(error.code, error.message)}</p>}
    </div>
  );
}
