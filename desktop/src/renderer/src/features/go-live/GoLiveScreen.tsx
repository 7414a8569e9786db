import type { Settings } from '@lait/shared';
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Bridge } from '../../lib/bridge';
import { BroadcastStatusBar } from '../broadcast/BroadcastStatusBar';
import { useBroadcast } from '../broadcast/use-broadcast';
import { OutputSettings } from '../output/OutputSettings';
import { outputSize, senderOptions, startArgs } from '../output/output-settings';
import { ScenePicker } from '../scene/ScenePicker';
import type { Scene } from '../scene/scene-layout';
import { SourcePicker, type SourceChoice } from '../sources/SourcePicker';
import { useSources } from '../sources/use-sources';
import { useComposedStream } from './use-composed-stream';

interface Props {
  bridge: Bridge;
  settings: Settings;
  onSettings: (patch: Partial<Settings>) => void;
}

export function GoLiveScreen({ bridge, settings, onSettings }: Props) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sources = useSources(bridge);
  const [choice, setChoice] = useState<SourceChoice>({ screenId: null, cameraId: null, micId: null });
  const [scene, setScene] = useState<Scene>({ kind: 'pip', corner: 'br', pipSize: 0.25 });
  const [streamKey, setStreamKey] = useState('');
  const { getStream } = useComposedStream(canvasRef, choice, scene, settings.fps);
  const broadcast = useBroadcast(bridge, getStream);
  const { width, height } = outputSize(settings);
  const busy = broadcast.status.state !== 'idle';

  const goLive = useCallback(
    () => void broadcast.start(startArgs(settings, streamKey), senderOptions(settings)),
    [broadcast, settings, streamKey],
  );

  return (
    <main className="go-live">
      <section className="preview">
        <h2>{t('preview.title')}</h2>
        <canvas ref={canvasRef} width={width} height={height} data-testid="preview" />
        <BroadcastStatusBar status={broadcast.status} health={broadcast.health} error={broadcast.error} />
        <div className="actions">
          {busy ? (
            <button type="button" className="stop" onClick={() => void broadcast.stop()} disabled={broadcast.status.state === 'stopping'}>
              {t('live.stop')}
            </button>
          ) : (
            <button type="button" className="go" onClick={goLive} disabled={streamKey.length === 0}>
              {t('live.go')}
            </button>
          )}
          {broadcast.status.state === 'reconnecting' && (
            <button type="button" onClick={broadcast.retry}>{t('live.retry')}</button>
          )}
        </div>
      </section>
      <aside className="controls">
        <SourcePicker {...sources} choice={choice} onChange={setChoice} onRefresh={() => void sources.refresh()} />
        <ScenePicker scene={scene} onChange={setScene} />
        <OutputSettings settings={settings} streamKey={streamKey} disabled={busy} onChange={onSettings} onKeyChange={setStreamKey} />
      </aside>
    </main>
  );
}
