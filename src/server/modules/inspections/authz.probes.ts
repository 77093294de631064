import type { Probe, ProbeContext } from '../../testing/authz.js';
import { todayInChina } from '../org/shared.js';
import type { FixtureRole } from '../org/testing-fixture.js';
import { raiseProblem } from './problems/service.js';
import { ensureLibrary } from './templates/seed.js';

/** Everyone who uses the module: the bureau side in scope and the school side (校长/主任) of A and B. */
const READ: FixtureRole[] = ['countyAdmin', 'districtLeader', 'inspector', 'principalA', 'directorA', 'principalB'];
/** Managers: 教育局管理员 (督导室) and 督学. */
const MGR: FixtureRole[] = ['countyAdmin', 'inspector'];
/** The bureau side: managers and 局领导. */
const BUREAU: FixtureRole[] = ['countyAdmin', 'districtLeader', 'inspector'];
/** Who sees school A's visit, problem and files. */
const SEE_A: FixtureRole[] = ['countyAdmin', 'districtLeader', 'inspector', 'principalA', 'directorA'];

/**
 * The inspections module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). Records: a
 * plan with one visit on school A, a problem on A and an evidence file of A. Routes with a body are probed with
 * an empty one, so they answer by their route policy (record checks come after validation).
 */
export async function inspectionsProbes({ db, fx, app }: ProbeContext): Promise<Probe[]> {
  const countyId = fx.countyId;
  await ensureLibrary(db, countyId);
  const t = await db
    .selectFrom('insp_templates')
    .select('id')
    .where('county_id', '=', countyId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const today = todayInChina();
  const plan = await db
    .insertInto('insp_plans')
    .values({
      county_id: countyId,
      title: '矩阵',
      kind: 'routine',
      template_id: t.id,
      starts_on: today,
      ends_on: today,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('insp_plan_inspectors')
    .values({ county_id: countyId, plan_id: plan.id, user_id: fx.users.inspector.id })
    .execute();
  const visit = await db
    .insertInto('insp_visits')
    .values({ county_id: countyId, plan_id: plan.id, school_id: fx.schools.a })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor = { countyId, userId: fx.users.countyAdmin.id, username: 'probe' };
  const problem = await raiseProblem(db, actor, {
    source: { module: 'inspections', ref: 'probe' },
    schoolId: fx.schools.a,
    category: '其他',
    severity: '一般',
    description: '矩阵用问题',
  });
  const hash = await app.files.put(Buffer.from('%PDF-1.4 probe'));
  const file = await db
    .insertInto('insp_files')
    .values({ county_id: countyId, school_id: fx.schools.a, hash, name: 'p.pdf', mime: 'application/pdf', size: 14 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const none = 999_999_999;
  const v1 = '/api/v1/inspections';
  const p = (method: string, route: string, url: string, allow: FixtureRole[], body?: unknown): Probe => ({
    method,
    route: `${v1}${route}`,
    url: `${v1}${url}`,
    allow,
    ...(body !== undefined ? { body } : {}),
  });
  const step = (name: string, allow: FixtureRole[]) =>
    p('POST', `/problems/:id/${name}`, `/problems/${problem}/${name}`, allow, {});
  return [
    p('GET', '/templates', '/templates', READ),
    p('GET', '/templates/:id', `/templates/${t.id}`, READ),
    p('POST', '/templates', '/templates', MGR, {}),
    p('PUT', '/templates/:id', `/templates/${t.id}`, MGR, {}),
    p('POST', '/templates/:id/publish', `/templates/${t.id}/publish`, MGR),
    p('POST', '/templates/:id/revise', `/templates/${none}/revise`, MGR),
    p('DELETE', '/templates/:id', `/templates/${none}`, MGR),
    p('GET', '/templates/:id/export', `/templates/${t.id}/export`, READ),
    p('POST', '/templates/import', '/templates/import', MGR, {}),
    p('POST', '/plans', '/plans', MGR, {}),
    p('GET', '/inspectors', '/inspectors', MGR),
    p('GET', '/visits', '/visits', READ),
    p('GET', '/visits/:id', `/visits/${visit.id}`, SEE_A),
    p('PUT', '/visits/:id/sheet', `/visits/${visit.id}/sheet`, READ, {}),
    p('POST', '/visits/:id/sheet/submit', `/visits/${visit.id}/sheet/submit`, READ, {}),
    p('GET', '/visits/:id/result', `/visits/${visit.id}/result`, SEE_A),
    p('POST', '/visits/:id/publish', `/visits/${visit.id}/publish`, MGR),
    p('POST', '/visits/:id/objection', `/visits/${visit.id}/objection`, READ, {}),
    p('POST', '/visits/:id/objection/decide', `/visits/${visit.id}/objection/decide`, MGR, {}),
    p('POST', '/visits/:id/findings', `/visits/${visit.id}/findings`, MGR, {}),
    p('GET', '/plans/:id/ranking', `/plans/${plan.id}/ranking`, READ),
    p('GET', '/schools/:id/trend', `/schools/${fx.schools.a}/trend`, READ),
    p('POST', '/files', '/files', READ, {}),
    p('GET', '/files/:id', `/files/${file.id}`, SEE_A),
    p('GET', '/problems', '/problems', READ),
    p('GET', '/problems/:id', `/problems/${problem}`, SEE_A),
    p('POST', '/problems', '/problems', MGR, {}),
    p('PATCH', '/problems/:id', `/problems/${none}`, MGR, {}),
    step('order', MGR),
    step('object', READ),
    step('decide-objection', MGR),
    step('respond', READ),
    step('verify', MGR),
    step('reopen', MGR),
    p('GET', '/problems/:id/notice', `/problems/${problem}/notice`, SEE_A),
    p('GET', '/plans/:id/report', `/plans/${plan.id}/report`, READ),
    p('GET', '/plans/:id/bulletin', `/plans/${plan.id}/bulletin`, READ),
    p('GET', '/settings', '/settings', BUREAU),
    p('PUT', '/settings', '/settings', ['countyAdmin'], { lowRatio: 5 }),
    p('GET', '/stats/ledger', '/stats/ledger', BUREAU),
    p('GET', '/stats/risk', '/stats/risk', BUREAU),
    p('GET', '/zones', '/zones', BUREAU),
    p('POST', '/zones', '/zones', MGR, {}),
    p('PUT', '/zones/:id', `/zones/${none}`, MGR, {}),
  ];
}
