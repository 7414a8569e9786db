import type { AppInfo, Settings } from '@lait/shared';
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Bridge } from '../../lib/bridge';
import { SignInPanel } from '../account/SignInPanel';
import { useAccount } from '../account/use-account';
import { BroadcastStatusBar } from '../broadcast/BroadcastStatusBar';
import { useBroadcast } from '../broadcast/use-broadcast';
import { ModerationPanel } from '../chat/ModerationPanel';
import { ChatPanel } from '../chat/ChatPanel';
import { useChat } from '../chat/use-chat';
import { HealthPanel } from '../health/HealthPanel';
import { LivePanel } from '../live-panel/LivePanel';
import { useChannel } from '../live-panel/use-channel';
import { OutputSettings } from '../output/OutputSettings';
import { useHardwareEncoders } from '../output/use-hardware-encoders';
import { outputSize, senderOptions, startArgs } from '../output/output-settings';
import { ScenePicker } from '../scene/ScenePicker';
import type { Scene } from '../scene/scene-layout';
import { AutoSetup } from '../setup/AutoSetup';
import { DISPLAY_MEDIA_SOURCE_ID, displayConstraints } from '../sources/capture';
import { SourcePicker, type SourceChoice } from '../sources/SourcePicker';
import { useSources } from '../sources/use-sources';
import { AudioMixer } from '../mixer/AudioMixer';
import { OverlaysPanel } from '../overlays/OverlaysPanel';
import { useOverlayLayers } from '../overlays/use-overlay-layers';
import { useOverlayChatLines } from '../overlays/use-overlay-sync';
import { useCapturePipeline } from './use-capture-pipeline';

interface Props {
  bridge: Bridge;
  settings: Settings;
  appInfo: AppInfo | null;
  onSettings: (patch: Partial<Settings>) => void;
}

export function GoLiveScreen({ bridge, settings, appInfo, onSettings }: Props) {
  const { t } = useI18n();
  const previewRef = useRef<HTMLDivElement>(null);
  const sources = useSources(bridge);
  const account = useAccount(bridge);
  const signedIn = account.status?.signedIn === true;
  const channel = useChannel(bridge, signedIn);
  const [choice, setChoice] = useState<SourceChoice>({ screenId: null, cameraId: null, micId: null });
  const [display, setDisplay] = useState<MediaStream | null>(null);
  const [scene, setScene] = useState<Scene>({ kind: 'pip', corner: 'br', pipSize: 0.25 });
  const [streamKey, setStreamKey] = useState('');
  /** "방송 종료" asks once before it ends the broadcast (a stray click must not end a stream). */
  const [confirmStop, setConfirmStop] = useState(false);
  const hardware = useHardwareEncoders(bridge);
  const { width, height } = outputSize(settings);
  const [preview, setPreview] = useState(true);
  const selfId = account.status?.user?.id ?? null;
  // Opened here, not in the panel: the chat overlay draws the same messages.
  const chatOpen = settings.mode === 'account' && channel.channel !== null && selfId !== null;
  const chat = useChat(bridge, chatOpen);
  const overlays = useOverlayLayers(settings.overlays, onSettings);
  const chatLines = useOverlayChatLines(chat.messages);
  const capture = useCapturePipeline(previewRef, choice, scene, { width, height, fps: settings.fps }, display, preview,
    { layers: overlays.layers, chat: chatLines });
  const broadcast = useBroadcast(bridge, capture.sender);
  const busy = broadcast.status.state !== 'idle';
  const canGoLive = settings.mode === 'account' ? signedIn : streamKey.length > 0;

  const goLive = useCallback(
    () => void broadcast.start(startArgs(settings, streamKey), senderOptions(settings)),
    [broadcast, settings, streamKey],
  );
  // Called straight from the click: getDisplayMedia needs the user gesture.
  const shareScreen = useCallback(() => {
    void navigator.mediaDevices.getDisplayMedia({ video: displayConstraints({ width, height, fps: settings.fps }), audio: true }).then((stream) => {
      display?.getTracks().forEach((tr) => tr.stop());
      setDisplay(stream);
      setChoice((c) => ({ ...c, screenId: DISPLAY_MEDIA_SOURCE_ID }));
    }, () => undefined);
  }, [display, width, height, settings.fps]);

  return (
    <main className="go-live">
      <section className="preview">
        <h2>{t('preview.title')}</h2>
        {/* The state, go live and the numbers beside the preview: the settings under it stay on a 1366×768 screen. */}
        <div className="preview-stage">
          <div ref={previewRef} className={`preview-canvas${preview ? '' : ' off'}`} data-preview-off={preview ? undefined : t('preview.off')} />
          <div className="preview-side">
            <label className="radio preview-toggle">
              <input type="checkbox" data-testid="preview-toggle" checked={preview} onChange={(e) => setPreview(e.target.checked)} />
              {t('preview.show')}
            </label>
            <BroadcastStatusBar status={broadcast.status} health={broadcast.health} error={broadcast.error} />
            <div className="actions">
              {busy ? (
                confirmStop && broadcast.status.state !== 'stopping' ? (
                  <span className="stop-confirm" role="alertdialog" aria-label={t('live.stopConfirm')}>
                    <span>{t('live.stopConfirm')}</span>
                    <button type="button" className="button button--danger stop" data-testid="stop-confirm" onClick={() => { setConfirmStop(false); void broadcast.stop(); }}>
                      {t('live.stop')}
                    </button>
                    <button type="button" className="button button--ghost" data-testid="stop-cancel" onClick={() => setConfirmStop(false)}>{t('live.keepLive')}</button>
                  </span>
                ) : (
                  <button type="button" className="button button--danger stop" data-testid="stop" onClick={() => setConfirmStop(true)} disabled={broadcast.status.state === 'stopping'}>
                    {t('live.stop')}
                  </button>
                )
              ) : (
                <button type="button" className="button go" data-testid="go-live" onClick={goLive} disabled={!canGoLive}>
                  {t('live.go')}
                </button>
              )}
              {broadcast.status.state === 'reconnecting' && (
                <button type="button" className="button button--ghost" data-testid="retry" onClick={broadcast.retry}>{t('live.retry')}</button>
              )}
            </div>
            {settings.mode === 'account' && !signedIn && <p className="muted">{t('account.needSignIn')}</p>}
            {broadcast.status.recordingPath && (
              <p className="muted" data-testid="recording-path">{t('output.recording', { path: broadcast.status.recordingPath })}</p>
            )}
            <HealthPanel status={broadcast.status} samples={broadcast.samples} />
          </div>
        </div>
        {/* Under the preview, beside each other: what goes out and how it sounds (within reach on a 1366×768 laptop). */}
        <div className="preview-settings">
          <div className="preview-settings__col">
            <OutputSettings settings={settings} streamKey={streamKey} recordDir={appInfo?.recordDir ?? null} hardware={hardware} disabled={busy}
              onChange={onSettings} onKeyChange={setStreamKey} />
            <AutoSetup bridge={bridge} encoder={settings.encoder} disabled={busy} onApply={onSettings} />
          </div>
          <div className="preview-settings__col">
            <AudioMixer mixer={capture.mixer} revision={capture.mixerRevision} />
            <OverlaysPanel layers={overlays.layers} onChange={overlays.change} />
          </div>
        </div>
      </section>
      <aside className="controls">
        {settings.mode === 'account' && (
          <SignInPanel
            status={account.status} error={account.error} busy={account.busy} serverUrl={settings.serverUrl}
            onServerUrl={(serverUrl) => onSettings({ serverUrl })}
            onLogin={(email, password) => void account.login(email, password)}
            onLogout={() => void account.logout()}
            kakao={account.kakao}
          />
        )}
        {settings.mode === 'account' && channel.channel && (
          <LivePanel channel={channel.channel} categories={channel.categories} error={channel.error} onUpdate={channel.update} />
        )}
        {chatOpen && <ChatPanel chat={chat} selfId={selfId} />}
        {settings.mode === 'account' && channel.channel && <ModerationPanel bridge={bridge} />}
        <SourcePicker {...sources} choice={choice} onChange={setChoice} onRefresh={() => void sources.refresh()} onShareScreen={shareScreen} />
        <ScenePicker scene={scene} onChange={setScene} />
      </aside>
    </main>
  );
}
