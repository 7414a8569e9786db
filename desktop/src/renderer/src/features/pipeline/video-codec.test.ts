import { describe, expect, it } from 'vitest';
import { avcCodecString } from './video-codec';

describe('avcCodecString', () => {
  it('picks the lowest H.264 level that holds the output format (Constrained Baseline)', () => {
    expect(avcCodecString(1280, 720, 30)).toBe('avc1.42e01f'); // 3.1
    expect(avcCodecString(1280, 720, 60)).toBe('avc1.42e020'); // 3.2
    expect(avcCodecString(1920, 1080, 30)).toBe('avc1.42e028'); // 4.0
    expect(avcCodecString(1920, 1080, 60)).toBe('avc1.42e02a'); // 4.2
    expect(avcCodecString(640, 360, 30)).toBe('avc1.42e01e'); // 3.0
  });
});
