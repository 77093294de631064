import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from './calendar.js';
import {
  type ActivityRecord,
  behindList,
  checkHomeVisitSchool,
  checkRecord,
  complianceBySchool,
  complianceOverall,
  duplicateObservations,
  type EvaluationInput,
  evaluateQuotas,
  evaluateRule,
  expectedToDate,
  type Person,
  presenceShare,
  proRataTarget,
} from './evaluate.js';
import { missingCategories } from './home-visits.js';
import { DEFAULT_QUOTA_RULES, type QuotaRule } from './rules.js';

/**
 * Term T1: Mon 2025-09-01 … Sun 2026-01-18 = 140 days (30+31+30+31+18), 20 whole weeks.
 * School year 2025-09-01 … 2026-08-31 = 365 days.
 */
const CAL: SchoolCalendar = {
  years: [
    {
      id: 'SY2025',
      start: '2025-09-01',
      end: '2026-08-31',
      terms: [
        { id: 'T1', start: '2025-09-01', end: '2026-01-18' },
        { id: 'T2', start: '2026-03-02', end: '2026-07-12' },
      ],
    },
  ],
};

function rule(id: string): QuotaRule {
  const r = DEFAULT_QUOTA_RULES.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
}

/** n records of a kind by a person, one a day from `from`. */
function many(
  n: number,
  kind: ActivityRecord['kind'],
  personId: string,
  from: string,
  extra: Partial<ActivityRecord> = {},
) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => ({
    id: `${personId}-${kind}-${from}-${i}`,
    kind,
    personId,
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    ...extra,
  }));
}

function input(over: Partial<EvaluationInput>): EvaluationInput {
  return { rules: [], people: [], records: [], calendar: CAL, asOf: '2026-01-20', ...over };
}

function find(results: ReturnType<typeof evaluateQuotas>, subjectId: string, periodId: string) {
  const r = results.find((x) => x.subjectId === subjectId && x.period.id === periodId);
  if (!r) throw new Error(`${subjectId} ${periodId}`);
  return r;
}

describe('pro-rata helpers', () => {
  it('rounds count targets up and leaves hours exact', () => {
    expect(proRataTarget(40, 0.5, true)).toBe(20);
    expect(proRataTarget(40, 69 / 140, true)).toBe(20); // 19.71 → 20
    expect(proRataTarget(1, 1 / 365, true)).toBe(1);
    expect(proRataTarget(72, 0.7, false)).toBe(50.4);
  });

  it('expects to date by elapsed days, rounded down for counts', () => {
    const t1 = { start: '2025-09-01', end: '2026-01-18' };
    // Sep 1 … Oct 20 = 30 + 20 = 50 days of 140: 40 × 50 / 140 = 14.29 → 14.
    expect(expectedToDate(40, t1, '2025-10-20', true)).toBe(14);
    expect(expectedToDate(40, t1, '2025-08-01', true)).toBe(0);
    expect(expectedToDate(40, t1, '2026-02-01', true)).toBe(40);
    // Hours: 2026-01-01 … 2026-07-01 = 182 days of 365: 72 × 182 / 365 = 35.901…
    expect(expectedToDate(72, { start: '2026-01-01', end: '2026-12-31' }, '2026-07-01', false)).toBeCloseTo(35.9014, 4);
  });

  it('measures presence by days', () => {
    const t1 = { start: '2025-09-01', end: '2026-01-18' };
    // Joined Nov 10: Nov 10–30 (21) + Dec (31) + Jan 1–18 (18) = 70 of 140.
    expect(presenceShare({ joined: '2025-11-10' }, t1)).toBe(0.5);
    expect(presenceShare({ left: '2025-08-31' }, t1)).toBe(0);
    expect(presenceShare({}, t1)).toBe(1);
  });
});

describe('教研员 ≥ 40 observations a term (seed 000 L179)', () => {
  const people: Person[] = [
    { id: 'R40', schoolId: 'BUREAU', roles: ['researcher'] },
    { id: 'R39', schoolId: 'BUREAU', roles: ['researcher'] },
    { id: 'T', schoolId: 'S1', roles: ['teacher'] },
  ];
  const records = [...many(40, 'observation', 'R40', '2025-09-01'), ...many(39, 'observation', 'R39', '2025-09-01')];

  it('meets at exactly 40 and misses at 39 once the term is over', () => {
    const res = evaluateRule(rule('observe-researcher-term'), input({ people, records, asOf: '2026-01-20' }));
    expect(res.map((r) => r.subjectId)).toEqual(['R40', 'R39']); // teachers are not subjects of this rule
    expect(find(res, 'R40', 'T1')).toMatchObject({ measured: 40, target: 40, met: true, shortfall: 0, status: 'met' });
    expect(find(res, 'R39', 'T1')).toMatchObject({
      measured: 39,
      target: 40,
      met: false,
      shortfall: 1,
      status: 'not_met',
    });
    expect(find(res, 'R40', 'T1').recordIds).toHaveLength(40);
  });

  it('is on track or behind pro rata within the term', () => {
    // asOf Oct 20: expected 14 (see above). 14 lessons → on track, 13 → behind.
    const recs = [...many(14, 'observation', 'R40', '2025-09-01'), ...many(13, 'observation', 'R39', '2025-09-01')];
    const res = evaluateRule(rule('observe-researcher-term'), input({ people, records: recs, asOf: '2025-10-20' }));
    expect(find(res, 'R40', 'T1')).toMatchObject({ expectedToDate: 14, status: 'on_track', finished: false });
    expect(find(res, 'R39', 'T1')).toMatchObject({ expectedToDate: 14, status: 'behind', shortfall: 27 });
  });

  it('pro-rates a researcher who joins mid-term by days present', () => {
    const joiners: Person[] = [
      { id: 'J10', schoolId: 'BUREAU', roles: ['researcher'], joined: '2025-11-10' }, // 70/140 → 20
      { id: 'J11', schoolId: 'BUREAU', roles: ['researcher'], joined: '2025-11-11' }, // 69/140 → 19.71 → 20
      { id: 'J12', schoolId: 'BUREAU', roles: ['researcher'], joined: '2025-11-12' }, // 68/140 → 19.43 → 20
      { id: 'J', schoolId: 'BUREAU', roles: ['researcher'], joined: '2025-12-01' }, // 49/140 → 14
    ];
    const recs = [...many(20, 'observation', 'J10', '2025-11-10'), ...many(13, 'observation', 'J', '2025-12-01')];
    const res = evaluateRule(rule('observe-researcher-term'), input({ people: joiners, records: recs }));
    expect(find(res, 'J10', 'T1')).toMatchObject({ presentShare: 0.5, target: 20, status: 'met' });
    expect(find(res, 'J11', 'T1').target).toBe(20);
    expect(find(res, 'J', 'T1')).toMatchObject({ target: 14, measured: 13, shortfall: 1, status: 'not_met' });
    // During the term: J10 present Nov 10 … Dec 14 = 35 of 70 days → expected 10.
    const mid = evaluateRule(
      rule('observe-researcher-term'),
      input({ people: joiners, records: recs, asOf: '2025-12-14' }),
    );
    expect(find(mid, 'J10', 'T1').expectedToDate).toBe(10);
    // A person who joins after the term is not evaluated for it.
    const later = evaluateRule(
      rule('observe-researcher-term'),
      input({ people: [{ id: 'L', schoolId: 'B', roles: ['researcher'], joined: '2026-02-01' }] }),
    );
    expect(later).toEqual([]);
  });

  it('counts only the sub-kinds a rule names, and never a record after asOf', () => {
    const r: QuotaRule = { ...rule('observe-principal-term'), id: 'push-door', subkinds: ['推门听课'] };
    const recs: ActivityRecord[] = [
      { id: 'a', kind: 'observation', personId: 'P', date: '2025-09-02', subkind: '推门听课' },
      { id: 'b', kind: 'observation', personId: 'P', date: '2025-09-03', subkind: '随堂' },
      { id: 'c', kind: 'observation', personId: 'P', date: '2025-09-04' },
      { id: 'd', kind: 'observation', personId: 'P', date: '2025-12-01', subkind: '推门听课' },
    ];
    const res = evaluateRule(
      r,
      input({ people: [{ id: 'P', schoolId: 'S1', roles: ['principal'] }], records: recs, asOf: '2025-10-01' }),
    );
    expect(find(res, 'P', 'T1')).toMatchObject({ measured: 1, recordIds: ['a'] });
  });
});

describe('model and county-level lessons (seed 000 L423, L179)', () => {
  it('counts only 示范课 for the principal, and only 县级以上 lessons for the researcher', () => {
    const people: Person[] = [
      { id: 'P', schoolId: 'S1', roles: ['principal'] },
      { id: 'R', schoolId: 'BUREAU', roles: ['researcher'] },
    ];
    const records: ActivityRecord[] = [
      { id: 'p1', kind: 'open_lesson', personId: 'P', date: '2025-10-10', subkind: '研究课' },
      { id: 'r1', kind: 'open_lesson', personId: 'R', date: '2025-10-10', level: '县级' },
      { id: 'r2', kind: 'open_lesson', personId: 'R', date: '2025-11-10', level: '校级' },
      { id: 'r3', kind: 'open_lesson', personId: 'R', date: '2026-04-10', level: '市级', subkind: '示范课' },
      { id: 'r4', kind: 'open_lesson', personId: 'R', date: '2026-05-10', level: '县级' },
    ];
    const res = evaluateQuotas(
      input({
        rules: [
          rule('model-lesson-principal-term'),
          rule('open-lesson-researcher-year'),
          rule('model-lesson-researcher-year'),
        ],
        people,
        records,
        asOf: '2026-08-31',
      }),
    );
    const of = (ruleId: string) => res.filter((r) => r.ruleId === ruleId);
    expect(find(of('model-lesson-principal-term'), 'P', 'T1')).toMatchObject({ measured: 0, status: 'not_met' });
    expect(find(of('open-lesson-researcher-year'), 'R', 'SY2025')).toMatchObject({
      measured: 3,
      target: 3,
      status: 'met',
    });
    expect(find(of('model-lesson-researcher-year'), 'R', 'SY2025')).toMatchObject({ measured: 1, recordIds: ['r3'] });
  });
});

describe('校长 ≥ 20 observations a term (seed 000 L423)', () => {
  it('meets at exactly 20', () => {
    const people: Person[] = [{ id: 'P', schoolId: 'S1', roles: ['principal', 'teacher'] }];
    const res = evaluateRule(
      rule('observe-principal-term'),
      input({ people, records: many(20, 'observation', 'P', '2025-10-01') }),
    );
    expect(find(res, 'P', 'T1')).toMatchObject({ measured: 20, target: 20, status: 'met' });
  });
});

describe('open lessons: ≥ half the teachers per school per term, and every teacher ≥ 1 a year (seed 000 L55)', () => {
  const teachers = (n: number, school = 'S1'): Person[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${school}-t${i + 1}`, schoolId: school, roles: ['teacher'] }));
  const lesson = (id: string, personId: string, date: string): ActivityRecord => ({
    id,
    kind: 'open_lesson',
    personId,
    date,
  });

  it('needs ⌈half the headcount⌉ lessons from the school', () => {
    // 5 teachers → 2.5 → 3; 6 → 3; 7 → 3.5 → 4.
    for (const [n, target] of [
      [5, 3],
      [6, 3],
      [7, 4],
    ]) {
      const res = evaluateRule(rule('open-lessons-school-term'), input({ people: teachers(n) }));
      expect(find(res, 'S1', 'T1').target).toBe(target);
    }
  });

  it('counts a mid-term joiner into the headcount by days present', () => {
    // 5 full-term teachers + 1 present 70 of 140 days = 5.5 → × 0.5 = 2.75 → 3.
    const people = [...teachers(5), { id: 'new', schoolId: 'S1', roles: ['teacher'], joined: '2025-11-10' }];
    const res = evaluateRule(rule('open-lessons-school-term'), input({ people }));
    expect(find(res, 'S1', 'T1').fullTarget).toBe(3);
  });

  it('checks both rules together: the school meets its term share while some teachers still owe their yearly lesson', () => {
    const people = [...teachers(5), ...teachers(2, 'S2')];
    const records = [
      lesson('a1', 'S1-t1', '2025-10-10'),
      lesson('a2', 'S1-t1', '2025-11-10'),
      lesson('b1', 'S1-t2', '2025-12-10'),
      lesson('c1', 'S2-t1', '2025-12-11'), // another school's lesson does not count for S1
    ];
    const rules = [rule('open-lessons-school-term'), rule('open-lesson-teacher-year')];
    // Jan 20: term 1 is over, the school year is not (Sep 1 … Jan 20 = 142 of 365 days → expected ⌊0.39⌋ = 0).
    // A bureau researcher's "school" has no teachers, so it owes no open lessons and is not listed.
    const withBureau = [...people, { id: 'R', schoolId: 'BUREAU', roles: ['researcher'] }];
    const res = evaluateQuotas(input({ rules, people: withBureau, records, asOf: '2026-01-20' }));
    const school = res.filter((r) => r.ruleId === 'open-lessons-school-term');
    expect(school.map((r) => r.subjectId)).toEqual(['S1', 'S2']);
    expect(find(school, 'S1', 'T1')).toMatchObject({ measured: 3, target: 3, status: 'met' });
    expect(find(school, 'S2', 'T1')).toMatchObject({ measured: 1, target: 1, status: 'met' });
    const yearly = res.filter((r) => r.ruleId === 'open-lesson-teacher-year');
    expect(yearly.filter((r) => r.status === 'met').map((r) => r.subjectId)).toEqual(['S1-t1', 'S1-t2', 'S2-t1']);
    expect(yearly.filter((r) => r.status === 'on_track').map((r) => r.subjectId)).toEqual([
      'S1-t3',
      'S1-t4',
      'S1-t5',
      'S2-t2',
    ]);
    // County-wide: 7 teachers, 3 met, all 7 met or on track → 3/7 of people, not the mean of the school shares.
    expect(complianceOverall(yearly)).toEqual([
      {
        ruleId: 'open-lesson-teacher-year',
        periodId: 'SY2025',
        subjects: 7,
        met: 3,
        metOrOnTrack: 7,
        shareMet: Number((3 / 7).toPrecision(12)),
        shareOk: 1,
      },
    ]);
    const s1 = complianceBySchool(yearly).find((c) => c.schoolId === 'S1');
    expect(s1).toMatchObject({ subjects: 5, met: 2, metOrOnTrack: 5, shareMet: 0.4, shareOk: 1 });

    // At the end of the school year the three who never taught one are not met; term 2 had no lessons at all.
    const end = evaluateQuotas(input({ rules, people, records, asOf: '2026-08-31' }));
    expect(behindList(end.filter((r) => r.ruleId === 'open-lesson-teacher-year')).map((r) => r.subjectId)).toEqual([
      'S1-t3',
      'S1-t4',
      'S1-t5',
      'S2-t2',
    ]);
    expect(
      find(
        end.filter((r) => r.ruleId === 'open-lessons-school-term'),
        'S1',
        'T2',
      ),
    ).toMatchObject({
      measured: 0,
      target: 3,
      shortfall: 3,
      status: 'not_met',
    });
  });

  it('asks even a teacher present one day of the year for one open lesson (counts round up)', () => {
    const people: Person[] = [{ id: 'late', schoolId: 'S1', roles: ['teacher'], joined: '2026-08-31' }];
    const res = evaluateRule(rule('open-lesson-teacher-year'), input({ people, asOf: '2026-08-31' }));
    expect(find(res, 'late', 'SY2025')).toMatchObject({ target: 1, status: 'not_met' });
  });
});

describe('collective prep ≥ 1 a week per 备课组 (seed 000 L53)', () => {
  // Term A Wed 2025-09-03 … Tue 2025-09-30 (weeks of Sep 1, 8, 15, 22); term B Wed 2025-10-01 … Fri 2025-10-31
  // (weeks of Sep 29, Oct 6, 13, 20, 27): the week Sep 29 – Oct 5 spans the boundary and is B's.
  const cal: SchoolCalendar = {
    years: [
      {
        id: 'Y',
        start: '2025-09-01',
        end: '2026-08-31',
        terms: [
          { id: 'A', start: '2025-09-03', end: '2025-09-30' },
          { id: 'B', start: '2025-10-01', end: '2025-10-31' },
        ],
      },
    ],
  };
  const groups = [
    { id: 'G-math', schoolId: 'S1', kind: '备课组', subject: '数学' },
    { id: 'JY', schoolId: 'S1', kind: '教研组' },
  ];
  const prep = (id: string, date: string, groupId = 'G-math'): ActivityRecord => ({
    id,
    kind: 'collective_prep',
    personId: 'x',
    date,
    groupId,
  });
  const records = [
    prep('p1', '2025-09-02'), // Tue before term A opens, but in A's first week (Sep 1–7)
    prep('p2', '2025-09-10'),
    prep('p2b', '2025-09-11'), // a second session in the same week still makes one met week
    prep('p3', '2025-09-30'), // Tue in term A, but the week Sep 29 – Oct 5 is B's
    prep('p4', '2025-10-08'),
    prep('jy', '2025-09-17', 'JY'), // a 教研组 session is not a 备课组 session
  ];

  it('evaluates each group-week, counting the boundary week once, in the term that owns it', () => {
    const res = evaluateRule(
      rule('collective-prep-group-week'),
      input({ calendar: cal, groups, records, asOf: '2025-11-02' }),
    );
    expect(res).toHaveLength(9); // 4 + 5 weeks, one 备课组
    expect(res.map((r) => [r.period.id, r.measured])).toEqual([
      ['A:W2025-09-01', 1],
      ['A:W2025-09-08', 2],
      ['A:W2025-09-15', 0],
      ['A:W2025-09-22', 0],
      ['B:W2025-09-29', 1],
      ['B:W2025-10-06', 1],
      ['B:W2025-10-13', 0],
      ['B:W2025-10-20', 0],
      ['B:W2025-10-27', 0],
    ]);
    const byTerm = complianceBySchool(res);
    expect(byTerm).toEqual([
      {
        ruleId: 'collective-prep-group-week',
        periodId: 'A',
        schoolId: 'S1',
        subjects: 4,
        met: 2,
        metOrOnTrack: 2,
        shareMet: 0.5,
        shareOk: 0.5,
      },
      {
        ruleId: 'collective-prep-group-week',
        periodId: 'B',
        schoolId: 'S1',
        subjects: 5,
        met: 2,
        metOrOnTrack: 2,
        shareMet: 0.4,
        shareOk: 0.4,
      },
    ]);
  });

  it('does not evaluate a group before it exists, and pro-rates nothing within a week', () => {
    // A 备课组 founded Wed 2025-10-08: weeks from Oct 6 on (Oct 6 – 12 is its first, present 5 of 7 days).
    const late = [{ id: 'G-new', schoolId: 'S1', kind: '备课组', from: '2025-10-08' }];
    const res = evaluateRule(
      rule('collective-prep-group-week'),
      input({ calendar: cal, groups: late, records: [], asOf: '2025-11-02' }),
    );
    expect(res.map((r) => r.period.id)).toEqual(['B:W2025-10-06', 'B:W2025-10-13', 'B:W2025-10-20', 'B:W2025-10-27']);
    expect(res[0]).toMatchObject({ target: 1, status: 'not_met' }); // ⌈1 × 5/7⌉ = 1
  });

  it('does not call the current week behind before it ends', () => {
    // Wed Oct 15: the week of Oct 13 has 3 of 7 days elapsed → expected ⌊3/7⌋ = 0 → on track.
    const res = evaluateRule(
      rule('collective-prep-group-week'),
      input({ calendar: cal, groups, records, asOf: '2025-10-15' }),
    );
    expect(res.at(-1)).toMatchObject({ period: { id: 'B:W2025-10-13' }, status: 'on_track' });
    // Finished and missed: A's weeks of Sep 15 and Sep 22 (B's weeks of Sep 29 and Oct 6 each had a session).
    expect(res.filter((r) => r.status === 'not_met').map((r) => r.period.id)).toEqual([
      'A:W2025-09-15',
      'A:W2025-09-22',
    ]);
  });
});

describe('training hours: ≥ 72 a year and ≥ 360 per 5 years (seed 000 L163, L509)', () => {
  const training = (id: string, personId: string, date: string, hours: number): ActivityRecord => ({
    id,
    kind: 'training',
    personId,
    date,
    hours,
  });
  const people: Person[] = [
    { id: 'A', schoolId: 'S1', roles: ['teacher'] },
    { id: 'B', schoolId: 'S1', roles: ['teacher'] },
  ];

  it('meets 72 hours exactly and misses by half an hour', () => {
    const records = [
      training('a1', 'A', '2025-03-01', 50),
      training('a2', 'A', '2025-11-01', 22),
      training('b1', 'B', '2025-06-01', 71.5),
    ];
    const res = evaluateRule(rule('training-teacher-year'), input({ people, records, asOf: '2026-01-20' }));
    expect(find(res, 'A', 'Y2025')).toMatchObject({ measured: 72, target: 72, status: 'met' });
    expect(find(res, 'B', 'Y2025')).toMatchObject({ measured: 71.5, shortfall: 0.5, status: 'not_met' });
    // 2026: 20 of 365 days gone → 72 × 20/365 = 3.945 h due; hours are not rounded down, so 0 h is already behind.
    expect(find(res, 'A', 'Y2026')).toMatchObject({ measured: 0, status: 'behind' });
    expect(find(res, 'A', 'Y2026').expectedToDate).toBeCloseTo(3.9452, 4);
  });

  it('is on track for hours pro rata (72 × 182/365 = 35.90 h due on Jul 1)', () => {
    const records = [training('a', 'A', '2026-05-01', 36), training('b', 'B', '2026-05-01', 35.5)];
    const res = evaluateRule(rule('training-teacher-year'), input({ people, records, asOf: '2026-07-01' }));
    expect(find(res, 'A', 'Y2026').status).toBe('on_track');
    expect(find(res, 'B', 'Y2026').status).toBe('behind');
  });

  it('totals the rolling 5 calendar years', () => {
    // A: 2021 100, 2022 80, 2023 70, 2024 72, 2025 60, 2026 78. Window 2021–2025 = 382; 2022–2026 = 360 exactly.
    // B: the same but 77 in 2026 → 2022–2026 = 359, short by 1.
    const hours: [string, number][] = [
      ['2021-05-01', 100],
      ['2022-05-01', 80],
      ['2023-05-01', 70],
      ['2024-05-01', 72],
      ['2025-05-01', 60],
    ];
    const records = [
      ...hours.map(([d, h], i) => training(`a${i}`, 'A', d, h)),
      ...hours.map(([d, h], i) => training(`b${i}`, 'B', d, h)),
      training('a6', 'A', '2026-05-01', 78),
      training('b6', 'B', '2026-05-01', 77),
    ];
    const res = evaluateRule(rule('training-teacher-5y'), input({ people, records, asOf: '2026-12-31' }));
    expect(find(res, 'A', '5y:2021-2025')).toMatchObject({ measured: 382, status: 'met' });
    expect(find(res, 'A', '5y:2022-2026')).toMatchObject({ measured: 360, target: 360, status: 'met' });
    expect(find(res, 'B', '5y:2022-2026')).toMatchObject({ measured: 359, shortfall: 1, status: 'not_met' });
  });

  it('pro-rates the 5-year target for a teacher who joined within the window', () => {
    // Joined 2024-01-01: present 366 + 365 + 365 = 1096 of 1826 days (2022–2026) → 360 × 1096/1826 = 216.0789 h.
    const res = evaluateRule(
      rule('training-teacher-5y'),
      input({ people: [{ id: 'N', schoolId: 'S1', roles: ['teacher'], joined: '2024-01-01' }], asOf: '2026-12-31' }),
    );
    const r = find(res, 'N', '5y:2022-2026');
    expect(r.presentShare).toBeCloseTo(1096 / 1826, 12);
    expect(r.target).toBeCloseTo(216.0789, 4);
  });
});

describe('home visits (seed 000 L141; seed 004 L110)', () => {
  const families = [
    { id: 'F1', schoolId: 'S1', category: 'top' },
    { id: 'F2', schoolId: 'S1', category: 'left_behind' },
    { id: 'F3', schoolId: 'S1', category: 'poor' },
    { id: 'F4', schoolId: 'S1', category: 'single_parent' },
    { id: 'X1', schoolId: 'S2' },
  ];
  const visit = (id: string, personId: string, familyId: string, date: string): ActivityRecord => ({
    id,
    kind: 'home_visit',
    personId,
    familyId,
    date,
  });

  it('measures each school’s family coverage over the school year', () => {
    const people: Person[] = [{ id: 'V', schoolId: 'S1', roles: ['teacher'] }];
    const records = [
      visit('v1', 'V', 'F1', '2025-09-10'),
      visit('v2', 'V', 'F2', '2025-10-10'),
      visit('v3', 'V', 'F2', '2025-11-10'), // F2 twice is still one family
      visit('v4', 'V', 'F3', '2026-03-10'),
      visit('v5', 'V', 'X1', '2026-03-11'), // S2's family: counts for S2, not S1
    ];
    const res = evaluateRule(
      rule('home-visit-coverage-year'),
      input({ people, families, records, asOf: '2026-08-31' }),
    );
    expect(find(res, 'S1', 'SY2025')).toMatchObject({ measured: 0.75, target: 1, shortfall: 0.25, status: 'not_met' });
    expect(find(res, 'S2', 'SY2025')).toMatchObject({ measured: 1, status: 'met' });
    expect(res).toHaveLength(2); // V's school list comes from the families, not the people
  });

  it('asks 20 different families of a cadre and 10 of a staff member each term', () => {
    const people: Person[] = [
      { id: 'C', schoolId: 'S1', roles: ['cadre'] },
      { id: 'W', schoolId: 'S1', roles: ['staff'] },
    ];
    const records = [
      ...Array.from({ length: 20 }, (_, i) => visit(`c${i}`, 'C', `F${i}`, '2025-10-01')),
      visit('c-again', 'C', 'F0', '2025-10-02'),
      ...Array.from({ length: 9 }, (_, i) => visit(`w${i}`, 'W', `F${i}`, '2025-10-01')),
      visit('w-again', 'W', 'F0', '2025-10-02'),
    ];
    const res = evaluateQuotas(
      input({ rules: [rule('home-visit-cadre-term'), rule('home-visit-staff-term')], people, records }),
    );
    expect(find(res, 'C', 'T1')).toMatchObject({ measured: 20, target: 20, status: 'met' });
    expect(find(res, 'W', 'T1')).toMatchObject({ measured: 9, target: 10, shortfall: 1, status: 'not_met' });
  });

  it('lists the family categories a visitor has not reached', () => {
    const records = [
      visit('v1', 'V', 'F1', '2025-09-10'),
      visit('v2', 'V', 'F2', '2025-09-11'),
      visit('v3', 'V', 'X1', '2025-09-12'),
    ];
    expect(missingCategories('V', records, families, { start: '2025-09-01', end: '2026-01-18' })).toEqual([
      'talented',
      'poor',
      'struggling',
      'single_parent',
    ]);
  });
});

describe('behind list and bad input', () => {
  it('orders the behind list by shortfall', () => {
    const people: Person[] = [
      { id: 'R1', schoolId: 'B', roles: ['researcher'] },
      { id: 'R2', schoolId: 'B', roles: ['researcher'] },
      { id: 'R3', schoolId: 'B', roles: ['researcher'] },
    ];
    const records = [...many(40, 'observation', 'R1', '2025-09-01'), ...many(30, 'observation', 'R3', '2025-09-01')];
    const res = evaluateRule(rule('observe-researcher-term'), input({ people, records }));
    expect(behindList(res).map((r) => [r.subjectId, r.shortfall])).toEqual([
      ['R2', 40],
      ['R3', 10],
    ]);
  });

  it('refuses future dates, impossible days, bad training hours and missing links', () => {
    const asOf = '2025-10-01';
    expect(checkRecord({ id: '1', kind: 'observation', personId: 'p', date: '2025-10-02' }, asOf)).toEqual([
      '日期 2025-10-02 在今天 (2025-10-01) 之后',
    ]);
    expect(checkRecord({ id: '1', kind: 'observation', personId: 'p', date: '2025-02-30' }, asOf)).toEqual([
      '不存在的日期: 2025-02-30',
    ]);
    expect(checkRecord({ id: '1', kind: 'training', personId: 'p', date: '2025-09-01', hours: 0 }, asOf)).toEqual([
      '培训学时必须大于0',
    ]);
    expect(checkRecord({ id: '1', kind: 'training', personId: 'p', date: '2025-09-01', hours: 25 }, asOf, 24)).toEqual([
      '培训学时 25 超过课程学时 24',
    ]);
    expect(checkRecord({ id: '1', kind: 'training', personId: 'p', date: '2025-09-01', hours: 24 }, asOf, 24)).toEqual(
      [],
    );
    expect(checkRecord({ id: '1', kind: 'collective_prep', personId: 'p', date: '2025-09-01' }, asOf)).toEqual([
      '集体备课必须注明备课组',
    ]);
    expect(checkRecord({ id: '1', kind: 'home_visit', personId: 'p', date: '2025-09-01' }, asOf)).toEqual([
      '家访必须注明学生家庭',
    ]);
  });
});

describe('duplicates and scope', () => {
  it('finds the same lesson entered twice by the same observer', () => {
    const obs = (
      id: string,
      personId: string,
      teacherId: string,
      date: string,
      lessonSlot?: number,
    ): ActivityRecord => ({
      id,
      kind: 'observation',
      personId,
      teacherId,
      date,
      lessonSlot,
    });
    const records = [
      obs('1', 'O', 'T', '2025-10-09', 2),
      obs('2', 'O', 'T', '2025-10-09', 3), // another 节次
      obs('3', 'P', 'T', '2025-10-09', 2), // another observer of the same lesson: fine (it feeds agreement)
      obs('4', 'O', 'T', '2025-10-09', 2), // duplicate of 1
      obs('5', 'O', 'T', '2025-10-09'), // no slot: cannot match
      obs('6', 'O', 'T', '2025-10-09', 2), // duplicate of 1 again
    ];
    expect(duplicateObservations(records)).toEqual(['4', '6']);
  });

  it("refuses a home visit to a family of another school than the visitor's", () => {
    const people: Person[] = [{ id: 'V', schoolId: 'S1', roles: ['teacher'] }];
    const families = [
      { id: 'F1', schoolId: 'S1' },
      { id: 'F2', schoolId: 'S2' },
    ];
    const v = (familyId: string): ActivityRecord => ({
      id: 'x',
      kind: 'home_visit',
      personId: 'V',
      familyId,
      date: '2025-10-01',
    });
    expect(checkHomeVisitSchool(v('F1'), people, families)).toBeNull();
    expect(checkHomeVisitSchool(v('F2'), people, families)).toBe('家访对象 F2 不是访问人所在学校的学生家庭');
  });
});

describe('default rules', () => {
  it('have unique ids, a citation each, and the seeded numbers', () => {
    const ids = DEFAULT_QUOTA_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of DEFAULT_QUOTA_RULES) expect(r.citation.seedLine).toMatch(/^L\d+$/);
    const target = (id: string) => rule(id).target;
    expect(target('observe-researcher-term')).toEqual({ kind: 'fixed', value: 40 });
    expect(target('observe-principal-term')).toEqual({ kind: 'fixed', value: 20 });
    expect(target('open-lessons-school-term')).toEqual({ kind: 'per_head', factor: 0.5, role: 'teacher' });
    expect(target('training-teacher-year')).toEqual({ kind: 'fixed', value: 72 });
    expect(target('training-teacher-5y')).toEqual({ kind: 'fixed', value: 360 });
    expect(target('home-visit-cadre-term')).toEqual({ kind: 'fixed', value: 20 });
    expect(target('home-visit-staff-term')).toEqual({ kind: 'fixed', value: 10 });
  });
});
