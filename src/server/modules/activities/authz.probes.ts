import { ALL, type Allow, COUNTY, type Probe, type ProbeContext } from '../../testing/authz.js';
import { ensureCountyDefaults } from './defaults.js';

const V = '/api/v1/activities';
const NONE = 999_999_999;

/** Fixture users linked to a staff member (every one but the county admin and the district leader). */
const STAFF: Allow = [
  'inspector',
  'principalA',
  'directorA',
  'gradeLeaderA3',
  'subjectLeaderAMath',
  'headTeacherA',
  'teacherA',
  'principalB',
];
/** Who sees school A whole (its leadership, 教研组长, the bureau over it). */
const WHOLE_A = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'subjectLeaderAMath',
] as const;

/**
 * The activities module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). Record probes
 * use an observation of teacherA by principalA in school A, written straight into the database.
 */
export async function activitiesProbes({ db, fx }: ProbeContext): Promise<Probe[]> {
  await ensureCountyDefaults(db, fx.countyId);
  const rubric = await db
    .selectFrom('activity_rubrics')
    .select('id')
    .where('county_id', '=', fx.countyId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const observation = await db
    .insertInto('activity_observations')
    .values({
      county_id: fx.countyId,
      observer_id: fx.staff.principalA,
      teacher_id: fx.staff.teacherA,
      school_id: fx.schools.a,
      subject_id: fx.subjects.shuxue,
      lesson_date: '2020-01-06',
      period: 1,
      kind: '随堂',
      rubric_id: rubric.id,
      scores: JSON.stringify({}),
      score: 3,
      strengths: '—',
      improvement: '—',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const principalRule = await db
    .selectFrom('activity_quota_rules')
    .select('id')
    .where('county_id', '=', fx.countyId)
    .where('code', '=', 'observe-principal-term')
    .executeTakeFirstOrThrow();
  const o = observation.id;
  return [
    { method: 'GET', route: `${V}/rubrics`, url: `${V}/rubrics`, allow: ALL },
    { method: 'GET', route: `${V}/quota-rules`, url: `${V}/quota-rules`, allow: ALL },
    { method: 'GET', route: `${V}/quota-rules/:id`, url: `${V}/quota-rules/${principalRule.id}`, allow: ALL },
    { method: 'POST', route: `${V}/quota-rules`, url: `${V}/quota-rules`, body: {}, allow: COUNTY },
    {
      method: 'PATCH',
      route: `${V}/quota-rules/:id`,
      url: `${V}/quota-rules/${principalRule.id}`,
      body: {},
      allow: COUNTY,
    },
    { method: 'GET', route: `${V}/observations`, url: `${V}/observations`, allow: ALL },
    { method: 'GET', route: `${V}/observations/:id`, url: `${V}/observations/${o}`, allow: [...WHOLE_A, 'teacherA'] },
    { method: 'POST', route: `${V}/observations`, url: `${V}/observations`, body: {}, allow: STAFF },
    { method: 'PATCH', route: `${V}/observations/:id`, url: `${V}/observations/${o}`, body: {}, allow: ['principalA'] },
    {
      method: 'POST',
      route: `${V}/observations/:id/acknowledge`,
      url: `${V}/observations/${o}/acknowledge`,
      body: {},
      // passes for staff who see it (teacherA acknowledges; the others get "only the teacher" 400)
      allow: ['inspector', 'principalA', 'directorA', 'subjectLeaderAMath', 'teacherA'],
    },
    { method: 'DELETE', route: `${V}/observations/:id`, url: `${V}/observations/${NONE}`, allow: STAFF },
    { method: 'GET', route: `${V}/compliance`, url: `${V}/compliance`, allow: ALL },
    { method: 'GET', route: `${V}/compliance/subjects`, url: `${V}/compliance/subjects`, allow: ALL },
    {
      method: 'GET',
      route: `${V}/compliance/records`,
      url: `${V}/compliance/records?ruleId=${principalRule.id}&subjectId=${fx.staff.principalA}`,
      allow: WHOLE_A,
    },
  ];
}
