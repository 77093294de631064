import { describe, expect, it } from 'vitest';
import { STANDARD_2014 } from '../../../common/health/standard.js';
import { gradeCodeOfLevel, graduationOf } from './fitness-scoring.js';

describe('毕业成绩 of graduation years', () => {
  it('is this year × 50% + the mean of the other years of the same stage × 50%', () => {
    // 六年级 80; 一–五年级 70, 90, 60, 70, 80 (mean 74) → 40 + 37 = 77. 初中 years do not count.
    const others = [1, 2, 3, 4, 5].map((g, i) => ({ gradeLevel: g, total: [70, 90, 60, 70, 80][i] }));
    expect(graduationOf(STANDARD_2014, 6, 80, [...others, { gradeLevel: 7, total: 10 }])).toBe(77);
    // 初三 100.5; 初一 85, 初二 missing total (no standard value) → only 85 counts: 50.25 + 42.5 = 92.75.
    expect(
      graduationOf(STANDARD_2014, 9, 100.5, [
        { gradeLevel: 7, total: 85 },
        { gradeLevel: 8, total: null },
      ]),
    ).toBe(92.75);
  });

  it('is null outside a graduation year, without this year’s total, or without another year', () => {
    expect(graduationOf(STANDARD_2014, 5, 80, [{ gradeLevel: 4, total: 70 }])).toBeNull();
    expect(graduationOf(STANDARD_2014, 12, null, [{ gradeLevel: 10, total: 70 }])).toBeNull();
    expect(graduationOf(STANDARD_2014, 12, 80, [{ gradeLevel: 9, total: 70 }])).toBeNull();
  });

  it('maps grade levels to the standard’s grade codes', () => {
    expect([1, 6, 7, 9, 10, 12].map(gradeCodeOfLevel)).toEqual(['P1', 'P6', 'J1', 'J3', 'S1', 'S3']);
  });
});
