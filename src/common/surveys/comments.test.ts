import { describe, expect, it } from 'vitest';
import { collectComments, normalizeForSearch, queryKeywords, searchComments } from './comments.js';
import type { Survey } from './types.js';

describe('normalisation', () => {
  it('full-width → half-width, lower case, white space collapsed', () => {
    expect(normalizeForSearch('  ＷｉＦｉ　信号　差！ ')).toBe('wifi 信号 差!');
    expect(normalizeForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(queryKeywords(' 食堂　 收费 食堂 ')).toEqual(['食堂', '收费']);
    expect(queryKeywords('　')).toEqual([]);
  });
});

describe('comments', () => {
  const survey: Survey = {
    questions: [
      { id: 'q1', kind: 'satisfaction' },
      { id: 'say', kind: 'text' },
      { id: 'other', kind: 'text' },
    ],
  };
  const comments = collectComments(survey, [
    { answers: { q1: '满意', say: '食堂饭菜贵，收费不透明' } },
    { answers: { say: '   ', other: '校车太挤' } },
    { answers: { say: '作业太多，ＷＩＦＩ也不好' } },
    { answers: { q1: '不满意' } },
  ]);

  it('collects non-blank text answers with their response and question', () => {
    expect(comments).toEqual([
      { response: 0, questionId: 'say', text: '食堂饭菜贵，收费不透明' },
      { response: 1, questionId: 'other', text: '校车太挤' },
      { response: 2, questionId: 'say', text: '作业太多，ＷＩＦＩ也不好' },
    ]);
  });

  it('every keyword must occur (AND), matched after normalisation both sides', () => {
    expect(searchComments(comments, '食堂').map((c) => c.response)).toEqual([0]);
    expect(searchComments(comments, '食堂 收费').map((c) => c.response)).toEqual([0]);
    expect(searchComments(comments, '食堂 校车')).toEqual([]);
    expect(searchComments(comments, 'wifi').map((c) => c.response)).toEqual([2]);
    expect(searchComments(comments, 'Ｗifi').map((c) => c.response)).toEqual([2]);
    // the full-width comma in a comment equals a half-width one in the query
    expect(searchComments(comments, '贵,收费').map((c) => c.response)).toEqual([0]);
    expect(searchComments(comments, '')).toHaveLength(3);
  });
});
