import { describe, expect, it } from 'vitest';
import { fnv1a, mulberry32, randomSample, sampleSize } from './sampling.js';

const ids = Array.from({ length: 610 }, (_, i) => `f${i}`);

describe('phone sample', () => {
  it('size ⌈share · n⌉: 5% of 610 → ⌈30.5⌉ = 31; 5% of 600 → 30; 7% of 100 → 7 (not 8)', () => {
    expect(sampleSize(610, 0.05)).toBe(31);
    expect(sampleSize(600, 0.05)).toBe(30);
    expect(sampleSize(100, 0.07)).toBe(7);
    expect(sampleSize(3, 0.05)).toBe(1);
    expect(sampleSize(0, 0.05)).toBe(0);
    expect(sampleSize(10, 2)).toBe(10);
  });

  it('a reproducible draw without replacement from the ids', () => {
    const a = randomSample(ids, 0.05, 'campaign-7/school-12');
    expect(a).toHaveLength(31);
    expect(new Set(a).size).toBe(31);
    expect(a.every((x) => ids.includes(x))).toBe(true);
    expect(randomSample(ids, 0.05, 'campaign-7/school-12')).toEqual(a);
    expect(randomSample(ids, 0.05, 'campaign-7/school-13')).not.toEqual(a);
    expect(randomSample(ids, 1, 's').sort()).toEqual([...ids].sort());
    expect(randomSample([], 0.05, 's')).toEqual([]);
  });

  it('hash and PRNG are the published algorithms', () => {
    // FNV-1a 32: "" → 0x811c9dc5, "a" → 0xe40c292c
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    const r = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => r());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('every family about equally likely: 10 ids, 3 drawn, 3000 seeds → each ≈ 900 times', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    const hits = new Array(10).fill(0);
    for (let s = 0; s < 3000; s++) for (const x of randomSample(ten, 0.3, `seed-${s}`)) hits[x]++;
    // expected 3000 · 3/10 = 900, sd = √(3000 · 0.3 · 0.7) ≈ 25; allow ± 5 sd
    for (const h of hits) expect(Math.abs(h - 900)).toBeLessThan(125);
  });
});
