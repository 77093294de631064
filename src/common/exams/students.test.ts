import { describe, expect, it } from 'vitest';
import { extremeFlags, type ListSize, progress, rankImbalance, subjectImbalance } from './students.js';

const A = Number.NaN;

describe('subjectImbalance (偏科)', () => {
  it('subject Z − mean Z over the subjects sat; < 2 subjects → NaN', () => {
    // student 0: Z 1, 0, −0.4 → mean 0.2 → 0.8, −0.2, −0.6
    // student 1: Z 0.5, absent, 1.5 → mean 1 → −0.5, NaN, 0.5
    // student 2: only one subject → NaN everywhere
    const d = subjectImbalance([
      Float64Array.from([1, 0.5, 2]),
      Float64Array.from([0, A, A]),
      Float64Array.from([-0.4, 1.5, A]),
    ]);
    expect(d[0][0]).toBeCloseTo(0.8, 12);
    expect(d[1][0]).toBeCloseTo(-0.2, 12);
    expect(d[2][0]).toBeCloseTo(-0.6, 12);
    expect(d[0][1]).toBeCloseTo(-0.5, 12);
    expect(Number.isNaN(d[1][1])).toBe(true);
    expect(d[2][1]).toBeCloseTo(0.5, 12);
    expect(d.every((col) => Number.isNaN(col[2]))).toBe(true);
  });

  it('学科均衡差值 = subject rank − total rank', () => {
    expect([...rankImbalance(Int32Array.from([3, 1, 0]), Int32Array.from([1, 4, 2]))]).toEqual([2, -3, Number.NaN]);
  });
});

describe('extremeFlags (尖子生/学困生)', () => {
  // 100, 90, 90, 80, 70, 60, 60, absent
  const xs = Float64Array.from([100, 90, 90, 80, 70, 60, 60, A]);

  it('top N with ties in; bottom share ⌈p·n⌉', () => {
    expect([...extremeFlags(xs, 'top', { count: 2 })]).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect([...extremeFlags(xs, 'top', { count: 1 })]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    // bottom 20% of 7 who sat → ⌈1.4⌉ = 2 → 60, 60
    expect([...extremeFlags(xs, 'bottom', { share: 0.2 })]).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
    // bottom 1: both 60s share rank 1 from the bottom
    expect([...extremeFlags(xs, 'bottom', { count: 1 })]).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
  });

  it('within groups', () => {
    // group 0: 100, 90, 90; group 1: 80, 70, 60, 60 (absent in group 1). Top 1 per group: 100 and 80.
    const g = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1]);
    expect([...extremeFlags(xs, 'top', { count: 1 }, g, 2)]).toEqual([1, 0, 0, 1, 0, 0, 0, 0]);
    // top 50% per group: group 0 ⌈1.5⌉ = 2 → 100, 90, 90; group 1 ⌈2⌉ = 2 → 80, 70
    expect([...extremeFlags(xs, 'top', { share: 0.5 }, g, 2)]).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
  });
});

describe('progress (进退步)', () => {
  it('rank, Z and T change; absent in either exam → NaN', () => {
    // prior 10, 20, 30, absent; current 30, 20, 10, 40
    // prior ranks 3, 2, 1, 0; current 2, 3, 4, 1 → change +1, −1, −3, NaN
    // prior Z: mean 20, SD 10 → −1, 0, 1; current: mean 25, SD √(500/3) → (30 − 25)/√(500/3) …
    const p = progress(Float64Array.from([10, 20, 30, A]), Float64Array.from([30, 20, 10, 40]));
    expect([...p.priorRank]).toEqual([3, 2, 1, 0]);
    expect([...p.currentRank]).toEqual([2, 3, 4, 1]);
    expect([...p.rankChange]).toEqual([1, -1, -3, Number.NaN]);
    const sd = Math.sqrt(500 / 3);
    expect(p.zChange![0]).toBeCloseTo(5 / sd + 1, 12);
    expect(p.zChange![2]).toBeCloseTo(-15 / sd - 1, 12);
    expect(p.tChange![1]).toBeCloseTo(10 * (-5 / sd), 12);
    expect(Number.isNaN(p.zChange![3])).toBe(true);
    expect(progress([5, 5], [1, 2]).zChange).toBeNull();
  });
});

describe('extremeFlags against a naive count', () => {
  it('top/bottom by count and share within groups on random data', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const n = 300;
    const G = 6;
    const xs = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? A : Math.round(rnd() * 30)));
    const g = Int32Array.from({ length: n }, () => Math.floor(rnd() * G));
    for (const end of ['top', 'bottom'] as const) {
      for (const size of [{ count: 7 }, { share: 0.15 }] as ListSize[]) {
        const f = extremeFlags(xs, end, size, g, G);
        for (let i = 0; i < n; i++) {
          if (Number.isNaN(xs[i])) {
            expect(f[i]).toBe(0);
            continue;
          }
          const mates = [...xs].filter((x, j) => g[j] === g[i] && !Number.isNaN(x));
          const beyond = mates.filter((x) => (end === 'top' ? x > xs[i] : x < xs[i])).length;
          const k = 'count' in size ? size.count : Math.ceil(size.share * mates.length - 1e-9);
          expect(f[i]).toBe(beyond + 1 <= k ? 1 : 0);
        }
      }
    }
  });
});
