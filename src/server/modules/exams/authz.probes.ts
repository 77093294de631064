import { ALL, COUNTY, MANAGE_SOME, type Probe, type ProbeContext, SEE_A_STAFF } from '../../testing/authz.js';

/**
 * The exams module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). Two bureau exams taken
 * by school A (the second one is archived by the DELETE probe): everyone who sees school A sees them (principalB does
 * not); only the county's 教育局管理员 manages a bureau exam in the fixture (it has no county-level 教研员).
 */
export async function examsProbes(ctx: ProbeContext): Promise<Probe[]> {
  const { db, fx } = ctx;
  const exam = async (name: string) =>
    (
      await db
        .insertInto('exams')
        .values({
          county_id: fx.countyId,
          name,
          kind: 'sampling',
          term_id: fx.terms.current,
          grade_level: 3,
          exam_date: null,
          owner_school_id: null,
          school_ids: [fx.schools.a],
          thresholds: JSON.stringify({}),
          prior_exam_id: null,
          analysis_message: null,
          archived_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const id = await exam('三年级抽测');
  const doomed = await exam('待归档');
  const v = '/api/v1/exams';
  const student = fx.students.a31[0];
  return [
    { method: 'GET', route: v, url: v, allow: ALL },
    { method: 'POST', route: v, url: v, body: {}, allow: MANAGE_SOME },
    { method: 'GET', route: `${v}/:id`, url: `${v}/${id}`, allow: SEE_A_STAFF },
    { method: 'PATCH', route: `${v}/:id`, url: `${v}/${id}`, body: {}, allow: COUNTY },
    { method: 'DELETE', route: `${v}/:id`, url: `${v}/${doomed}`, allow: COUNTY },
    { method: 'POST', route: `${v}/:id/analyse`, url: `${v}/${id}/analyse`, allow: COUNTY },
    { method: 'POST', route: `${v}/:id/imports/:what`, url: `${v}/${id}/imports/scores`, allow: COUNTY },
    { method: 'GET', route: `${v}/:id/template/:what`, url: `${v}/${id}/template/scores`, allow: COUNTY },
    { method: 'GET', route: `${v}/:id/results`, url: `${v}/${id}/results?unitKind=school`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/:id/students`, url: `${v}/${id}/students`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/:id/students/:studentId`, url: `${v}/${id}/students/${student}`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/:id/paper`, url: `${v}/${id}/paper?key=total`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/:id/export`, url: `${v}/${id}/export?view=units`, allow: SEE_A_STAFF },
    // the county report: bureau roles who see the exam (a school's own report needs ?schoolId)
    {
      method: 'GET',
      route: `${v}/:id/report`,
      url: `${v}/${id}/report`,
      allow: ['countyAdmin', 'districtLeader', 'inspector'],
    },
    { method: 'GET', route: `${v}/trend`, url: `${v}/trend?schoolId=${fx.schools.a}`, allow: ALL },
    { method: 'GET', route: `${v}/settings`, url: `${v}/settings`, allow: ALL },
    { method: 'PUT', route: `${v}/settings`, url: `${v}/settings`, body: {}, allow: COUNTY },
  ];
}
