import { describe, expect, it } from 'vitest';
import { combineIndices } from './combine.js';
import type { IndexResult } from './scores.js';

const idx = (index: number, sd: number | null, n: number): IndexResult => ({
  suppressed: false,
  respondents: n,
  n,
  index,
  sd,
  ci: null,
});

describe('combined index over stakeholder groups', () => {
  // parents 80 (sd 20, n 100 → se 2), students 70 (sd 30, n 225 → se 2), teachers 90 (sd 10, n 25 → se 2)
  const parents = { group: '家长', weight: 0.5, result: idx(80, 20, 100) };
  const students = { group: '学生', weight: 0.3, result: idx(70, 30, 225) };
  const teachers = { group: '教师', weight: 0.2, result: idx(90, 10, 25) };

  it('weighted mean with a normal interval', () => {
    // 0.5·80 + 0.3·70 + 0.2·90 = 40 + 21 + 18 = 79; var = (0.25 + 0.09 + 0.04)·4 = 1.52
    // half = 1.96·√1.52 = 1.96·1.23288 = 2.41640 → [76.5836, 81.4164]
    const c = combineIndices([parents, students, teachers]);
    expect(c.value).toBeCloseTo(79, 12);
    expect(c.ci!.low).toBeCloseTo(76.5836, 3);
    expect(c.ci!.high).toBeCloseTo(81.4164, 3);
    expect(c.missing).toEqual([]);
  });

  it('a suppressed group drops out and the weights are renormalised', () => {
    // teachers suppressed: weights 0.5/0.8 = 0.625, 0.3/0.8 = 0.375 → 50 + 26.25 = 76.25
    // var = (0.390625 + 0.140625)·4 = 2.125 → half = 1.96·1.45774 = 2.85712
    const c = combineIndices([parents, students, { ...teachers, result: { suppressed: true, minGroupSize: 10 } }]);
    expect(c.value).toBeCloseTo(76.25, 12);
    expect(c.ci!.high - c.value!).toBeCloseTo(2.85712, 4);
    expect(c.used.map((u) => u.group)).toEqual(['家长', '学生']);
    expect(c.used[0].weight).toBeCloseTo(0.625, 12);
    expect(c.used[1].weight).toBeCloseTo(0.375, 12);
    expect(c.missing).toEqual(['教师']);
  });

  it('no group left → null; a group without SD → no interval', () => {
    expect(combineIndices([{ ...parents, result: { suppressed: true, minGroupSize: 10 } }])).toEqual({
      value: null,
      ci: null,
      used: [],
      missing: ['家长'],
    });
    const c = combineIndices([parents, { ...students, result: idx(70, null, 1) }]);
    expect(c.value).toBeCloseTo(0.625 * 80 + 0.375 * 70, 12);
    expect(c.ci).toBeNull();
  });
});
