/** Id of the pseudo-source that uses getDisplayMedia (plain Chromium, tests). */
export const DISPLAY_MEDIA_SOURCE_ID = 'web:display';

/** The output format: capture is asked for at most this size and rate. */
export interface CaptureFormat {
  width: number;
  height: number;
  fps: number;
}

/**
 * Screen capture at the output size, scaled by the capturer (cheap, and on the GPU where there
 * is one): a frame that already has the output size is encoded without any canvas.
 */
export function displayConstraints(max: CaptureFormat): MediaTrackConstraints {
  return { frameRate: { max: max.fps }, width: { max: max.width }, height: { max: max.height } };
}

/**
 * Open a screen or window. Inside Electron the id comes from desktopCapturer (`sources:list`)
 * and is opened with Chromium's legacy `chromeMediaSource: 'desktop'` constraint, which needs
 * no picker; in a plain browser the pseudo-source falls back to getDisplayMedia.
 */
export async function openScreen(sourceId: string, max: CaptureFormat): Promise<MediaStream> {
  if (sourceId === DISPLAY_MEDIA_SOURCE_ID) {
    return navigator.mediaDevices.getDisplayMedia({ video: displayConstraints(max), audio: false });
  }
  const constraints = {
    audio: false,
    video: {
      mandatory: {
        chromeMediaSource: 'desktop', chromeMediaSourceId: sourceId,
        maxFrameRate: max.fps, maxWidth: max.width, maxHeight: max.height,
      },
    },
  } as unknown as MediaStreamConstraints;
  return navigator.mediaDevices.getUserMedia(constraints);
}

/**
 * Open a camera at the size the scene shows it (the PiP rectangle, or the whole output): asking
 * the device for what is needed spares generating or decoding a large picture only to shrink it
 * (a 1080p webcam decodes MJPEG for every frame). Scene changes re-constrain the open track.
 */
export function openCamera(deviceId: string, size: { w: number; h: number }): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { deviceId: { exact: deviceId }, width: { ideal: size.w }, height: { ideal: size.h }, resizeMode: 'crop-and-scale' } as MediaTrackConstraints,
    audio: false,
  });
}

export function openMic(deviceId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { deviceId: { exact: deviceId }, echoCancellation: false, noiseSuppression: true },
    video: false,
  });
}

/** Stop every track of a stream (releases the camera light and the capture). */
export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/**
 * The computer's own sound for a desktopCapturer source, where the OS offers loopback capture
 * (Windows; Chromium asks for the desktop video too, which is dropped at once). Null elsewhere
 * (macOS has no loopback without a virtual device) and in plain browsers.
 */
export async function openSystemAudio(sourceId: string): Promise<MediaStream | null> {
  if (sourceId === DISPLAY_MEDIA_SOURCE_ID) return null;
  const constraints = {
    audio: { mandatory: { chromeMediaSource: 'desktop' } },
    video: { mandatory: { chromeMediaSource: 'desktop', chromeMediaSourceId: sourceId, maxWidth: 16, maxHeight: 16, maxFrameRate: 1 } },
  } as unknown as MediaStreamConstraints;
  const stream = await navigator.mediaDevices.getUserMedia(constraints).catch(() => null);
  if (!stream) return null;
  stream.getVideoTracks().forEach((t) => t.stop());
  return stream.getAudioTracks().length > 0 ? new MediaStream(stream.getAudioTracks()) : null;
}
