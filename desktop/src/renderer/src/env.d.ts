import type { LaitApi } from '@lait/shared';

declare global {
  interface Window {
    /** Set by the preload (Electron) or absent in a plain browser (tests use the web bridge). */
    lait?: LaitApi;
  }
}
export {};
