import { describe, expect, it } from 'vitest';
import { itemAnalysis, itemDifficultyByGroup } from './items.js';

/**
 * Hand-worked paper: 10 students × 4 items, full marks 1, 1, 4, 5 (total 11).
 *
 *   student  i1 i2 i3 i4  total
 *   s1        1  1  4  5   11
 *   s2        1  1  3  4    9
 *   s3        1  0  4  3    8   ┐ tied at the upper 27% cut
 *   s4        0  1  3  4    8   ┘
 *   s5        1  1  2  3    7
 *   s6        1  0  2  2    5
 *   s7        0  1  1  2    4
 *   s8        1  0  1  1    3
 *   s9        0  0  1  1    2
 *   s10       0  0  0  0    0
 *
 * Totals sorted: 0 2 3 4 5 7 8 8 9 11 → mean 5.7, R type 7 quartiles 3.25 / 6 / 8.
 * 27% groups: g = round(0.27·10) = 3. Upper: s1, s2 and the 3rd place shared by s3 and s4 (weight ½ each).
 * Lower: s10, s9, s8 (no tie at 3).
 *   i1: U = (1 + 1 + ½·1 + ½·0)/3 = 2.5/3, L = (0 + 0 + 1)/3      → D = 1.5/3 = 0.5
 *   i2: U = (1 + 1 + ½·0 + ½·1)/3 = 2.5/3, L = 0                  → D = 2.5/3 = 0.8333…
 *   i3: U = (4 + 3 + ½·4 + ½·3)/3 = 3.5,   L = (0 + 1 + 1)/3 = ⅔   → D = (3.5 − ⅔)/4 = 0.708333…
 *   i4: U = (5 + 4 + ½·3 + ½·4)/3 = 12.5/3, L = ⅔                  → D = (12.5/3 − 2/3)/5 = 0.7
 * P: i1 0.6/1, i2 0.5/1, i3 2.1/4 = 0.525, i4 2.5/5 = 0.5.
 * 满分率: i1 6/10, i2 5/10, i3 2/10, i4 1/10; 零分率: i1 4/10, i2 5/10, i3 1/10, i4 1/10.
 * numpy (np.corrcoef(x_j, total − x_j), α with var(ddof=1)):
 *   r = 0.4286141417709099, 0.5345224838248487, 0.8542421961772492, 0.9456108576893003
 *   α = 0.7869256860931235, SD_X = 3.4657049948186747, SEM = 1.5997685017711971
 */
const M = [
  [1, 1, 4, 5],
  [1, 1, 3, 4],
  [1, 0, 4, 3],
  [0, 1, 3, 4],
  [1, 1, 2, 3],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
  [1, 0, 1, 1],
  [0, 0, 1, 1],
  [0, 0, 0, 0],
];
const W = [1, 1, 4, 5];

/** The most naive implementation, over plain arrays, for cross-checking. */
function naive(rows: number[][], full: number[]) {
  const n = rows.length;
  const k = full.length;
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  const variance = (a: number[]) => {
    const m = mean(a);
    return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1);
  };
  const cor = (a: number[], b: number[]) => {
    const ma = mean(a);
    const mb = mean(b);
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) ** 2;
      sbb += (b[i] - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  };
  const totals = rows.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = full.map((_, j) => rows.map((r) => r[j]));
  const alpha = (k / (k - 1)) * (1 - cols.reduce((s, c) => s + variance(c), 0) / variance(totals));
  return {
    alpha,
    sem: Math.sqrt(variance(totals)) * Math.sqrt(1 - alpha),
    r: cols.map((c) =>
      cor(
        c,
        c.map((x, i) => totals[i] - x),
      ),
    ),
    p: cols.map((c, j) => mean(c) / full[j]),
    n,
  };
}

const flat = (rows: number[][]) => Float64Array.from(rows.flat());

describe('itemAnalysis', () => {
  const res = itemAnalysis(flat(M), 10, W);

  it('P, 满分率, 零分率 as worked out', () => {
    expect(res.items.map((i) => i.difficulty)).toEqual([0.6, 0.5, 0.525, 0.5]);
    expect(res.items.map((i) => i.fullRate)).toEqual([0.6, 0.5, 0.2, 0.1]);
    expect(res.items.map((i) => i.zeroRate)).toEqual([0.4, 0.5, 0.1, 0.1]);
    expect(res.totalMean).toBeCloseTo(5.7, 12);
  });

  it('upper−lower 27% D with the tie at the cut shared by weight', () => {
    const d = res.items.map((i) => i.upperLowerD!);
    expect(d[0]).toBeCloseTo(0.5, 12);
    expect(d[1]).toBeCloseTo(2.5 / 3, 12);
    expect(d[2]).toBeCloseTo(0.7083333333333334, 12);
    expect(d[3]).toBeCloseTo(0.7, 12);
  });

  it('D does not depend on the row order (ties at the cut)', () => {
    const swapped = [...M];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    const other = itemAnalysis(flat(swapped.reverse()), 10, W);
    expect(other.items.map((i) => i.upperLowerD)).toEqual(res.items.map((i) => i.upperLowerD));
  });

  it('corrected item–total correlation, α and SEM against numpy', () => {
    const r = [0.4286141417709099, 0.5345224838248487, 0.8542421961772492, 0.9456108576893003];
    for (const [j, it] of res.items.entries()) expect(it.discrimination).toBeCloseTo(r[j], 12);
    expect(res.alpha).toBeCloseTo(0.7869256860931235, 12);
    expect(res.totalSd).toBeCloseTo(3.4657049948186747, 12);
    expect(res.sem).toBeCloseTo(1.5997685017711971, 12);
  });

  it('flags: P < 0.2 or > 0.9, D < 0.2, negative r', () => {
    expect(res.items.some((i) => i.flagHard || i.flagEasy || i.flagLowD || i.flagNegativeR)).toBe(false);
    // item 2 is answered right only by weak students → negative r and D; item 3 is too easy
    const rows = [
      [1, 0, 1],
      [1, 0, 1],
      [1, 0, 1],
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 0],
    ];
    const f = itemAnalysis(flat(rows), 6, [1, 1, 1]);
    expect(f.items[1].flagNegativeR).toBe(true);
    expect(f.items[1].flagLowD).toBe(true);
    expect(f.items[2].difficulty).toBeCloseTo(5 / 6, 12);
    const easy = itemAnalysis(flat([...Array(10)].map((_, i) => [1, i < 5 ? 1 : 0])), 10, [1, 1]);
    expect(easy.items[0].flagEasy).toBe(true); // P = 1 > 0.9; zero variance, so r is null, never NaN
    expect(easy.items[0].difficulty).toBe(1);
    expect(easy.items[0].discrimination).toBeNull();
    const hard = itemAnalysis(flat([...Array(10)].map((_, i) => [i === 0 ? 1 : 0, i < 5 ? 1 : 0])), 10, [1, 1]);
    expect(hard.items[0].flagHard).toBe(true);
  });

  it('KR-20 for 0/1 items: α = k/(k−1)·(1 − Σpq/σ²) (numpy: 0.52734375)', () => {
    const B = [
      [1, 1, 1, 0, 1],
      [1, 1, 0, 1, 1],
      [1, 0, 1, 1, 0],
      [1, 1, 1, 1, 1],
      [0, 1, 0, 0, 1],
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [1, 1, 1, 1, 0],
    ];
    expect(itemAnalysis(flat(B), 8, [1, 1, 1, 1, 1]).alpha).toBeCloseTo(0.52734375, 12);
  });

  it('agrees with the naive implementation on random polytomous data', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const full = [1, 1, 2, 3, 5, 10];
    const rows = [...Array(57)].map(() => {
      const ability = rnd();
      return full.map((w) => Math.min(w, Math.round((ability * 0.7 + rnd() * 0.5) * w)));
    });
    const got = itemAnalysis(flat(rows), rows.length, full);
    const want = naive(rows, full);
    expect(got.alpha).toBeCloseTo(want.alpha, 10);
    expect(got.sem).toBeCloseTo(want.sem, 10);
    for (const [j, it] of got.items.entries()) {
      expect(it.discrimination).toBeCloseTo(want.r[j], 10);
      expect(it.difficulty).toBeCloseTo(want.p[j], 12);
    }
  });

  it('zero variance → α, r, D null (never NaN); no students → null', () => {
    const same = itemAnalysis(flat([...Array(5)].map(() => [1, 0, 2])), 5, [1, 1, 2]);
    expect(same.alpha).toBeNull();
    expect(same.sem).toBeNull();
    expect(same.totalSd).toBe(0);
    for (const it of same.items) {
      expect(it.discrimination).toBeNull();
      expect(it.upperLowerD).toBeNull();
    }
    const none = itemAnalysis(new Float64Array(0), 0, [1, 2]);
    expect(none.alpha).toBeNull();
    expect(none.items[0]).toMatchObject({ mean: null, difficulty: null, fullRate: null, discrimination: null });
    expect(() => itemAnalysis(new Float64Array(3), 2, [1, 1])).toThrow(RangeError);
  });
});

describe('itemDifficultyByGroup', () => {
  it('P per class: rows s1–s5 in group 0, s6–s10 in group 1 (group 2 empty)', () => {
    // group 0 item sums: i1 4, i2 4, i3 16, i4 19 over 5 → P 0.8, 0.8, 16/20 = 0.8, 19/25 = 0.76
    // group 1 item sums: i1 2, i2 1, i3 5, i4 6 over 5 → P 0.4, 0.2, 5/20 = 0.25, 6/25 = 0.24
    const groups = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const r = itemDifficultyByGroup(flat(M), 10, W, groups, 3);
    expect([...r.n]).toEqual([5, 5, 0]);
    const p = [...r.difficulty];
    [0.8, 0.8, 0.8, 0.76, 0.4, 0.2, 0.25, 0.24].forEach((v, i) => {
      expect(p[i]).toBeCloseTo(v, 12);
    });
    expect(p.slice(8).every(Number.isNaN)).toBe(true);
    expect(() => itemDifficultyByGroup(flat(M), 10, W, Int32Array.from([5, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 3)).toThrow(
      RangeError,
    );
  });
});
