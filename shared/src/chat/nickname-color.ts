/** Nickname colours readable on the dark chat panels of the site and the desktop app. */
const PALETTE = [
  '#ff7a7a', '#ffa94d', '#ffd43b', '#a9e34b', '#69db7c', '#38d9a9',
  '#3bc9db', '#74c0fc', '#91a7ff', '#b197fc', '#e599f7', '#faa2c1',
] as const;

/**
 * A user's nickname colour, the same in the site's chat and the desktop app's: FNV-1a over the user
 * id, cheap and stable across sessions and browsers.
 */
export function nicknameColor(userId: number): string {
  let hash = 0x811c9dc5;
  for (const ch of String(userId)) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}
