/**
 * Keeps the last lines of ffmpeg's stderr for error reports, with secrets (the stream key,
 * which ffmpeg prints inside the URL) masked before anything leaves the engine.
 */
export function createStderrTail(maxLines = 20, maxChars = 4000) {
  let lines: string[] = [];
  let partial = '';
  let secrets: string[] = [];
  const mask = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('***'), s);
  return {
    setSecrets(values: string[]): void {
      secrets = values.filter((v) => v.length > 0);
    },
    reset(): void {
      lines = [];
      partial = '';
    },
    push(chunk: string): void {
      const parts = (partial + chunk).split(/\r?\n|\r/);
      partial = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l.trim().length > 0));
      if (lines.length > maxLines) lines = lines.slice(-maxLines);
    },
    text(): string {
      const all = [...lines, partial].filter((l) => l.trim().length > 0).join('\n');
      return mask(all.length > maxChars ? all.slice(-maxChars) : all);
    },
  };
}
