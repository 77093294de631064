import { describe, expect, it } from 'vitest';
import { choiceDistribution, chosenOptions } from './choice.js';
import type { ChoiceQuestion, SurveyResponse } from './types.js';

const single: ChoiceQuestion = {
  id: 'time',
  kind: 'single',
  options: ['<30分钟', '30-60分钟', '60-90分钟', '>90分钟'],
};
const multiple: ChoiceQuestion = { id: 'worry', kind: 'multiple', options: ['食堂', '校车', '作业'] };

describe('choice distributions', () => {
  it('single choice: count / respondents per option, in option order', () => {
    // 5 × '<30分钟', 3 × '30-60分钟', 2 × '>90分钟', 1 invalid, 1 blank → 10 respondents
    const rs: SurveyResponse[] = [
      ...Array(5).fill({ answers: { time: '<30分钟' } }),
      ...Array(3).fill({ answers: { time: '30-60分钟' } }),
      ...Array(2).fill({ answers: { time: '>90分钟' } }),
      { answers: { time: '两小时' } },
      { answers: {} },
    ];
    expect(choiceDistribution(rs, single)).toEqual({
      suppressed: false,
      respondents: 10,
      options: [
        { option: '<30分钟', count: 5, share: 0.5 },
        { option: '30-60分钟', count: 3, share: 0.3 },
        { option: '60-90分钟', count: 0, share: 0 },
        { option: '>90分钟', count: 2, share: 0.2 },
      ],
    });
  });

  it('multiple choice: shares over respondents can add up to more than 1; duplicates count once', () => {
    // 4 respondents: [食堂, 校车], [食堂], [作业, 作业], [] (not answering) + 1 answering only an unknown option
    const rs: SurveyResponse[] = [
      { answers: { worry: ['食堂', '校车'] } },
      { answers: { worry: ['食堂'] } },
      { answers: { worry: ['作业', '作业'] } },
      { answers: { worry: [] } },
      { answers: { worry: ['宿舍'] } },
    ];
    expect(chosenOptions(multiple, ['作业', '作业', 3])).toEqual(['作业']);
    // 3 respondents: 食堂 2/3, 校车 1/3, 作业 1/3
    const d = choiceDistribution(rs, multiple, 3);
    if (d.suppressed) throw new Error('suppressed');
    expect(d.respondents).toBe(3);
    expect(d.options.map((o) => [o.option, o.count, o.share])).toEqual([
      ['食堂', 2, 2 / 3],
      ['校车', 1, 1 / 3],
      ['作业', 1, 1 / 3],
    ]);
  });

  it('suppressed at threshold − 1, published at the threshold', () => {
    const nine: SurveyResponse[] = Array(9).fill({ answers: { time: '<30分钟' } });
    expect(choiceDistribution(nine, single)).toEqual({ suppressed: true, minGroupSize: 10 });
    expect(choiceDistribution([...nine, { answers: { time: '<30分钟' } }], single).suppressed).toBe(false);
  });

  it('no answers with a threshold of 0: shares null', () => {
    const d = choiceDistribution([], multiple, 0);
    expect(d).toMatchObject({ suppressed: false, respondents: 0 });
    if (!d.suppressed) expect(d.options.every((o) => o.share === null)).toBe(true);
  });
});
