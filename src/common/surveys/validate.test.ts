import { describe, expect, it } from 'vitest';
import type { Survey } from './types.js';
import { answerProblems, onScale } from './validate.js';

const survey: Survey = {
  questions: [
    { id: 's', kind: 'satisfaction' },
    { id: 'l', kind: 'likert5' },
    { id: 'r', kind: 'rating10' },
    { id: 'one', kind: 'single', options: ['是', '否'] },
    { id: 'many', kind: 'multiple', options: ['食堂', '校车'] },
    { id: 'm', kind: 'matrix', scale: 'satisfaction', items: [{ id: 'x' }, { id: 'y' }] },
    { id: 't', kind: 'text' },
    { id: 'n', kind: 'number' },
  ],
};

describe('answer shape checks', () => {
  it('scales', () => {
    expect(onScale('satisfaction', '不了解')).toBe(true);
    expect(onScale('satisfaction', '很满意')).toBe(false);
    expect([0, 1, 5, 6, 2.5].map((v) => onScale('likert5', v))).toEqual([false, true, true, false, false]);
    expect([0, 10, 11, -1].map((v) => onScale('rating10', v))).toEqual([true, true, false, false]);
  });

  it('a well-formed response, with unanswered questions, has no problem', () => {
    const ok = {
      answers: {
        s: '基本满意',
        l: 4,
        r: 0,
        one: '否',
        many: ['校车'],
        m: { x: '满意', y: null },
        t: '好',
        n: 3.5,
        z: null,
      },
    };
    expect(answerProblems(survey, ok)).toEqual([]);
  });

  it('every problem named', () => {
    const bad = {
      answers: {
        s: '很满意',
        l: 6,
        r: '7',
        one: '也许',
        many: ['食堂', '食堂'],
        m: { x: '满意', q: '满意', y: 3 },
        t: 'x'.repeat(11),
        n: Number.NaN,
        extra: 'hello',
      },
    };
    expect(answerProblems(survey, bad, 10)).toEqual([
      { questionId: 's', code: 'off-scale' },
      { questionId: 'l', code: 'off-scale' },
      { questionId: 'r', code: 'off-scale' },
      { questionId: 'one', code: 'unknown-option' },
      { questionId: 'many', code: 'duplicate-option' },
      { questionId: 'm', itemId: 'q', code: 'unknown-item' },
      { questionId: 'm', itemId: 'y', code: 'off-scale' },
      { questionId: 't', code: 'too-long' },
      { questionId: 'n', code: 'wrong-type' },
      { questionId: 'extra', code: 'unknown-question' },
    ]);
    expect(answerProblems(survey, { answers: { s: ['满意'], many: '食堂', m: ['满意'], t: 5, one: 1 } })).toEqual([
      { questionId: 's', code: 'wrong-type' },
      { questionId: 'many', code: 'wrong-type' },
      { questionId: 'm', code: 'wrong-type' },
      { questionId: 't', code: 'wrong-type' },
      { questionId: 'one', code: 'wrong-type' },
    ]);
  });
});
