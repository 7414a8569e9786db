/** What every platform has (browser, Node, Electron); shared is compiled without DOM or Node types. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Looked up at each call, so fake timers installed by a test apply. */
export const timers = globalThis as unknown as Timers;
