import { describe, expect, it } from 'vitest';
import {
  allSubjectsRates,
  assignGrades,
  contributionDifference,
  contributionShares,
  effectiveScores,
  gradeLinesFromShares,
  lineCounts,
  subjectLineHits,
  topNCut,
} from './lines.js';

const A = Number.NaN;

describe('assignGrades', () => {
  it('by fractions of full marks: A ≥ 85, B ≥ 70, C ≥ 60, D ≥ 40, E below (full 100), absent −1', () => {
    // 85 (on the A line → A), 84.5 B, 70 B, 69 C, 60 C, 40 D, 39.5 E, absent
    const g = assignGrades(Float64Array.from([85, 84.5, 70, 69, 60, 40, 39.5, A]), 100);
    expect(g.cuts).toEqual([85, 70, 60, 40]);
    expect([...g.grade]).toEqual([0, 1, 1, 2, 2, 3, 4, -1]);
    expect([...g.counts]).toEqual([1, 2, 2, 1, 1]);
    expect(g.shares[1]).toBeCloseTo(2 / 7, 12);
  });

  it('by cumulative shares of the participants, ties to the better grade', () => {
    // 10 students 100, 90, 90, 80 … : top 20% → 2nd highest (90) → A holds 100, 90, 90 (3, ties in);
    // top 50% → 5th highest (70) → B holds 80, 70; the rest C
    const xs = Float64Array.from([100, 90, 90, 80, 70, 60, 50, 40, 30, 20]);
    const g = assignGrades(xs, 100, [
      { kind: 'top', share: 0.2 },
      { kind: 'top', share: 0.5 },
    ]);
    expect(g.cuts).toEqual([90, 70]);
    expect([...g.counts]).toEqual([3, 2, 5]);
    // per-grade shares 10/20/30% → cumulative 0.1, 0.3 (not 0.30000000000000004), 0.6
    expect(gradeLinesFromShares([0.1, 0.2, 0.3])).toEqual([
      { kind: 'top', share: 0.1 },
      { kind: 'top', share: 0.3 },
      { kind: 'top', share: 0.6 },
    ]);
    // on the 10 students: ⌈1⌉ → 100, ⌈3⌉ → 90, ⌈6⌉ → 60 → A 1, B 2, C 3 (80, 70, 60), D 4
    expect([...assignGrades(xs, 100, gradeLinesFromShares([0.1, 0.2, 0.3])).counts]).toEqual([1, 2, 3, 4]);
  });
});

describe('lineCounts and topNCut', () => {
  /**
   * Lines top 15% / 25% / 60% over 20 students scoring 1..20 (unit = odd/even score):
   * ⌈0.15·20⌉ = 3 → line 18; ⌈0.25·20⌉ = 5 → 16; ⌈0.6·20⌉ = 12 → 9.
   * unit 0 (odd 1..19): ≥18: 19 (1); ≥16: 17, 19 (2); ≥9: 9..19 odd (6). unit 1 (even): 18, 20 (2); 16..20 (3);
   * 10..20 (6). Plus an absent student of unit 1.
   */
  it('上线 counts and rates per unit for share lines', () => {
    const xs = [...Array.from({ length: 20 }, (_, i) => i + 1), A];
    const units = Int32Array.from(xs.map((x) => (Number.isNaN(x) ? 1 : x % 2 === 1 ? 0 : 1)));
    const r = lineCounts(
      Float64Array.from(xs),
      20,
      [
        { kind: 'top', share: 0.15 },
        { kind: 'top', share: 0.25 },
        { kind: 'top', share: 0.6 },
      ],
      units,
      3,
    );
    expect(r.cuts).toEqual([18, 16, 9]);
    expect([...r.n]).toEqual([10, 10, 0]);
    expect([...r.counts]).toEqual([1, 2, 6, 2, 3, 6, 0, 0, 0]);
    expect(r.rates[2]).toBe(0.6);
    expect(Number.isNaN(r.rates[6])).toBe(true);
  });

  it('高分段: the N-th highest of the wider pool, ties in', () => {
    const city = Float64Array.from([99, 95, 95, 95, 90, 80, A]);
    expect(topNCut(city, 2)).toBe(95);
    expect(topNCut(city, 5)).toBe(90);
    expect(topNCut(city, 50)).toBe(80);
    expect(topNCut(city, 0)).toBeNull();
    expect(topNCut([A], 3)).toBeNull();
    // the county counts its students at/above the city line
    const county = lineCounts(
      Float64Array.from([96, 95, 94]),
      100,
      [{ kind: 'score', value: 95 }],
      Int32Array.from([0, 0, 0]),
      1,
    );
    expect([...county.counts]).toEqual([2]);
  });
});

describe('effectiveScores', () => {
  /**
   * Totals and two subjects of 8 students; line 100.
   * Window (min 3): w = 0 → total 100: 1 student (#2); w = 1 → 99..101: #1 (101), #2, #3 (99) = 3 ≥ 3 → stop.
   * Subject 0 mean of #1–#3: (60 + 55 + 50)/3 = 55; subject 1: #2 absent → (41 + 49)/2 = 45.
   * atOrAbove: totals ≥ 100: #0 (150), #1, #2 → subject 0 (90 + 60 + 55)/3, subject 1 (60 + 41)/2.
   */
  const totals = Float64Array.from([150, 101, 100, 99, 97, 80, 60, A]);
  const s0 = Float64Array.from([90, 60, 55, 50, 50, 40, 30, A]);
  const s1 = Float64Array.from([60, 41, A, 49, 47, 40, 30, A]);

  it('window method widens ±1 point until enough students', () => {
    const e = effectiveScores(totals, [s0, s1], 100, { kind: 'window', minStudents: 3 });
    expect(e.window).toBe(1);
    expect(e.students).toBe(3);
    expect(e.scores[0]).toBeCloseTo(55, 12);
    expect(e.scores[1]).toBeCloseTo(45, 12);
  });

  it('window stops when it covers everyone; at-or-above variant', () => {
    const e = effectiveScores(totals, [s0], 100); // default 25 > 7 who sat → window reaches |150 − 100| = 50
    expect(e.students).toBe(7);
    expect(e.window).toBe(50);
    const b = effectiveScores(totals, [s0, s1], 100, { kind: 'atOrAbove' });
    expect(b.students).toBe(3);
    expect(b.scores[0]).toBeCloseTo(205 / 3, 12);
    expect(b.scores[1]).toBeCloseTo(50.5, 12);
  });
});

describe('学科贡献率', () => {
  it('单上线/双上线, 命中率 and 上线贡献率 per unit', () => {
    // line 100, 有效分 50; unit 0: (120, 60) 双, (110, 45) 总分 only, (90, 55) 单 only, (80, 40) neither;
    // unit 1: (105, 51) 双, (A, 70) absent total → out
    const t = Float64Array.from([120, 110, 90, 80, 105, A]);
    const s = Float64Array.from([60, 45, 55, 40, 51, 70]);
    const h = subjectLineHits(t, s, 100, 50, Int32Array.from([0, 0, 0, 0, 1, 1]), 3);
    expect([...h.totalOnLine]).toEqual([2, 1, 0]);
    expect([...h.single]).toEqual([2, 1, 0]);
    expect([...h.double]).toEqual([1, 1, 0]);
    expect(h.hitRate).toEqual([0.5, 1, null]);
    expect(h.contribution).toEqual([0.5, 1, null]);
  });

  it('share of the total and double difference', () => {
    // means 90, 60, null, 50 → Σ 200 → 0.45, 0.3, null, 0.25
    expect(contributionShares([90, 60, null, 50])).toEqual([0.45, 0.3, null, 0.25]);
    expect(contributionShares([null, 0])).toEqual([null, null]);
    // (0.72 − 0.65) − (0.70 − 0.68) = 0.07 − 0.02 = 0.05
    expect(contributionDifference(0.72, 0.65, 0.7, 0.68)).toBeCloseTo(0.05, 12);
    expect(contributionDifference(null, 0.65, 0.7, 0.68)).toBeNull();
  });
});

describe('lineCounts against naive filtering', () => {
  it('random data, mixed lines', () => {
    let seed = 23;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const n = 400;
    const U = 7;
    const xs = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? A : Math.round(rnd() * 300) / 2));
    const units = Int32Array.from({ length: n }, () => Math.floor(rnd() * U));
    const r = lineCounts(
      xs,
      150,
      [
        { kind: 'top', share: 0.15 },
        { kind: 'fraction', value: 0.6 },
        { kind: 'score', value: 100.5 },
      ],
      units,
      U,
    );
    const sat = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => b - a);
    const top = sat[Math.ceil(0.15 * sat.length) - 1];
    expect(r.cuts).toEqual([top, 90, 100.5]);
    for (let u = 0; u < U; u++) {
      const mine = [...xs].filter((x, i) => units[i] === u && !Number.isNaN(x));
      expect(r.n[u]).toBe(mine.length);
      (r.cuts as number[]).forEach((c, l) => {
        expect(r.counts[u * 3 + l]).toBe(mine.filter((x) => x >= c).length);
      });
    }
  });
});

describe('allSubjectsRates (全科及格率)', () => {
  it('passes every subject / sat every subject', () => {
    // cuts 60 and 72. unit 0: (60, 72) pass both, (59, 90) fails s0, (70, A) absent → out, (80, 71) fails s1
    // → 1/3. unit 1: (A, A) → nobody sat → null.
    const s0 = Float64Array.from([60, 59, 70, 80, A]);
    const s1 = Float64Array.from([72, 90, A, 71, A]);
    const r = allSubjectsRates([s0, s1], [60, 72], Int32Array.from([0, 0, 0, 0, 1]), 2);
    expect([...r.n]).toEqual([3, 0]);
    expect([...r.count]).toEqual([1, 0]);
    expect(r.rate[0]).toBeCloseTo(1 / 3, 12);
    expect(r.rate[1]).toBeNull();
    expect(allSubjectsRates([s0], [null], Int32Array.from([0, 0, 0, 0, 1]), 2).rate).toEqual([null, null]);
  });
});
