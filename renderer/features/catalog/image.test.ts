import { describe, expect, it } from 'vitest';
import { firstThatFits, fitWithin, ImageFileError, MAX_IMAGE_SIDE } from './image';

describe('fitWithin', () => {
  it('shrinks a landscape phone photo so its long side is 256 px', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 256, height: 192 });
  });

  it('shrinks a portrait photo the same way', () => {
    expect(fitWithin(3000, 4000)).toEqual({ width: 192, height: 256 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(120, 80)).toEqual({ width: 120, height: 80 });
  });

  it('keeps a very thin image at least 1 px wide', () => {
    expect(fitWithin(10_000, 5)).toEqual({ width: MAX_IMAGE_SIDE, height: 1 });
  });

  it('rounds to whole pixels', () => {
    const { width, height } = fitWithin(1000, 333);
    expect(width).toBe(256);
    expect(height).toBe(85);
  });

  it('refuses an image without a size', () => {
    expect(() => fitWithin(0, 100)).toThrow(ImageFileError);
    expect(() => fitWithin(Number.NaN, 100)).toThrow(ImageFileError);
  });
});

describe('firstThatFits', () => {
  it('keeps the best quality that is small enough', () => {
    const tried: number[] = [];
    const url = firstThatFits((q) => {
      tried.push(q);
      return 'x'.repeat(Math.round(q * 1000));
    }, 600);
    expect(url).toHaveLength(500);
    expect(tried).toEqual([0.85, 0.7, 0.5]);
  });

  it('gives up when even the lowest quality is too big', () => {
    expect(firstThatFits(() => 'x'.repeat(1000), 10)).toBeNull();
  });
});
