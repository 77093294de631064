import { describe, expect, it } from 'vitest';
import { combineSheets, compareSelfExternal, spreadOf } from './combine.js';
import { scoreSheet } from './scoring.js';
import { DEFAULT_GRADE_BANDS, type Template } from './template.js';

/** Sum template, 30 points: B1 (P /10, Q /10), B2 (S /10, veto cap 15 when 不达标). */
const t: Template = {
  id: 'c',
  version: 1,
  status: 'published',
  title: '合并测试',
  levelNames: ['一级', '标准'],
  aggregation: 'sum',
  maxScore: 30,
  grades: DEFAULT_GRADE_BANDS,
  criteria: [
    {
      code: 'B1',
      title: 'B1',
      children: [
        { code: 'P', title: 'P', scoring: { kind: 'points', max: 10 } },
        { code: 'Q', title: 'Q', scoring: { kind: 'points', max: 10 } },
      ],
    },
    {
      code: 'B2',
      title: 'B2',
      children: [{ code: 'S', title: 'S', scoring: { kind: 'passFail', max: 10 }, veto: { effect: 'cap', cap: 15 } }],
    },
  ],
};

describe('spreadOf', () => {
  it('mean, min, max, range; flags only when the range strictly exceeds the limit', () => {
    // 6, 8, 9: mean 23/3, range 3
    const s = spreadOf('P', [6, 8, 9], 10, { kind: 'points', value: 2 });
    expect(s).toMatchObject({ n: 3, min: 6, max: 9, range: 3, flagged: true });
    expect(s.mean).toBeCloseTo(23 / 3, 9);
    expect(spreadOf('P', [6, 8, 9], 10, { kind: 'points', value: 3 }).flagged).toBe(false);
    expect(spreadOf('P', [6, 8, 9], 10, { kind: 'fraction', value: 0.3 }).flagged).toBe(false); // 0.3·10 = 3
    expect(spreadOf('P', [6, 8, 9], 10, { kind: 'fraction', value: 0.25 }).flagged).toBe(true);
  });

  it('nulls are left out; all null gives null figures', () => {
    expect(spreadOf('P', [null, 4], 10, { kind: 'points', value: 1 })).toMatchObject({ n: 1, mean: 4, range: 0 });
    expect(spreadOf('P', [null], 10, { kind: 'points', value: 1 })).toMatchObject({ n: 0, mean: null, range: null });
  });
});

describe('combineSheets', () => {
  const a = scoreSheet(t, { P: { points: 6 }, Q: { points: 10 }, S: { pass: true } }); // 26
  const b = scoreSheet(t, { P: { points: 8 }, Q: { points: 9 }, S: { pass: true } }); // 27
  const c = scoreSheet(t, { P: { points: 9 }, Q: { points: 9 }, S: { pass: false } }); // raw 18 → capped 15

  it('averages every node and the totals (after each sheet’s caps), with the spread', () => {
    const r = combineSheets([a, b, c], { kind: 'points', value: 2 });
    expect(r.nodes.P.mean).toBeCloseTo(23 / 3, 9);
    expect(r.nodes.Q.mean).toBeCloseTo(28 / 3, 9);
    expect(r.nodes.Q).toMatchObject({ range: 1, flagged: false });
    expect(r.nodes.B1).toMatchObject({ min: 16, max: 18, range: 2, flagged: false });
    expect(r.nodes.S).toMatchObject({ min: 0, max: 10, range: 10, flagged: true });
    expect(r.total.mean).toBeCloseTo(68 / 3, 9);
    expect(r.total).toMatchObject({ n: 3, min: 15, max: 27, range: 12, full: 30, flagged: true });
    expect(r.flagged).toEqual(['P', 'S', 'B2']);
    expect(r.vetoes).toEqual([{ code: 'S', count: 1 }]);
  });

  it('refuses sheets of different template versions', () => {
    const other = scoreSheet({ ...t, version: 2 }, { P: { points: 1 } });
    expect(() => combineSheets([a, other], { kind: 'points', value: 1 })).toThrow('同一模板同一版本');
    expect(() => combineSheets([], { kind: 'points', value: 1 })).toThrow('没有可合并的评分表');
  });
});

describe('compareSelfExternal', () => {
  it('diff = external − self per node and for the total', () => {
    const self = scoreSheet(t, { P: { points: 10 }, Q: { points: 10 }, S: { pass: true } }); // 30
    const ext = scoreSheet(t, { P: { points: 6 }, Q: { points: 9.5 }, S: { pass: true } }); // 25.5
    const r = compareSelfExternal(self, ext);
    expect(r.total).toEqual({ code: '', self: 30, external: 25.5, max: 30, diff: -4.5 });
    const byCode = Object.fromEntries(r.rows.map((x) => [x.code, x]));
    expect(byCode.B1).toEqual({ code: 'B1', self: 20, external: 15.5, max: 20, diff: -4.5 });
    expect(byCode.P.diff).toBe(-4);
    expect(byCode.B2.diff).toBe(0);
  });

  it('a node blank on one side has no difference', () => {
    const self = scoreSheet({ ...t, criteria: [t.criteria[0]], maxScore: 20 }, { P: { points: 5 }, Q: { points: 5 } });
    const ext = scoreSheet(t, { P: { points: 5 }, Q: { points: 5 }, S: { pass: true } });
    const r = compareSelfExternal(self, ext);
    expect(r.rows.find((x) => x.code === 'B2')).toEqual({ code: 'B2', self: null, external: 10, max: 10, diff: null });
  });
});
