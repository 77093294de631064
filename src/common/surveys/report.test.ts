import { describe, expect, it } from 'vitest';
import { rankUnits } from './ranking.js';
import { resultsByGroup, unitMetrics, unitResults } from './report.js';
import type { Survey, SurveyResponse } from './types.js';

const survey: Survey = {
  questions: [
    { id: 'overall', kind: 'satisfaction' },
    { id: 'ethics', kind: 'satisfaction', dimension: '师德师风' },
    { id: 'safety', kind: 'matrix', scale: 'likert5', dimension: '校园安全', items: [{ id: 'gate' }, { id: 'road' }] },
    { id: 'note', kind: 'text' },
  ],
};

interface Row extends SurveyResponse {
  classId: string;
}

/** n respondents of a class answering every question: overall 满意, ethics 基本满意, safety gate 5 / road 3. */
function full(classId: string, n: number): Row[] {
  return Array.from({ length: n }, () => ({
    classId,
    answers: { overall: '满意', ethics: '基本满意', safety: { gate: 5, road: 3 } },
  }));
}

describe('unit results', () => {
  it('overall, per dimension in survey order, per item', () => {
    const u = unitResults(survey, full('c1', 10));
    expect(u.dimensions.map((d) => d.dimension)).toEqual(['总体评价', '师德师风', '校园安全']);
    expect(u.items.map((i) => i.key)).toEqual(['overall', 'ethics', 'safety/gate', 'safety/road']);
    // overall rate: 满意 10 + 基本满意 10 of 20 answers → 1; index per respondent: (100 + 50 + 100 + 50)/4 = 75
    expect(u.overall.satisfaction).toMatchObject({ suppressed: false, rate: 1, answers: 20 });
    expect(u.overall.index).toMatchObject({ suppressed: false, index: 75, sd: 0 });
    // 校园安全: (100 + 50)/2 = 75; it has no satisfaction-scale item → no rate (null, not "suppressed")
    const safety = u.dimensions[2].result;
    expect(safety.index).toMatchObject({ suppressed: false, index: 75, respondents: 10 });
    expect(safety.satisfaction).toBeNull();
    expect(u.items[3].result.index).toMatchObject({ index: 50 });
  });
});

describe('results by group, suppressed everywhere', () => {
  // class A: 10 respondents; class B: 9; class C: 12 of whom only 8 answered the ethics question
  const c: Row[] = full('C', 12).map((r, i) => (i < 8 ? r : { ...r, answers: { ...r.answers, ethics: undefined } }));
  const rows = [...full('A', 10), ...full('B', 9), ...c];
  const by = resultsByGroup(survey, rows, (r) => r.classId);

  it('a class at the threshold is published', () => {
    expect(by.get('A')!.overall.index.suppressed).toBe(false);
  });

  it('a class one below the threshold is suppressed in every cell', () => {
    const b = by.get('B')!;
    const cells = [b.overall, ...b.dimensions.map((d) => d.result), ...b.items.map((i) => i.result)];
    for (const cell of cells) {
      if (cell.satisfaction) expect(cell.satisfaction).toEqual({ suppressed: true, minGroupSize: 10 });
      expect(cell.index).toEqual({ suppressed: true, minGroupSize: 10 });
    }
  });

  it('a cell answered by fewer than the threshold is suppressed, the rest of the class is not', () => {
    const cc = by.get('C')!;
    expect(cc.overall.index).toMatchObject({ suppressed: false, respondents: 12 });
    expect(cc.dimensions.find((d) => d.dimension === '师德师风')!.result.satisfaction!.suppressed).toBe(true);
    expect(cc.dimensions.find((d) => d.dimension === '总体评价')!.result.satisfaction!.suppressed).toBe(false);
  });

  it('the threshold is data', () => {
    const lax = resultsByGroup(survey, rows, (r) => r.classId, { minGroupSize: 9 });
    expect(lax.get('B')!.overall.satisfaction!.suppressed).toBe(false);
  });
});

describe('ranking from results', () => {
  it('rate or index of the overall cell or a dimension; suppressed groups excluded', () => {
    // X: 10 respondents all 满意/基本满意 (rate 1, index 75); Y: 10 with ethics 不满意 (rate 1/2, index 62.5); Z: 9
    const y: Row[] = full('Y', 10).map((r) => ({ ...r, answers: { ...r.answers, ethics: '不满意' } }));
    const by = resultsByGroup(survey, [...full('X', 10), ...y, ...full('Z', 9)], (r) => r.classId);
    const byRate = rankUnits(unitMetrics(by, 'rate'));
    expect(byRate.ranked.map((r) => [r.unitId, r.value, r.rank])).toEqual([
      ['X', 1, 1],
      ['Y', 0.5, 2],
    ]);
    expect(byRate.excluded).toEqual([{ unitId: 'Z', reason: 'suppressed' }]);
    // Y's respondent index: (100 + 0 + 100 + 50)/4 = 62.5
    expect(rankUnits(unitMetrics(by, 'index')).ranked.map((r) => [r.unitId, r.value])).toEqual([
      ['X', 75],
      ['Y', 62.5],
    ]);
    // by dimension 师德师风: X 基本满意 → 50, Y 不满意 → 0
    expect(rankUnits(unitMetrics(by, 'index', '师德师风')).ranked.map((r) => r.value)).toEqual([50, 0]);
    // a dimension with no satisfaction-scale item has no rate, whatever the group size
    expect(rankUnits(unitMetrics(by, 'rate', '校园安全')).excluded.map((e) => e.reason)).toEqual([
      'no-value',
      'no-value',
      'no-value',
    ]);
    expect(rankUnits(unitMetrics(by, 'index', '不存在')).excluded.map((e) => e.reason)).toEqual([
      'no-value',
      'no-value',
      'no-value',
    ]);
  });
});
