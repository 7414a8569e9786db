export interface StderrTail {
  push(chunk: string): void;
  text(): string;
}

/** Keeps the last `maxLines` complete lines of a stream and forwards each line to `onLine`. */
export function createStderrTail(onLine?: (line: string) => void, maxLines = 40): StderrTail {
  const lines: string[] = [];
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (!line) continue;
        lines.push(line);
        if (lines.length > maxLines) lines.shift();
        onLine?.(line);
      }
    },
    text: () => [...lines, ...(partial ? [partial] : [])].join('\n'),
  };
}
