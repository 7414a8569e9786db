import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OverlayLayer } from '@lait/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore, defaultSettings } from './settings-store.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
const layers: OverlayLayer[] = [
  { id: 'text-1', kind: 'text', visible: true, position: { kind: 'point', x: 0.1, y: 0.2 }, text: '오늘도 방송 중', fontSize: 0.05, color: '#ffffff', background: '#101010' },
  { id: 'image-1', kind: 'image', visible: false, position: { kind: 'corner', corner: 'tr', margin: 0.02 }, src: PNG, width: 0.2 },
];

describe('settings store: overlays', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps overlay layers, images included, across a restart', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lait-settings-'));
    const file = path.join(dir, 'settings.json');
    const defaults = defaultSettings('rtmp://127.0.0.1/live');
    await (await createSettingsStore(file, defaults)).set({ overlays: layers });
    expect((await createSettingsStore(file, defaults)).get().overlays).toEqual(layers);
  });

  it('gives a settings file from before overlays an empty list, keeping its other values', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lait-settings-'));
    const file = path.join(dir, 'settings.json');
    const { overlays: _, ...old } = { ...defaultSettings('rtmp://127.0.0.1/live'), fps: 60 as const };
    writeFileSync(file, JSON.stringify(old));
    const store = await createSettingsStore(file, defaultSettings('rtmp://127.0.0.1/live'));
    expect(store.get().fps).toBe(60);
    expect(store.get().overlays).toEqual([]);
  });

  it('refuses a layer whose image is not a PNG or JPEG data URL', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lait-settings-'));
    const file = path.join(dir, 'settings.json');
    const store = await createSettingsStore(file, defaultSettings('rtmp://127.0.0.1/live'));
    await expect(store.set({ overlays: [{ ...layers[1]!, src: 'file:///etc/passwd' } as OverlayLayer] })).rejects.toThrow();
    expect(() => readFileSync(file)).toThrow();
  });
});
