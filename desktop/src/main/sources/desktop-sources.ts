import type { CaptureSource, SourcesListArgs } from '@lait/shared';
import { desktopCapturer } from 'electron';

/**
 * Screens and windows for `sources:list`. The renderer captures one with getUserMedia and
 * `chromeMediaSource: 'desktop'`, so no picker UI from Chromium is needed.
 */
export async function listDesktopSources(args: SourcesListArgs): Promise<CaptureSource[]> {
  const width = args.thumbnailWidth ?? 0;
  const sources = await desktopCapturer.getSources({
    types: args.kinds,
    thumbnailSize: { width, height: Math.round((width * 9) / 16) },
    fetchWindowIcons: false,
  });
  return sources.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.id.startsWith('screen:') ? 'screen' : 'window',
    ...(width > 0 && { thumbnailDataUrl: s.thumbnail.toDataURL() }),
  }));
}
