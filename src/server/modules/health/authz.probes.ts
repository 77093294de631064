import { ALL, type Allow, COUNTY, type Probe, type ProbeContext } from '../../testing/authz.js';

/** Who sees school A whole (a school report): the county, 东区's 局领导, A's 督学, 校长, 教导主任 and 教研组长. */
const SEE_A_WHOLE: Allow = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'subjectLeaderAMath',
];

/** Named mental-health roles of school A in the fixture (no 心理健康教师 there: tested in mental.test.ts). */
const MENTAL_A: Allow = ['principalA', 'directorA'];
/** A named role in any school (principalB: 校长 of B). */
const MENTAL_ANY: Allow = ['principalA', 'directorA', 'principalB'];

/** The health module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function healthProbes({ fx, db }: ProbeContext): Promise<Probe[]> {
  const h = '/api/v1/health';
  const a = fx.schools.a;
  // A red card of school A's first a31 student (mental-health records: named roles of school A only).
  const card = (
    await db
      .insertInto('health_mental_cards')
      .values({
        county_id: fx.countyId,
        school_id: a,
        student_id: fx.students.a31[0],
        level: 'red',
        reason: '矩阵测试',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const c = `${h}/mental/cards`;
  return [
    { method: 'GET', route: `${h}/mental/rounds`, url: `${h}/mental/rounds?schoolId=${a}`, allow: MENTAL_A },
    // Invalid bodies: a named role anywhere passes the route and meets the schema (400); the school is checked after.
    { method: 'POST', route: `${h}/mental/rounds`, url: `${h}/mental/rounds`, body: {}, allow: MENTAL_ANY },
    { method: 'GET', route: c, url: `${c}?schoolId=${a}`, allow: MENTAL_A },
    { method: 'POST', route: c, url: c, body: {}, allow: MENTAL_ANY },
    { method: 'GET', route: `${c}/:id`, url: `${c}/${card}`, allow: MENTAL_A },
    { method: 'PATCH', route: `${c}/:id`, url: `${c}/${card}`, body: {}, allow: MENTAL_A },
    { method: 'POST', route: `${c}/:id/followups`, url: `${c}/${card}/followups`, body: {}, allow: MENTAL_ANY },
    { method: 'POST', route: `${c}/:id/close`, url: `${c}/${card}/close`, body: {}, allow: MENTAL_ANY },
    {
      method: 'GET',
      route: `${h}/mental/summary`,
      url: `${h}/mental/summary?level=school&unitId=${a}`,
      allow: SEE_A_WHOLE,
    },
    { method: 'GET', route: `${h}/standard`, url: `${h}/standard?gradeCode=P3&sex=M`, allow: ALL },
    { method: 'POST', route: `${h}/standard/cells`, url: `${h}/standard/cells`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${h}/standard/changes`, url: `${h}/standard/changes`, allow: ALL },
    { method: 'GET', route: `${h}/fitness/results`, url: `${h}/fitness/results`, allow: ALL },
    { method: 'GET', route: `${h}/fitness/retests/export`, url: `${h}/fitness/retests/export`, allow: ALL },
    {
      method: 'GET',
      route: `${h}/fitness/report`,
      url: `${h}/fitness/report?level=school&unitId=${a}`,
      allow: SEE_A_WHOLE,
    },
    { method: 'GET', route: `${h}/vision/screenings`, url: `${h}/vision/screenings`, allow: ALL },
    {
      method: 'GET',
      route: `${h}/vision/report`,
      url: `${h}/vision/report?level=school&unitId=${a}`,
      allow: SEE_A_WHOLE,
    },
  ];
}
