import { describe, expect, it } from 'vitest';
import { complementarySuppression } from './disclosure.js';

const g = (unitId: string, respondents: number) => ({ unitId, respondents });

describe('complementary suppression', () => {
  it('nothing below the threshold → nothing suppressed', () => {
    expect(complementarySuppression([g('a', 10), g('b', 30)])).toEqual([]);
  });

  it('one small class: the smallest other class goes with it', () => {
    // b (9) is primary; alone its counts = school − a − c, so the smallest published (a, 12) is suppressed too:
    // suppressed total 9 + 12 = 21 ≥ 10
    expect(complementarySuppression([g('a', 12), g('b', 9), g('c', 40)])).toEqual(['a', 'b']);
  });

  it('two small classes whose sum is still below the threshold take a third', () => {
    // 4 + 5 = 9 < 10 → add the smallest published (c, 11); ties by input order
    expect(complementarySuppression([g('a', 4), g('b', 5), g('c', 11), g('d', 11)])).toEqual(['a', 'b', 'c']);
  });

  it('two small classes summing to the threshold are enough', () => {
    // 4 + 6 = 10 ≥ 10
    expect(complementarySuppression([g('a', 4), g('b', 6), g('c', 30)])).toEqual(['a', 'b']);
  });

  it('classes with no respondents reveal nothing and are never chosen', () => {
    expect(complementarySuppression([g('a', 0), g('b', 25)])).toEqual([]);
    expect(complementarySuppression([g('a', 0), g('b', 3), g('c', 25)])).toEqual(['b', 'c']);
  });

  it('the threshold is data', () => {
    expect(complementarySuppression([g('a', 4), g('b', 30)], 5)).toEqual(['a', 'b']);
    expect(complementarySuppression([g('a', 5), g('b', 30)], 5)).toEqual([]);
  });
});
