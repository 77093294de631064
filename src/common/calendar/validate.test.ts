import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_YEARS } from './holidays.js';
import { calendarYearProblems } from './validate.js';

describe('calendarYearProblems', () => {
  it('accepts the shipped 2025 and 2026 arrangements', () => {
    for (const y of SHIPPED_CALENDAR_YEARS) expect(calendarYearProblems(y)).toEqual([]);
  });

  it('refuses dates outside the year, unordered ranges, weekday 调休 and a day both off and on', () => {
    const problems = calendarYearProblems({
      year: 2027,
      source: 'test',
      holidays: [
        { from: '2026-12-31', to: '2027-01-01', name: '元旦' },
        { from: '2027-05-05', to: '2027-05-01', name: '劳动节' },
        { from: '2027-10-01', to: '2027-10-07', name: '国庆节' },
        { from: '2027-10-07', to: '2027-10-08', name: '' },
      ],
      // 2027-09-27 is a Monday; 2027-10-02 a Saturday inside 国庆节; 2027-09-26 a Sunday, listed twice.
      workdays: ['2027-09-27', '2027-10-02', '2027-09-26', '2027-09-26', '2027-02-30'],
    });
    expect(problems).toEqual([
      '元旦：日期须是 2027 年内的日期',
      '劳动节：开始日期 2027-05-05 晚于结束日期 2027-05-01',
      '第 4 个假期缺少名称',
      '2027-10-07 同时属于国庆节和第 4 个假期',
      '调休上班日 2027-09-27 不是周六或周日（工作日本来就上班）',
      '2027-10-02 既是国庆节放假日又是调休上班日',
      '调休上班日 2027-09-26 重复',
      '调休上班日 2027-02-30 须是 2027 年内的日期',
    ]);
  });
});
