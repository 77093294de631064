import { ALL, type Allow, COUNTY, type Probe, type ProbeContext } from '../../testing/authz.js';
import type { FixtureRole } from '../org/testing-fixture.js';
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
  const visit = await db
    .insertInto('activity_home_visits')
    .values({
      county_id: fx.countyId,
      school_id: fx.schools.a,
      visitor_id: fx.staff.teacherA,
      student_id: fx.students.a32[0],
      visit_date: '2020-01-06',
      mode: '电话',
      category: '其他',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const record = (path: string, write: Allow, one = NONE): Probe[] => [
    { method: 'GET', route: `${V}/${path}`, url: `${V}/${path}`, allow: ALL },
    { method: 'GET', route: `${V}/${path}/:id`, url: `${V}/${path}/${one}`, allow: one === NONE ? ALL : WHOLE_A },
    { method: 'POST', route: `${V}/${path}`, url: `${V}/${path}`, body: {}, allow: write },
    { method: 'PATCH', route: `${V}/${path}/:id`, url: `${V}/${path}/${NONE}`, body: {}, allow: write },
    { method: 'DELETE', route: `${V}/${path}/:id`, url: `${V}/${path}/${NONE}`, allow: write },
  ];
  const staffOrSchool: Allow = ['countyAdmin', ...(STAFF as FixtureRole[])];
  const schoolRecords: Allow = [
    'countyAdmin',
    'principalA',
    'directorA',
    'gradeLeaderA3',
    'subjectLeaderAMath',
    'principalB',
  ];
  const visitProbes = record('home-visits', staffOrSchool, visit.id);
  visitProbes[1] = { ...visitProbes[1], allow: [...WHOLE_A, 'teacherA'] };
  return [
    ...record('open-lessons', staffOrSchool),
    ...record('groups', schoolRecords),
    ...record('preps', staffOrSchool),
    ...record('research-events', staffOrSchool),
    ...record('training-courses', COUNTY),
    ...record('trainings', staffOrSchool),
    ...record('mentor-pairs', schoolRecords),
    ...record('mentor-records', staffOrSchool),
    ...visitProbes,
    { method: 'GET', route: `${V}/homework`, url: `${V}/homework?from=2020-01-01&to=2020-01-31`, allow: ALL },
    { method: 'POST', route: `${V}/homework`, url: `${V}/homework`, body: {}, allow: staffOrSchool },
    { method: 'DELETE', route: `${V}/homework/:id`, url: `${V}/homework/${NONE}`, allow: staffOrSchool },
    {
      method: 'GET',
      route: `${V}/homework/heatmap`,
      url: `${V}/homework/heatmap?from=2020-01-01&to=2020-01-31`,
      allow: ALL,
    },
    { method: 'GET', route: `${V}/homework/caps`, url: `${V}/homework/caps`, allow: ALL },
    { method: 'PATCH', route: `${V}/homework/caps/:id`, url: `${V}/homework/caps/${NONE}`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${V}/quality`, url: `${V}/quality?from=2020-01-01&to=2020-01-31`, allow: ALL },
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
