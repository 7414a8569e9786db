import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SettingsSchema, type Settings, type SettingsPatch } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';

/** Settings persisted as JSON; a missing or corrupt file falls back to the defaults. */
export interface SettingsStore {
  get(): Settings;
  set(patch: SettingsPatch): Promise<Settings>;
}

/** Defaults for a new install. */
export function defaultSettings(rtmpUrl: string, serverUrl = 'http://127.0.0.1:3000'): Settings {
  return {
    locale: 'ko', serverUrl, mode: 'account', rtmpUrl, preset: '720p', fps: 30, videoBitrateKbps: 2500,
    audioBitrateKbps: 128, keyframeSec: 1, encoder: 'copy', record: false, overlays: [],
  };
}

/** Load the store from `file`; keys that fail validation are dropped in favour of defaults. */
export async function createSettingsStore(file: string, defaults: Settings): Promise<SettingsStore> {
  let current = defaults;
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const merged = { ...defaults, ...(typeof parsed === 'object' && parsed ? parsed : {}) };
    if (Value.Check(SettingsSchema, merged)) current = merged;
  } catch {
    // First run or unreadable file: defaults.
  }
  let writing = Promise.resolve();
  return {
    get: () => current,
    async set(patch) {
      const next = { ...current, ...patch };
      if (!Value.Check(SettingsSchema, next)) throw new Error('settings patch produced invalid settings');
      current = next;
      // Serialise writes and replace atomically, so a crash never leaves half a file.
      writing = writing.then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, JSON.stringify(current, null, 2));
        await rename(`${file}.tmp`, file);
      });
      await writing;
      return current;
    },
  };
}
