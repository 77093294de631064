import { ALL, type Allow, COUNTY, MANAGE_SOME, type Probe, type ProbeContext } from '../../testing/authz.js';

/**
 * The indicators module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). The bureau
 * (教育局管理员; a 局领导/教研员 over the whole county) keeps the library and targets and reviews; school managers
 * (校长/教导主任) enter values, report, file. Record probes use a county plan and a plan of school B.
 */
export async function indicatorsProbes({ db, fx }: ProbeContext): Promise<Probe[]> {
  const v1 = '/api/v1/indicators';
  const countyPlan = await db
    .insertInto('plans')
    .values({
      county_id: fx.countyId,
      kind: 'improvement_year',
      title: '探针方案',
      owner_level: 'county',
      owner_id: fx.countyId,
      start_date: '2025-09-01',
      end_date: '2026-08-31',
      basis: null,
      leading_group: '[]',
      parent_plan_id: null,
      filing_due: '2025-10-31',
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const schoolPlan = await db
    .insertInto('plans')
    .values({
      county_id: fx.countyId,
      kind: 'improvement_year',
      title: '探针学校方案',
      owner_level: 'school',
      owner_id: fx.schools.b,
      start_date: '2025-09-01',
      end_date: '2026-08-31',
      basis: null,
      leading_group: '[]',
      parent_plan_id: null,
      filing_due: null,
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('plan_tasks')
    .values({
      county_id: fx.countyId,
      plan_id: countyPlan.id,
      title: '探针任务',
      lead_unit: '教育局',
      due_date: '2026-06-30',
      recurrence: 'null',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const none = 999_999_999;
  const seeB: Allow = ['countyAdmin', 'principalB'];
  const p = countyPlan.id;
  const row = (method: string, route: string, url: string, allow: Allow, body?: unknown): Probe => ({
    method,
    route: `${v1}${route}`,
    url: `${v1}${url}`,
    allow,
    body,
  });
  return [
    row('GET', '/sources', '/sources', ALL),
    row('GET', '/library', '/library', ALL),
    row('POST', '/library', '/library', COUNTY, {}),
    row('PATCH', '/library/:id', `/library/${none}`, COUNTY, {}),
    row('GET', '/periods', '/periods', ALL),
    row('POST', '/periods', '/periods', COUNTY, {}),
    row('GET', '/:code/values', `/no-such-code/values?unit=region:${fx.countyId}&period=1`, ALL),
    row('GET', '/targets', '/targets', ALL),
    row('POST', '/targets', '/targets', COUNTY, {}),
    row('DELETE', '/targets/:id', `/targets/${none}`, COUNTY),
    row('POST', '/targets/:id/split', `/targets/${none}/split`, COUNTY, {}),
    row('GET', '/targets/:id/attainment', `/targets/${none}/attainment`, ALL),
    row('POST', '/manual-values', '/manual-values', MANAGE_SOME, {}),
    row('GET', '/manual-values', '/manual-values', MANAGE_SOME),
    row('POST', '/manual-values/:id/review', `/manual-values/${none}/review`, COUNTY, {}),
    row('POST', '/files', '/files', MANAGE_SOME),
    row('GET', '/files/:hash', `/files/${'0'.repeat(64)}`, ALL),
    row('GET', '/plans', '/plans', ALL),
    row('POST', '/plans', '/plans', MANAGE_SOME, {}),
    row('GET', '/plans/:id', `/plans/${p}`, ALL),
    row('GET', '/plans/:id', `/plans/${schoolPlan.id}`, seeB),
    row('PATCH', '/plans/:id', `/plans/${p}`, COUNTY, { title: '探针方案' }),
    row('PATCH', '/plans/:id', `/plans/${schoolPlan.id}`, seeB, { title: '探针学校方案' }),
    row('PUT', '/plans/:id/phases', `/plans/${p}/phases`, MANAGE_SOME, {}),
    row('POST', '/plans/:id/goals', `/plans/${p}/goals`, MANAGE_SOME, {}),
    row('DELETE', '/plans/:id/goals/:goalId', `/plans/${p}/goals/${none}`, COUNTY),
    row('POST', '/plans/:id/tasks', `/plans/${p}/tasks`, MANAGE_SOME, {}),
    row('PUT', '/tasks/:id', `/tasks/${task.id}`, MANAGE_SOME, {}),
    row('DELETE', '/tasks/:id', `/tasks/${none}`, MANAGE_SOME),
    row('GET', '/tasks/:id/reports', `/tasks/${task.id}/reports`, ALL),
    row('POST', '/tasks/:id/reports', `/tasks/${task.id}/reports`, MANAGE_SOME, {}),
    row('GET', '/overdue', '/overdue', ALL),
    row('GET', '/plans/:id/filings', `/plans/${p}/filings`, ALL),
    row('POST', '/plans/:id/filings', `/plans/${p}/filings`, MANAGE_SOME, {}),
    row('POST', '/filings/:id/review', `/filings/${none}/review`, COUNTY, {}),
    row('GET', '/plans/:id/summary-texts', `/plans/${p}/summary-texts`, ALL),
    row('PUT', '/plans/:id/summary-texts/:section', `/plans/${p}/summary-texts/goals`, MANAGE_SOME, {}),
    row('GET', '/plans/:id/summary.docx', `/plans/${p}/summary.docx`, ALL),
    row('GET', '/plans/:id/bulletin', `/plans/${p}/bulletin`, ALL),
    row('GET', '/plans/:id/bulletin.docx', `/plans/${p}/bulletin.docx`, COUNTY),
    row('GET', '/plans/:id/problems', `/plans/${p}/problems`, ALL),
    // Raising a problem from a goal or task is the bureau's (it chooses the severity); an empty body is a 400.
    row('POST', '/plans/:id/problems', `/plans/${p}/problems`, COUNTY, {}),
  ];
}
