/**
 * The video bitrate under which a stream of this height looks visibly poor: about half of what
 * Twitch and YouTube recommend for H.264 at 30 fps (1080p 4500-6000, 720p 3000-4500, 480p
 * 1200-2000, 360p 700-1000 kb/s), and half as much again at 50-60 fps. Below it the dashboard warns
 * (LOW_BITRATE); 746 kb/s is fine for 360p and far too little for 720p.
 * @see https://help.twitch.tv/s/article/broadcasting-guidelines
 */
export function lowBitrateFloorKbps(height: number | null, fps: number | null): number {
  const h = height ?? 0;
  const base = h >= 1000 ? 2500 : h >= 700 ? 1500 : h >= 460 ? 700 : h >= 340 ? 400 : 300;
  return fps !== null && fps > 40 ? Math.round(base * 1.5) : base;
}
