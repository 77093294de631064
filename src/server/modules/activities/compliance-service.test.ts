import { describe, expect, it } from 'vitest';
import { evaluateCompliance } from './compliance-service.js';
import type { CountyData, RuleRow } from './engine-input.js';

const weekly: RuleRow = {
  id: 1,
  code: 'collective-prep-group-week',
  label: '每周每学科集体备课不少于1次',
  activity: 'collective_prep',
  subkinds: null,
  levels: null,
  subject_scope: 'group',
  subject_role: null,
  group_kind: '备课组',
  school_types: null,
  tiers: null,
  measure: 'count',
  period: 'week',
  target_kind: 'fixed',
  target_value: 1,
  target_role: null,
  citation: null,
  active: true,
};

const data = (prepDates: string[]): CountyData => ({
  calendar: {
    years: [
      {
        id: 'Y1',
        start: '2026-09-01',
        end: '2027-08-31',
        terms: [{ id: 'T1', start: '2026-09-01', end: '2026-09-30' }],
      },
    ],
  },
  people: [],
  groups: [{ id: 'g1', schoolId: 's1', kind: '备课组', name: '数学备课组' }],
  families: [],
  records: prepDates.map((date, i) => ({ id: `p${i}`, kind: 'collective_prep', personId: 'x', date, groupId: 'g1' })),
});

/**
 * Term 1–30 Sep 2026 (1 Sep is a Tuesday). Its weeks (≥ 3 weekdays inside): 31 Aug, 7, 14, 21 and 28 Sep. As of
 * Wed 23 Sep, four weeks have begun (31 Aug, 7, 14, 21) and three are finished. Sessions on 2 and 16 Sep meet the
 * weeks of 31 Aug and 14 Sep; the week of 7 Sep is finished and missed → behind, 2 of 4, 3 expected so far.
 */
describe('weekly quota folded into the term', () => {
  it('counts weeks met against weeks begun, behind once a finished week was missed', () => {
    const [rc] = evaluateCompliance([weekly], data(['2026-09-02', '2026-09-16']), '2026-09-23');
    expect(rc.period).toMatchObject({ id: 'T1', start: '2026-09-01', end: '2026-09-30' });
    expect(rc.rows).toEqual([
      expect.objectContaining({
        subjectId: 'g1',
        measured: 2,
        target: 4,
        expectedToDate: 3,
        status: 'behind',
        shortfall: 2,
      }),
    ]);
  });

  it('is on track when only the running week lacks its session, and not met once the term is over', () => {
    const onTrack = evaluateCompliance([weekly], data(['2026-09-02', '2026-09-09', '2026-09-16']), '2026-09-23');
    expect(onTrack[0].rows[0]).toMatchObject({ measured: 3, target: 4, status: 'on_track' });
    // a session on Sat 5 Sep still counts for the week of 31 Aug (the whole Monday–Sunday week is the period)
    const over = evaluateCompliance(
      [weekly],
      data(['2026-09-05', '2026-09-09', '2026-09-16', '2026-09-23']),
      '2026-10-05',
    );
    expect(over[0].rows[0]).toMatchObject({ measured: 4, target: 5, status: 'not_met' });
  });
});
