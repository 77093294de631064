import { describe, expect, it } from 'vitest';
import {
  adjacentAgreement,
  bulkEntries,
  exactAgreement,
  lateEntries,
  type ObservationEntry,
  observerSeverity,
  type RatingPair,
  weightedKappa,
} from './agreement.js';

const rep = (n: number, pair: RatingPair): RatingPair[] => Array.from({ length: n }, () => pair);

describe('agreement between two observers', () => {
  it("reproduces the published Cohen's kappa example (20/5/10/15 → 0.4)", () => {
    // Wikipedia "Cohen's kappa", worked example: p_o = 35/50 = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.2/0.5 = 0.4.
    const pairs = [...rep(20, [1, 1]), ...rep(5, [1, 2]), ...rep(10, [2, 1]), ...rep(15, [2, 2])];
    expect(weightedKappa(pairs, 2, 'unweighted')).toBe(0.4);
    // With two levels every weighting is the same.
    expect(weightedKappa(pairs, 2, 'linear')).toBe(0.4);
    expect(weightedKappa(pairs, 2, 'quadratic')).toBe(0.4);
  });

  /**
   * Three levels, ten lessons: (1,1)×2, (2,2)×3, (3,3)×1, (1,2)×1, (2,3)×2, (3,1)×1.
   * Row totals (observer A) 3, 5, 2; column totals (B) 3, 4, 3.
   * Linear weights 0, ½, 1: observed Σw·O = (½ + 2·½ + 1)/10 = 0.25; chance Σw·r·c/100 = (6 + 9 + 7.5 + 7.5 + 6 + 4)/100
   * = 0.4; κ = 1 − 0.25/0.4 = 0.375.
   * Quadratic weights 0, ¼, 1: observed (¼ + ½ + 1)/10 = 0.175; chance (3 + 9 + 3.75 + 3.75 + 6 + 2)/100 = 0.275;
   * κ = 1 − 0.175/0.275 = 4/11.
   * Unweighted: p_o = 0.6, p_e = (9 + 20 + 6)/100 = 0.35, κ = 0.25/0.65 = 5/13.
   */
  const three: RatingPair[] = [...rep(2, [1, 1]), ...rep(3, [2, 2]), [3, 3], [1, 2], ...rep(2, [2, 3]), [3, 1]];

  it('computes linear, quadratic and unweighted kappa by hand', () => {
    expect(weightedKappa(three, 3, 'linear')).toBe(0.375);
    expect(weightedKappa(three, 3, 'quadratic')).toBeCloseTo(4 / 11, 11);
    expect(weightedKappa(three, 3, 'unweighted')).toBeCloseTo(5 / 13, 11);
  });

  it('gives exact and adjacent agreement', () => {
    expect(exactAgreement(three)).toBe(0.6);
    expect(adjacentAgreement(three)).toBe(0.9); // only (3,1) is two levels apart
    expect(exactAgreement([])).toBeNull();
  });

  it('has no kappa without chance disagreement, and refuses levels off the scale', () => {
    expect(weightedKappa(rep(4, [2, 2]), 4)).toBeNull();
    expect(weightedKappa([], 4)).toBeNull();
    expect(() => weightedKappa([[0, 1]], 4)).toThrow('等级 0 不在 1–4 之内');
    expect(weightedKappa([...rep(3, [1, 1]), ...rep(3, [4, 4])], 4)).toBe(1);
  });
});

describe('observer severity', () => {
  it('is the mean offset from the other observers on shared lessons', () => {
    // L1: A 3, B 2, C 1 → A 3 − 1.5 = +1.5, B 2 − 2 = 0, C 1 − 2.5 = −1.5. L2: A 4, B 4 → 0, 0. L3: C alone, ignored.
    const scores = [
      { lessonId: 'L1', observerId: 'A', score: 3 },
      { lessonId: 'L1', observerId: 'B', score: 2 },
      { lessonId: 'L1', observerId: 'C', score: 1 },
      { lessonId: 'L2', observerId: 'A', score: 4 },
      { lessonId: 'L2', observerId: 'B', score: 4 },
      { lessonId: 'L3', observerId: 'C', score: 2 },
      { lessonId: 'L4', observerId: 'D', score: 2 },
    ];
    expect(observerSeverity(scores)).toEqual([
      { observerId: 'A', lessons: 2, meanOffset: 0.75 },
      { observerId: 'B', lessons: 2, meanOffset: 0 },
      { observerId: 'C', lessons: 1, meanOffset: -1.5 },
    ]);
  });
});

describe('late and bulk entry', () => {
  it('flags entries more than 10 days after the lesson, by the Beijing day of entry', () => {
    const e = (id: string, enteredAt: string): ObservationEntry => ({
      id,
      observerId: 'O',
      lessonDate: '2025-10-01',
      enteredAt,
    });
    const entries = [e('day10', '2025-10-11T15:59:00Z'), e('day11', '2025-10-11T16:00:00Z')]; // 23:59 vs 00:00 Beijing
    expect(lateEntries(entries).map((x) => x.id)).toEqual(['day11']);
    expect(lateEntries(entries, 11)).toEqual([]);
  });

  it('flags 5 entries by one observer within 10 minutes', () => {
    const e = (id: string, observerId: string, time: string): ObservationEntry => ({
      id,
      observerId,
      lessonDate: '2025-10-01',
      enteredAt: `2025-10-20T${time}:00+08:00`,
    });
    const entries = [
      e('o1', 'O', '10:00'),
      e('o2', 'O', '10:02'),
      e('o3', 'O', '10:04'),
      e('o4', 'O', '10:06'),
      e('o5', 'O', '10:10'), // exactly 10 minutes after o1: still in the window
      e('o6', 'O', '10:30'),
      e('p1', 'P', '10:00'),
      e('p2', 'P', '10:01'),
      e('p3', 'P', '10:02'),
      e('p4', 'P', '10:03'),
    ];
    expect(bulkEntries(entries)).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
  });
});
