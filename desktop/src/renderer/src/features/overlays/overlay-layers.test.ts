import { OverlayLayersSchema } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { createChatLayer, createImageLayer, createTextLayer, moveLayer } from './overlay-layers';

describe('overlay layers', () => {
  it('creates layers the settings schema accepts', () => {
    const layers = [createTextLayer('안녕하세요'), createImageLayer('data:image/png;base64,iVBORw0KGgo='), createChatLayer()];
    expect(Value.Check(OverlayLayersSchema, layers)).toBe(true);
    expect(new Set(layers.map((l) => l.id)).size).toBe(3);
  });

  it('refuses a layer that is not a PNG or JPEG data URL, or sits off the picture', () => {
    expect(Value.Check(OverlayLayersSchema, [createImageLayer('https://example.com/a.png')])).toBe(false);
    expect(Value.Check(OverlayLayersSchema, [{ ...createTextLayer('x'), position: { kind: 'point', x: 1.5, y: 0 } }])).toBe(false);
  });

  it('moves a layer one step up or down and leaves the ends in place', () => {
    expect(moveLayer(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveLayer(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveLayer(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
