import { describe, expect, it } from 'vitest';
import { itemAnalysis, itemDifficultyByGroup } from './items.js';
import { optionShares, optionSharesByTotal, tagRates } from './options.js';

describe('optionShares', () => {
  it('counts and shares per option and blank, share choosing the key', () => {
    // 4 options, key C (2). group 0: A, C, C, blank → A 1/4, C 2/4, blank 1/4; group 1: D, C → D 1/2, C 1/2
    const chosen = Int8Array.from([0, 2, 2, -1, 3, 2]);
    const groups = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const r = optionShares(chosen, 4, 2, groups, 3);
    expect([...r.n]).toEqual([4, 2, 0]);
    expect([...r.counts.subarray(0, 10)]).toEqual([1, 0, 2, 0, 1, 0, 0, 1, 1, 0]);
    expect([...r.shares.subarray(0, 5)]).toEqual([0.25, 0, 0.5, 0, 0.25]);
    expect([...r.correct.subarray(0, 2)]).toEqual([0.5, 0.5]);
    expect(Number.isNaN(r.shares[10])).toBe(true);
    expect(Number.isNaN(r.correct[2])).toBe(true);
    expect(() => optionShares(Int8Array.from([4]), 4, 0, Int32Array.from([0]), 1)).toThrow(RangeError);
  });
});

describe('tagRates', () => {
  /**
   * 3 items (full 2, 3, 5), tags: item 0 → KP 0, item 1 → KP 0, item 2 → KP 1; a 4th item untagged (full 1).
   * group 0 rows: (2, 1, 5, 1), (0, 3, 2, 0) → KP 0: (2 + 1 + 0 + 3)/(2·5) = 0.6; KP 1: (5 + 2)/(2·5) = 0.7
   * group 1 row: (1, 0, 0, 1) → KP 0: 1/5 = 0.2; KP 1: 0
   */
  const m = Float64Array.from([2, 1, 5, 1, 0, 3, 2, 0, 1, 0, 0, 1]);
  const full = [2, 3, 5, 1];

  it('Σ scores / (n · Σ full marks) per tag and group (hand-worked)', () => {
    const r = tagRates(m, 3, full, Int32Array.from([0, 0, 1, -1]), 3, Int32Array.from([0, 0, 1]), 3);
    expect([...r.tagFullMarks]).toEqual([5, 5, 0]);
    expect(r.rates[0]).toBeCloseTo(0.6, 12);
    expect(r.rates[1]).toBeCloseTo(0.7, 12);
    expect(Number.isNaN(r.rates[2])).toBe(true); // tag without items
    expect(r.rates[3]).toBeCloseTo(0.2, 12);
    expect(r.rates[4]).toBe(0);
    expect(Number.isNaN(r.rates[6])).toBe(true); // empty group
  });

  it('one tag per item equals itemDifficultyByGroup', () => {
    const groups = Int32Array.from([0, 1, 1]);
    const r = tagRates(m, 3, full, Int32Array.from([0, 1, 2, 3]), 4, groups, 2);
    const d = itemDifficultyByGroup(m, 3, full, groups, 2);
    for (let i = 0; i < 8; i++) expect(r.rates[i]).toBeCloseTo(d.difficulty[i], 12);
  });
});

describe('optionSharesByTotal', () => {
  it('upper/lower 27% shares; key D equals itemAnalysis D of the 0/1-scored item (with ties)', () => {
    // 10 students, g = round(2.7) = 3. Totals 9, 8, 8, 8, 5, 5, 3, 2, 2, 1 (three tied at the upper cut 8,
    // two tied at the lower cut 2). Upper: 9 (weight 1) + the three 8s weight (3 − 1)/3 each;
    // lower: 1 (weight 1) + the two 2s weight (3 − 1)/2 = 1 each.
    const totals = [9, 8, 8, 8, 5, 5, 3, 2, 2, 1];
    const chosen = Int8Array.from([0, 0, 1, 0, 2, 0, 1, -1, 2, 1]);
    const r = optionSharesByTotal(chosen, 3, 0, totals);
    expect(r.g).toBe(3);
    // upper: option 0 = (1 + 2/3 + 2/3)/3 = 7/9, option 1 = (2/3)/3 = 2/9
    expect(r.upper[0]).toBeCloseTo(7 / 9, 12);
    expect(r.upper[1]).toBeCloseTo(2 / 9, 12);
    // lower: blank (1), option 2 (1), option 1 (1) → 1/3 each
    expect(r.lower[3]).toBeCloseTo(1 / 3, 12);
    expect(r.lower[0]).toBe(0);
    expect(r.keyD).toBeCloseTo(7 / 9, 12);
    // itemAnalysis on [key item scored 0/1, rest = total − item] gives the same D for the key item
    const m = new Float64Array(20);
    for (let i = 0; i < 10; i++) {
      const x = chosen[i] === 0 ? 1 : 0;
      m[2 * i] = x;
      m[2 * i + 1] = totals[i] - x;
    }
    expect(itemAnalysis(m, 10, [1, 9]).items[0].upperLowerD).toBeCloseTo(r.keyD!, 12);
    expect(optionSharesByTotal(Int8Array.from([0, 1]), 2, 0, [5, 5]).keyD).toBeNull();
  });
});
