import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMITS } from './cases.js';
import { caseLimitProblems } from './limits-check.js';

describe('caseLimitProblems', () => {
  it('accepts the defaults and equal limits', () => {
    expect(
      caseLimitProblems([
        { category: '*', urgency: 'normal', ...DEFAULT_TIME_LIMITS.normal },
        { category: '*', urgency: 'urgent', ...DEFAULT_TIME_LIMITS.urgent },
        { category: '校车', urgency: 'urgent', acceptDays: 1, replyDays: 1, closeDays: 1 },
      ]),
    ).toEqual([]);
  });

  it('names duplicates and limits out of order', () => {
    expect(
      caseLimitProblems([
        { category: '食堂', urgency: 'normal', acceptDays: 3, replyDays: 2, closeDays: 1 },
        { category: '食堂', urgency: 'normal', acceptDays: 1, replyDays: 5, closeDays: 15 },
        { category: '*', urgency: 'urgent', acceptDays: 0, replyDays: 4, closeDays: 3 },
      ]),
    ).toEqual([
      '食堂（一般）：签收时限不能长于答复时限',
      '食堂（一般）：答复时限不能长于办结时限',
      '食堂（一般）重复设置',
      '全部类别（紧急）：答复时限不能长于办结时限',
    ]);
  });
});
