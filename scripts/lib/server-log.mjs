// `npm start`'s console stays readable: the server writes its JSON log to a file (an fd it owns,
// so it outlives this script), and only warnings and errors are echoed here, one line each.
// `npm start -- --verbose` echoes every line.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One readable line for a pino JSON line, or null when it is below `minLevel`. */
export function formatLogLine(line, minLevel) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line.trim() === '' ? null : line;
  }
  if (typeof entry.level !== 'number' || entry.level < minLevel) return null;
  const time = new Date(entry.time ?? Date.now()).toTimeString().slice(0, 8);
  const request = entry.req ? ` ${entry.req.method} ${entry.req.url}` : entry.res ? ` → ${entry.res.statusCode}` : '';
  const error = entry.err?.message ? `: ${entry.err.message}` : '';
  return `${time} ${(LEVELS[entry.level] ?? entry.level).padEnd(5)} ${entry.msg ?? ''}${request}${error}`;
}

/** Echoes new lines of `file` (from its current end) at `minLevel` and above; returns a stop function. */
export function followLog(file, minLevel, write = (s) => console.log(s)) {
  let offset = statSync(file).size;
  let rest = '';
  const buffer = Buffer.alloc(64 * 1024);
  const timer = setInterval(() => {
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, offset)) > 0; offset += n) {
        const lines = (rest + buffer.toString('utf8', 0, n)).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const shown = formatLogLine(line, minLevel);
          if (shown !== null) write(`\x1b[90m[server]\x1b[0m ${shown}`);
        }
      }
    } finally {
      closeSync(fd);
    }
  }, 300);
  timer.unref();
  return () => clearInterval(timer);
}
