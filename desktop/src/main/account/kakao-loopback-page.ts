const PAGES = {
  ok: { title: '로그인되었습니다 · Signed in', ko: '로그인되었습니다. 앱으로 돌아가세요.', en: 'Signed in, return to the app.' },
  failed: {
    title: '로그인하지 못했습니다 · Sign-in failed',
    ko: '로그인하지 못했습니다. 앱에서 다시 시도하세요.',
    en: 'Sign-in did not complete. Try again from the app.',
  },
} as const;

/** The small bilingual page the system browser shows once it lands on the app's loopback listener. */
export function callbackPage(ok: boolean): string {
  const p = ok ? PAGES.ok : PAGES.failed;
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${p.title}</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#1d1d1f}main{text-align:center}p{margin:.4em}</style>
</head><body><main data-testid="loopback-${ok ? 'ok' : 'failed'}"><p><strong>${p.ko}</strong></p><p lang="en">${p.en}</p></main></body></html>`;
}
