import { describe, expect, it } from 'vitest';
import {
  definitionProblems,
  describeProblem,
  type SurveyDefinition,
  submissionProblems,
  visibleQuestionIds,
} from './definition.js';
import { SURVEY_TEMPLATES, TEMPLATE_PARENT } from './templates.js';

const def: SurveyDefinition = {
  title: 't',
  audience: 'parents',
  questions: [
    { id: 'kid', kind: 'single', title: '孩子年级', options: ['小学', '初中'], required: true },
    {
      id: 'bus',
      kind: 'single',
      title: '坐校车吗',
      options: ['是', '否'],
      showIf: { questionId: 'kid', anyOf: ['小学'] },
    },
    {
      id: 'busok',
      kind: 'satisfaction',
      title: '校车满意吗',
      required: true,
      showIf: { questionId: 'bus', anyOf: ['是'] },
    },
    {
      id: 'm',
      kind: 'matrix',
      scale: 'likert5',
      title: '矩阵',
      required: true,
      items: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'B' },
      ],
    },
    { id: 'n', kind: 'number', title: '分钟', min: 0, max: 600 },
    { id: 't', kind: 'text', title: '意见', maxLength: 5 },
  ],
};

describe('survey definitions', () => {
  it('accepts every seeded template', () => {
    for (const t of Object.values(SURVEY_TEMPLATES)) expect(definitionProblems(t)).toEqual([]);
    expect(definitionProblems(def)).toEqual([]);
  });

  it('names what is wrong with a malformed definition', () => {
    expect(definitionProblems(null)).toEqual(['定义须是一个 JSON 对象']);
    const bad = {
      title: '',
      audience: 'x',
      questions: [
        { id: '1a', kind: 'single', title: 'q', options: ['只一个'] },
        { id: 'b', kind: 'bogus', title: 'q' },
        { id: 'b', kind: 'text', title: 'q', showIf: { questionId: 'later', anyOf: ['x'] } },
        { id: 'later', kind: 'number', title: 'q', min: 5, max: 1 },
      ],
    };
    expect(definitionProblems(bad)).toEqual([
      '缺少问卷标题 title',
      'audience 须是 parents、students 或 teachers',
      '第 1 题的编号 id 须以字母开头，只含字母、数字、_、-',
      '第 1 题至少需要两个选项',
      '第 2 题的题型 kind 无效',
      '第 3 题的编号 b 重复',
      '第 3 题的显示条件只能引用它之前的题目（later 不在前面）',
      '第 4 题的 min 大于 max',
    ]);
  });

  it('shows a question only when its (shown) controller has one of the values', () => {
    expect([...visibleQuestionIds(def, { kid: '初中', bus: '是' })]).toEqual(['kid', 'm', 'n', 't']);
    expect([...visibleQuestionIds(def, { kid: '小学', bus: '是' })]).toEqual(['kid', 'bus', 'busok', 'm', 'n', 't']);
    expect([...visibleQuestionIds(def, { kid: '小学' })]).toEqual(['kid', 'bus', 'm', 'n', 't']);
  });

  it('checks required, logic, ranges and lengths of a submission', () => {
    const ok = { kid: '小学', bus: '是', busok: '不了解', m: { a: 1, b: 5 }, n: 30, t: '<b>x' };
    expect(submissionProblems(def, ok)).toEqual([]);
    expect(submissionProblems(def, { kid: '初中', bus: '是', m: { a: 1 }, n: 601, t: '123456', z: 1 })).toEqual([
      { questionId: 'z', code: 'unknown-question' },
      { questionId: 'bus', code: 'hidden-answered' },
      { questionId: 'm', itemId: 'b', code: 'required' },
      { questionId: 'n', code: 'out-of-range' },
      { questionId: 't', code: 'too-long' },
    ]);
    const p = submissionProblems(def, { kid: '小学', bus: '是', m: { a: 1, b: 2 } });
    expect(p).toEqual([{ questionId: 'busok', code: 'required' }]);
    expect(describeProblem(def, p[0])).toBe('第 3 题“校车满意吗”是必答题');
  });

  it('the parent template asks the reason only of the dissatisfied', () => {
    const base = {
      overall: '满意',
      dims: { ethics: '满意', teaching: '满意', burden: '满意', service: '满意', safety: '满意' },
    };
    expect(submissionProblems(TEMPLATE_PARENT, { ...base, unsatisfied_reason: '太远' })).toEqual([
      { questionId: 'unsatisfied_reason', code: 'hidden-answered' },
    ]);
    expect(submissionProblems(TEMPLATE_PARENT, { ...base, overall: '不满意', unsatisfied_reason: '太远' })).toEqual([]);
  });
});
