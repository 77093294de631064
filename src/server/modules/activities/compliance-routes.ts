import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { authOf } from '../../platform/http.js';
import { countyCompliance, type SubjectRow, tally } from './compliance-service.js';
import { BUREAU, type CountyData } from './engine-input.js';
import { activitiesPolicy, seesSchoolWhole } from './policy.js';
import { DateText, IdRef, Nullable, TAGS, todayInChina } from './shared.js';

/**
 * Quota compliance views: per county (bureau-wide callers), per school (schools the caller sees), per person or
 * group (the school seen whole, or the caller's own rows), and the records behind one row. Computed on request
 * from the records and the rules as of `asOf` (default today), so a new record moves the view at once.
 */

const Tally = Type.Object({
  subjects: Type.Integer(),
  met: Type.Integer(),
  ok: Type.Integer(),
  behind: Type.Integer(),
  shareMet: Nullable(Type.Number()),
  shareOk: Nullable(Type.Number()),
});
const RuleSummary = Type.Object({
  ruleId: Type.Integer(),
  code: Type.String(),
  label: Type.String(),
  activity: Type.String(),
  measure: Type.String(),
  period: Type.String(),
  periodId: Nullable(Type.String()),
  periodStart: Nullable(Type.String()),
  periodEnd: Nullable(Type.String()),
  county: Nullable(Tally),
  schools: Type.Array(
    Type.Intersect([Type.Object({ schoolId: Nullable(Type.Integer()), schoolName: Type.String() }), Tally]),
  ),
});
const Row = Type.Object({
  ruleId: Type.Integer(),
  ruleLabel: Type.String(),
  measure: Type.String(),
  scope: Type.String(),
  subjectId: Type.String(),
  name: Type.String(),
  schoolId: Nullable(Type.Integer()),
  schoolName: Type.String(),
  periodId: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  measured: Type.Number(),
  target: Type.Number(),
  expectedToDate: Type.Number(),
  presentShare: Type.Number(),
  status: Type.String(),
  shortfall: Type.Number(),
  recordCount: Type.Integer(),
});
const RecordRow = Type.Object({ id: Type.String(), kind: Type.String(), date: Type.String(), label: Type.String() });

const AsOf = { asOf: Type.Optional(DateText) };
const SubjectsQuery = Type.Object({
  ...AsOf,
  ruleId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  status: Type.Optional(Type.String({ maxLength: 10 })),
  /** Only the caller's own rows (the quotas they owe themself). */
  mine: Type.Optional(Type.Boolean()),
});
const RecordsQuery = Type.Object({ ...AsOf, ruleId: IdRef, subjectId: Type.String({ maxLength: 40 }) });

async function visibleSchools(db: Db, auth: AuthContext): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('schools as s')
    .select(['s.id', 's.name'])
    .where('s.county_id', '=', auth.user.countyId)
    .where(schoolVisible(auth.scope, 's.id'))
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function allSchoolNames(db: Db, countyId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('schools').select(['id', 'name']).where('county_id', '=', countyId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A person's or group's row is the caller's to see: their own, their school seen whole, bureau rows for the bureau. */
function rowVisible(auth: AuthContext, row: SubjectRow): boolean {
  if (row.scope === 'person' && auth.user.staffId != null && row.subjectId === String(auth.user.staffId)) return true;
  if (row.schoolId === BUREAU) return auth.scope.bureau && auth.scope.allSchools;
  return seesSchoolWhole(auth, Number(row.schoolId));
}

function nameOf(data: CountyData, names: Map<number, string>, row: SubjectRow): string {
  if (row.scope === 'person') return data.people.find((p) => p.id === row.subjectId)?.name ?? row.subjectId;
  if (row.scope === 'group') return data.groups.find((g) => g.id === row.subjectId)?.name ?? row.subjectId;
  return names.get(Number(row.subjectId)) ?? row.subjectId;
}

export function complianceRoutes(app: FastifyInstance) {
  app.get(
    '/compliance',
    {
      config: { policy: activitiesPolicy.read },
      schema: {
        tags: TAGS,
        querystring: Type.Object(AsOf),
        response: { 200: Type.Object({ asOf: Type.String(), rules: Type.Array(RuleSummary) }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const asOf = (req.query as { asOf?: string }).asOf ?? todayInChina();
      const [{ rules }, schools] = await Promise.all([
        countyCompliance(app.db, auth.user.countyId, asOf),
        visibleSchools(app.db, auth),
      ]);
      return {
        asOf,
        rules: rules.map((rc) => {
          const bySchool = new Map<string, SubjectRow[]>();
          for (const r of rc.rows) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
          const schoolRows = [...bySchool.entries()]
            .filter(([id]) => (id === BUREAU ? auth.scope.bureau && auth.scope.allSchools : schools.has(Number(id))))
            .map(([id, rows]) => ({
              schoolId: id === BUREAU ? null : Number(id),
              schoolName: id === BUREAU ? '教育局' : (schools.get(Number(id)) ?? id),
              ...tally(rows),
            }))
            .sort((a, b) => (a.shareOk ?? 1) - (b.shareOk ?? 1) || a.schoolName.localeCompare(b.schoolName, 'zh'));
          return {
            ruleId: rc.rule.id,
            code: rc.rule.code,
            label: rc.rule.label,
            activity: rc.rule.activity,
            measure: rc.rule.measure,
            period: rc.rule.period,
            periodId: rc.period?.id ?? null,
            periodStart: rc.period?.start ?? null,
            periodEnd: rc.period?.end ?? null,
            county: auth.scope.allSchools ? tally(rc.rows) : null,
            schools: schoolRows,
          };
        }),
      };
    },
  );

  app.get(
    '/compliance/subjects',
    {
      config: { policy: activitiesPolicy.read },
      schema: { tags: TAGS, querystring: SubjectsQuery, response: { 200: Type.Object({ items: Type.Array(Row) }) } },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Static<typeof SubjectsQuery>;
      const asOf = q.asOf ?? todayInChina();
      const [{ data, rules }, names] = await Promise.all([
        countyCompliance(app.db, auth.user.countyId, asOf),
        allSchoolNames(app.db, auth.user.countyId),
      ]);
      const items = rules
        .filter((rc) => !q.ruleId || rc.rule.id === q.ruleId)
        .flatMap((rc) =>
          rc.rows
            .filter((r) => rowVisible(auth, r))
            .filter((r) => !q.schoolId || r.schoolId === String(q.schoolId))
            .filter((r) => !q.status || r.status === q.status)
            .filter((r) => !q.mine || (r.scope === 'person' && r.subjectId === String(auth.user.staffId)))
            .map((r) => ({
              ruleId: rc.rule.id,
              ruleLabel: rc.rule.label,
              measure: rc.rule.measure,
              scope: r.scope,
              subjectId: r.subjectId,
              name: nameOf(data, names, r),
              schoolId: r.schoolId === BUREAU ? null : Number(r.schoolId),
              schoolName: r.schoolId === BUREAU ? '教育局' : (names.get(Number(r.schoolId)) ?? ''),
              periodId: r.periodId,
              periodStart: r.periodStart,
              periodEnd: r.periodEnd,
              measured: r.measured,
              target: r.target,
              expectedToDate: r.expectedToDate,
              presentShare: r.presentShare,
              status: r.status,
              shortfall: r.shortfall,
              recordCount: r.recordIds.length,
            })),
        )
        .sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, 'zh'));
      return { items: items.slice(0, 2000) };
    },
  );

  app.get(
    '/compliance/records',
    {
      config: { policy: activitiesPolicy.read },
      schema: {
        tags: TAGS,
        querystring: RecordsQuery,
        response: { 200: Type.Object({ items: Type.Array(RecordRow) }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Static<typeof RecordsQuery>;
      const { rules } = await countyCompliance(app.db, auth.user.countyId, q.asOf ?? todayInChina());
      const row = rules.find((rc) => rc.rule.id === q.ruleId)?.rows.find((r) => r.subjectId === q.subjectId);
      if (!row) throw notFound();
      if (!rowVisible(auth, row)) throw forbidden();
      return { items: await describeRecords(app.db, auth.user.countyId, row.recordIds) };
    },
  );
}

/** Short labels of engine record ids (`<kind>:<id>`), newest first, for the drill-down. */
async function describeRecords(db: Db, countyId: number, ids: readonly string[]) {
  const of = (kind: string) => ids.filter((i) => i.startsWith(`${kind}:`)).map((i) => Number(i.split(':')[1]));
  const out: { id: string; kind: string; date: string; label: string }[] = [];
  const obs = of('observation');
  if (obs.length)
    for (const r of await db
      .selectFrom('activity_observations as o')
      .innerJoin('staff as t', (j) => j.onRef('t.county_id', '=', 'o.county_id').onRef('t.id', '=', 'o.teacher_id'))
      .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'o.county_id').onRef('s.id', '=', 'o.subject_id'))
      .select(['o.id', 'o.lesson_date', 'o.period', 'o.kind', 't.name', 's.name as subject'])
      .where('o.county_id', '=', countyId)
      .where('o.id', 'in', obs)
      .execute())
      out.push({
        id: `observation:${r.id}`,
        kind: 'observation',
        date: r.lesson_date,
        label: `${r.kind} · ${r.name} · ${r.subject} · 第${r.period}节`,
      });
  const open = of('open_lesson');
  if (open.length)
    for (const r of await db
      .selectFrom('activity_open_lessons as o')
      .innerJoin('staff as t', (j) => j.onRef('t.county_id', '=', 'o.county_id').onRef('t.id', '=', 'o.host_staff_id'))
      .select(['o.id', 'o.lesson_date', 'o.kind', 'o.level', 'o.topic', 't.name'])
      .where('o.county_id', '=', countyId)
      .where('o.id', 'in', open)
      .execute())
      out.push({
        id: `open_lesson:${r.id}`,
        kind: 'open_lesson',
        date: r.lesson_date,
        label: `${r.level}${r.kind} · ${r.name} · ${r.topic}`,
      });
  const preps = of('collective_prep');
  if (preps.length)
    for (const r of await db
      .selectFrom('activity_preps as p')
      .innerJoin('activity_groups as g', (j) =>
        j.onRef('g.county_id', '=', 'p.county_id').onRef('g.id', '=', 'p.group_id'),
      )
      .select(['p.id', 'p.prep_date', 'p.topic', 'g.name'])
      .where('p.county_id', '=', countyId)
      .where('p.id', 'in', preps)
      .execute())
      out.push({
        id: `collective_prep:${r.id}`,
        kind: 'collective_prep',
        date: r.prep_date,
        label: `${r.name} · ${r.topic}`,
      });
  const trainings = of('training');
  if (trainings.length)
    for (const r of await db
      .selectFrom('activity_trainings as t')
      .innerJoin('activity_training_courses as c', (j) =>
        j.onRef('c.county_id', '=', 't.county_id').onRef('c.id', '=', 't.course_id'),
      )
      .select(['t.id', 't.completed_on', 't.hours', 'c.name'])
      .where('t.county_id', '=', countyId)
      .where('t.id', 'in', trainings)
      .execute())
      out.push({ id: `training:${r.id}`, kind: 'training', date: r.completed_on, label: `${r.name} · ${r.hours}学时` });
  const visits = of('home_visit');
  if (visits.length)
    for (const r of await db
      .selectFrom('activity_home_visits as v')
      .innerJoin('students as s', (j) => j.onRef('s.county_id', '=', 'v.county_id').onRef('s.id', '=', 'v.student_id'))
      .select(['v.id', 'v.visit_date', 'v.mode', 's.name'])
      .where('v.county_id', '=', countyId)
      .where('v.id', 'in', visits)
      .execute())
      out.push({ id: `home_visit:${r.id}`, kind: 'home_visit', date: r.visit_date, label: `${r.mode} · ${r.name}` });
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
