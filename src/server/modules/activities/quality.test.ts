import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/activities/index.js';
import { type OrgTestContext, setupOrgTest } from '../org/test-context.js';
import { todayInChina } from './shared.js';

const API = '/api/v1/activities';
let t: OrgTestContext;
const today = todayInChina();

beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(() => t.close());

/**
 * Worked example: principalA and directorA both observe two of teacherA's lessons with the four-criterion rubric.
 * A: [4,3,3,2] and [3,3,2,2]; B: [4,3,2,2] and [3,4,2,1] → 8 rating pairs (4,4) (3,3) (3,2) (2,2) (3,3) (3,4) (2,2) (2,1).
 * Exact 5/8 = 0.625; adjacent 8/8 = 1. Linear weights |i−j|/3: observed disagreement 3 × ⅓ / 8 = 0.125;
 * A's level shares (1..4) 0, ⅜, ½, ⅛; B's ⅛, ⅜, ¼, ¼; chance disagreement Σ w·pA·pB = 21/192 + 28/192 + 11/192 = 0.3125;
 * κw = 1 − 0.125 / 0.3125 = 0.6. Lesson scores (mean level): A 3 and 2.5, B 2.75 and 2.5 → A's offset
 * ((3 − 2.75) + 0) / 2 = +0.125, B's −0.125.
 */
describe('observation quality', () => {
  it('computes agreement, kappa and severity for two observers, and flags a late entry', async () => {
    const rubric = (await t.as.principalA.request('GET', `${API}/rubrics`)).json()[0];
    const ids = rubric.criteria.map((c: { id: string }) => c.id) as string[];
    const enter = async (
      who: 'principalA' | 'directorA',
      period: number,
      levels: number[],
      date = addDays(today, -2),
    ) => {
      const res = await t.as[who].request('POST', `${API}/observations`, {
        teacherId: t.fx.staff.teacherA,
        subjectId: t.fx.subjects.shuxue,
        lessonDate: date,
        period,
        kind: '随堂',
        rubricId: rubric.id,
        scores: Object.fromEntries(ids.map((id, i) => [id, levels[i]])),
        strengths: '—',
        improvement: '—',
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as number;
    };
    await enter('principalA', 1, [4, 3, 3, 2]);
    await enter('principalA', 2, [3, 3, 2, 2]);
    await enter('directorA', 1, [4, 3, 2, 2]);
    await enter('directorA', 2, [3, 4, 2, 1]);
    const late = await enter('directorA', 3, [3, 3, 3, 3], addDays(today, -20));

    const q = (await t.as.principalA.request('GET', `${API}/quality?from=${addDays(today, -30)}&to=${today}`)).json();
    expect(q.pairs).toHaveLength(1);
    expect(q.pairs[0]).toMatchObject({ lessons: 2, ratings: 8, exact: 0.625, adjacent: 1 });
    expect(q.pairs[0].kappa).toBeCloseTo(0.6, 10);
    const sev = Object.fromEntries(
      q.severity.map((s: { observerId: number; meanOffset: number }) => [s.observerId, s.meanOffset]),
    );
    expect(sev[t.fx.staff.principalA]).toBeCloseTo(0.125, 10);
    expect(sev[t.fx.staff.directorA]).toBeCloseTo(-0.125, 10);
    expect(q.flags.map((f: { id: number; late: boolean }) => [f.id, f.late])).toEqual([[late, true]]);
    // principalB sees none of school A's observations
    const b = (await t.as.principalB.request('GET', `${API}/quality?from=${addDays(today, -30)}&to=${today}`)).json();
    expect(b.pairs).toEqual([]);
  });
});
