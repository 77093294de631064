import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { cstDate, isIsoDate, type Recurrence } from '../../../../common/calendar/index.js';
import { audit } from '../../../platform/audit.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { unitFor } from '../indicator-routes.js';
import { clash, invalid } from '../messages.js';
import { indicatorsPolicy } from '../policy.js';
import { loadTarget } from '../values.js';
import { loadPlan, planView, taskViews } from './board.js';
import { PLAN_KINDS } from './labels.js';
import { defaultPhases } from './phases.js';
import { planProblemRoutes } from './problems.js';
import { summaryRoutes } from './summary-routes.js';
import { checkRecurrence } from './tasks-due.js';

const tags = ['plans'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Kind = Type.Union(Object.keys(PLAN_KINDS).map((k) => Type.Literal(k)));
const Member = Type.Object({
  role: Type.Union([Type.Literal('leader'), Type.Literal('deputy'), Type.Literal('member'), Type.Literal('office')]),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.Optional(Type.String({ maxLength: 60 })),
});
const PhaseBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  startDate: DateText,
  endDate: DateText,
});
const PlanBody = Type.Object({
  kind: Kind,
  title: Type.String({ minLength: 1, maxLength: 120 }),
  /** `region:<countyId>` (the bureau) or `school:<id>`. */
  ownerUnit: Type.String({ maxLength: 40 }),
  startDate: DateText,
  endDate: DateText,
  basis: Type.Optional(Type.String({ maxLength: 1000 })),
  leadingGroup: Type.Optional(Type.Array(Member, { maxItems: 60 })),
  filingDue: Type.Optional(Type.Union([DateText, Type.Null()])),
  summaryStyle: Type.Optional(Type.Union([Type.Literal('topical'), Type.Literal('pdca'), Type.Literal('mirror')])),
  parentPlanId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Phases; omitted → the four default phases (组织发动/全面实施/整改深化/总结表彰) over the span. */
  phases: Type.Optional(Type.Array(PhaseBody, { maxItems: 20 })),
});
type PlanBody = Static<typeof PlanBody>;
const RecurrenceBody = Type.Union([
  Type.Object({
    kind: Type.Literal('weekly'),
    weekday: Type.Integer(),
    time: Type.String(),
    shift: Type.Union([Type.Literal('previous'), Type.Literal('next'), Type.Literal('skip')]),
  }),
  Type.Object({
    kind: Type.Literal('monthly'),
    day: Type.Integer(),
    time: Type.String(),
    shift: Type.Union([Type.Literal('previous'), Type.Literal('next'), Type.Literal('skip')]),
  }),
]);
const TaskBody = Type.Object({
  phaseId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  leadUnit: Type.String({ minLength: 1, maxLength: 60 }),
  responsibleSchoolIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
  /** Every school of the county (or the school plan's own school) is responsible. */
  allSchools: Type.Optional(Type.Boolean()),
  responsibleDepts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
  responsiblePerson: Type.Optional(Type.String({ maxLength: 60 })),
  dueDate: Type.Optional(Type.Union([DateText, Type.Null()])),
  recurrence: Type.Optional(Type.Union([RecurrenceBody, Type.Null()])),
  evidenceRequired: Type.Optional(Type.String({ maxLength: 500 })),
});
type TaskBody = Static<typeof TaskBody>;

/** May change a plan: the bureau for a county plan, the school's managers (or the bureau) for a school plan. */
function mayEditPlan(auth: AuthContext, plan: { owner_level: string; owner_id: number }) {
  return plan.owner_level === 'county'
    ? indicatorsPolicy.bureau(auth)
    : indicatorsPolicy.forSchool(auth, plan.owner_id);
}
function maySeePlan(auth: AuthContext, plan: { owner_level: string; owner_id: number }) {
  return plan.owner_level === 'county' || indicatorsPolicy.seesSchool(auth, plan.owner_id);
}

async function planOr404(app: FastifyInstance, auth: AuthContext, id: number) {
  const plan = await loadPlan(app.db, auth.user.countyId, id);
  if (!plan) throw notFound();
  if (!maySeePlan(auth, plan)) throw forbidden();
  return plan;
}

function checkPhases(
  auth: AuthContext,
  phases: { name: string; startDate: string; endDate: string }[],
  start: string,
  end: string,
) {
  for (const p of phases) {
    if (!isIsoDate(p.startDate) || !isIsoDate(p.endDate) || p.endDate < p.startDate) throw invalid(auth, 'date_order');
    if (p.startDate < start || p.endDate > end) throw invalid(auth, 'phase_outside_span', { name: p.name });
  }
}

export function planRoutes(app: FastifyInstance) {
  app.get('/plans', { config: { policy: indicatorsPolicy.read }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const rows = await app.db
      .selectFrom('plans as p')
      .leftJoin('schools as s', (j) =>
        j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.owner_id').on('p.owner_level', '=', 'school'),
      )
      .select([
        'p.id',
        'p.kind',
        'p.title',
        'p.owner_level as ownerLevel',
        'p.owner_id as ownerId',
        's.name as schoolName',
        'p.start_date as startDate',
        'p.end_date as endDate',
        'p.filing_due as filingDue',
        'p.parent_plan_id as parentPlanId',
      ])
      .where('p.county_id', '=', auth.user.countyId)
      .where('p.archived_at', 'is', null)
      .orderBy('p.start_date', 'desc')
      .orderBy('p.id', 'desc')
      .execute();
    return { items: rows.filter((p) => maySeePlan(auth, { owner_level: p.ownerLevel, owner_id: p.ownerId })) };
  });

  app.post(
    '/plans',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, body: PlanBody } },
    async (req) => {
      const auth = authOf(req);
      const b = req.body as PlanBody;
      const countyId = auth.user.countyId;
      const unit = await unitFor(app, auth, b.ownerUnit);
      if (unit.level !== 'county' && unit.level !== 'school')
        throw invalid(auth, 'unit_invalid', { unit: b.ownerUnit });
      const owner = { owner_level: unit.level, owner_id: unit.id };
      if (!mayEditPlan(auth, owner)) throw forbidden();
      if (!isIsoDate(b.startDate) || !isIsoDate(b.endDate) || b.endDate < b.startDate)
        throw invalid(auth, 'date_order');
      const phases = b.phases ?? defaultPhases(b.startDate, b.endDate);
      checkPhases(auth, phases, b.startDate, b.endDate);
      if (b.parentPlanId && !(await loadPlan(app.db, countyId, b.parentPlanId))) throw invalid(auth, 'plan_unknown');
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('plans')
          .values({
            county_id: countyId,
            kind: b.kind,
            title: b.title,
            owner_level: unit.level as 'county',
            owner_id: unit.id,
            start_date: b.startDate,
            end_date: b.endDate,
            basis: b.basis ?? null,
            leading_group: JSON.stringify(b.leadingGroup ?? []),
            parent_plan_id: b.parentPlanId ?? null,
            filing_due: b.filingDue ?? null,
            summary_style: b.summaryStyle ?? 'mirror',
            archived_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (phases.length > 0)
          await tx
            .insertInto('plan_phases')
            .values(
              phases.map((p, i) => ({
                county_id: countyId,
                plan_id: row.id,
                name: p.name,
                start_date: p.startDate,
                end_date: p.endDate,
                sort: i,
              })),
            )
            .execute();
        await audit(tx, actorOf(req), { action: 'create', entity: 'plan', entityId: row.id, after: { ...b, phases } });
        return { id: row.id };
      });
    },
  );

  app.get(
    '/plans/:id',
    {
      config: { policy: indicatorsPolicy.read },
      schema: { tags, params: Id, querystring: Type.Object({ refresh: Type.Optional(Type.Boolean()) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      const view = await planView(app.db, auth.user.countyId, plan, {
        refresh: (req.query as { refresh?: boolean }).refresh,
      });
      return { ...view, mayEdit: mayEditPlan(auth, plan) };
    },
  );

  app.patch(
    '/plans/:id',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: { tags, params: Id, body: Type.Partial(Type.Omit(PlanBody, ['ownerUnit', 'phases', 'parentPlanId'])) },
    },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      const b = req.body as Partial<PlanBody>;
      const start = b.startDate ?? plan.start_date;
      const end = b.endDate ?? plan.end_date;
      if (end < start) throw invalid(auth, 'date_order');
      await app.db.transaction().execute(async (tx) => {
        if (b.startDate || b.endDate) {
          const tasks = await tx
            .selectFrom('plan_tasks')
            .select(['due_date'])
            .where('county_id', '=', auth.user.countyId)
            .where('plan_id', '=', plan.id)
            .execute();
          const out = tasks.find((t) => t.due_date && (t.due_date < start || t.due_date > end));
          if (out) throw invalid(auth, 'task_outside_span', { date: out.due_date, start, end });
        }
        await tx
          .updateTable('plans')
          .set({
            ...(b.kind !== undefined && { kind: b.kind }),
            ...(b.title !== undefined && { title: b.title }),
            ...(b.basis !== undefined && { basis: b.basis }),
            ...(b.leadingGroup !== undefined && { leading_group: JSON.stringify(b.leadingGroup) }),
            ...(b.filingDue !== undefined && { filing_due: b.filingDue }),
            ...(b.summaryStyle !== undefined && { summary_style: b.summaryStyle }),
            start_date: start,
            end_date: end,
            updated_at: new Date(),
          })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', plan.id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'plan',
          entityId: plan.id,
          before: plan,
          after: { ...plan, ...b },
        });
      });
      return { ok: true };
    },
  );

  app.put(
    '/plans/:id/phases',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: { tags, params: Id, body: Type.Object({ phases: Type.Array(PhaseBody, { maxItems: 20 }) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      const { phases } = req.body as { phases: Static<typeof PhaseBody>[] };
      checkPhases(auth, phases, plan.start_date, plan.end_date);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('plan_phases')
          .where('county_id', '=', auth.user.countyId)
          .where('plan_id', '=', plan.id)
          .execute();
        if (phases.length > 0)
          await tx
            .insertInto('plan_phases')
            .values(
              phases.map((p, i) => ({
                county_id: auth.user.countyId,
                plan_id: plan.id,
                name: p.name,
                start_date: p.startDate,
                end_date: p.endDate,
                sort: i,
              })),
            )
            .execute();
        await audit(tx, actorOf(req), { action: 'update', entity: 'plan_phases', entityId: plan.id, after: phases });
      });
      return { ok: true };
    },
  );

  app.post(
    '/plans/:id/goals',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: { tags, params: Id, body: Type.Object({ targetId: Type.Integer({ minimum: 1 }) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      const { targetId } = req.body as { targetId: number };
      const target = await loadTarget(app.db, auth.user.countyId, targetId);
      if (!target) throw invalid(auth, 'goal_target_unknown');
      return app.db.transaction().execute(async (tx) => {
        const taken = await tx
          .selectFrom('plan_goals')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('plan_id', '=', plan.id)
          .where('target_id', '=', targetId)
          .executeTakeFirst();
        if (taken) throw clash(auth, 'target_taken');
        const row = await tx
          .insertInto('plan_goals')
          .values({ county_id: auth.user.countyId, plan_id: plan.id, target_id: targetId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), {
          action: 'create',
          entity: 'plan_goal',
          entityId: row.id,
          after: { planId: plan.id, targetId },
        });
        return { id: row.id };
      });
    },
  );

  app.delete(
    '/plans/:id/goals/:goalId',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: { tags, params: Type.Object({ id: Type.Integer({ minimum: 1 }), goalId: Type.Integer({ minimum: 1 }) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const { id, goalId } = req.params as { id: number; goalId: number };
      const plan = await planOr404(app, auth, id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      await app.db.transaction().execute(async (tx) => {
        const gone = await tx
          .deleteFrom('plan_goals')
          .where('county_id', '=', auth.user.countyId)
          .where('plan_id', '=', id)
          .where('id', '=', goalId)
          .executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw notFound();
        await audit(tx, actorOf(req), { action: 'delete', entity: 'plan_goal', entityId: goalId });
      });
      return { ok: true };
    },
  );

  /** Checks a task against its plan: a deadline inside the span, or a valid recurrence; schools of the county. */
  async function taskValues(
    auth: AuthContext,
    plan: { id: number; owner_level: string; owner_id: number; start_date: string; end_date: string },
    b: TaskBody,
  ) {
    const dueDate = b.dueDate ?? null;
    const recurrence = (b.recurrence ?? null) as Recurrence | null;
    if (!dueDate && !recurrence) throw invalid(auth, 'task_needs_due');
    if (dueDate && (dueDate < plan.start_date || dueDate > plan.end_date || !isIsoDate(dueDate)))
      throw invalid(auth, 'task_outside_span', { date: dueDate, start: plan.start_date, end: plan.end_date });
    if (recurrence) {
      const errors = checkRecurrence(recurrence);
      if (errors.length > 0) throw invalid(auth, 'recurrence_invalid', { detail: errors.join('；') });
    }
    let schoolIds = b.responsibleSchoolIds ?? [];
    if (b.allSchools)
      schoolIds =
        plan.owner_level === 'school'
          ? [plan.owner_id]
          : (
              await app.db
                .selectFrom('schools')
                .select('id')
                .where('county_id', '=', auth.user.countyId)
                .where('archived_at', 'is', null)
                .orderBy('code')
                .execute()
            ).map((s) => s.id);
    if (schoolIds.length > 0) {
      const found = await app.db
        .selectFrom('schools')
        .select('id')
        .where('county_id', '=', auth.user.countyId)
        .where('id', 'in', schoolIds)
        .execute();
      if (found.length !== new Set(schoolIds).size) throw invalid(auth, 'unit_unknown');
    }
    if (b.phaseId) {
      const ph = await app.db
        .selectFrom('plan_phases')
        .select('id')
        .where('county_id', '=', auth.user.countyId)
        .where('plan_id', '=', plan.id)
        .where('id', '=', b.phaseId)
        .executeTakeFirst();
      if (!ph) throw notFound();
    }
    return {
      phase_id: b.phaseId ?? null,
      title: b.title,
      description: b.description ?? '',
      lead_unit: b.leadUnit,
      responsible_school_ids: schoolIds,
      responsible_depts: b.responsibleDepts ?? [],
      responsible_person: b.responsiblePerson ?? '',
      due_date: dueDate,
      recurrence: JSON.stringify(recurrence),
      evidence_required: b.evidenceRequired ?? '',
    };
  }

  app.post(
    '/plans/:id/tasks',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, params: Id, body: TaskBody } },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      const values = await taskValues(auth, plan, req.body as TaskBody);
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('plan_tasks')
          .values({ county_id: auth.user.countyId, plan_id: plan.id, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'plan_task', entityId: row.id, after: req.body });
        return { id: row.id };
      });
    },
  );

  async function taskOr404(auth: AuthContext, id: number) {
    const task = await app.db
      .selectFrom('plan_tasks')
      .selectAll()
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!task) throw notFound();
    const plan = await planOr404(app, auth, task.plan_id);
    return { task, plan };
  }

  app.put(
    '/tasks/:id',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, params: Id, body: TaskBody } },
    async (req) => {
      const auth = authOf(req);
      const { task, plan } = await taskOr404(auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      const values = await taskValues(auth, plan, req.body as TaskBody);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('plan_tasks')
          .set({ ...values, updated_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', task.id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'plan_task',
          entityId: task.id,
          before: task,
          after: values,
        });
      });
      return { ok: true };
    },
  );

  app.delete(
    '/tasks/:id',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, params: Id } },
    async (req) => {
      const auth = authOf(req);
      const { task, plan } = await taskOr404(auth, (req.params as { id: number }).id);
      if (!mayEditPlan(auth, plan)) throw forbidden();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('plan_tasks')
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', task.id)
          .execute();
        await audit(tx, actorOf(req), { action: 'delete', entity: 'plan_task', entityId: task.id, before: task });
      });
      return { ok: true };
    },
  );

  app.get(
    '/tasks/:id/reports',
    { config: { policy: indicatorsPolicy.read }, schema: { tags, params: Id } },
    async (req) => {
      const auth = authOf(req);
      const { task } = await taskOr404(auth, (req.params as { id: number }).id);
      const rows = await app.db
        .selectFrom('plan_task_reports as r')
        .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'r.county_id').onRef('s.id', '=', 'r.school_id'))
        .select([
          'r.id',
          'r.school_id as schoolId',
          's.name as schoolName',
          'r.due_date as dueDate',
          'r.status',
          'r.narrative',
          'r.files',
          'r.reported_at as reportedAt',
        ])
        .where('r.county_id', '=', auth.user.countyId)
        .where('r.task_id', '=', task.id)
        .orderBy('r.reported_at', 'desc')
        .execute();
      return { items: rows.filter((r) => r.schoolId === null || indicatorsPolicy.seesSchool(auth, r.schoolId)) };
    },
  );

  const ReportBody = Type.Object({
    schoolId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    dueDate: DateText,
    status: Type.Union([Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('blocked')]),
    narrative: Type.String({ maxLength: 4000 }),
    files: Type.Optional(
      Type.Array(
        Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }), name: Type.String({ maxLength: 200 }) }),
        { maxItems: 20 },
      ),
    ),
  });
  /** A progress report by a responsible unit (a school's managers; the bureau for departments) for one due date. */
  app.post(
    '/tasks/:id/reports',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, params: Id, body: ReportBody } },
    async (req) => {
      const auth = authOf(req);
      const { task } = await taskOr404(auth, (req.params as { id: number }).id);
      const b = req.body as Static<typeof ReportBody>;
      const schoolId = b.schoolId ?? null;
      if (schoolId === null ? !indicatorsPolicy.bureau(auth) : !indicatorsPolicy.forSchool(auth, schoolId))
        throw forbidden();
      if (schoolId !== null && !task.responsible_school_ids.map(Number).includes(schoolId))
        throw invalid(auth, 'school_not_responsible');
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('plan_task_reports')
          .values({
            county_id: auth.user.countyId,
            task_id: task.id,
            school_id: schoolId,
            due_date: b.dueDate,
            status: b.status,
            narrative: b.narrative,
            files: JSON.stringify(b.files ?? []),
            reported_by: auth.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'plan_task_report', entityId: row.id, after: b });
        return { id: row.id };
      });
    },
  );

  /** Overdue due dates across plans (worst first), for the units the caller sees. */
  app.get('/overdue', { config: { policy: indicatorsPolicy.read }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const plans = await app.db
      .selectFrom('plans')
      .select('id')
      .where('county_id', '=', auth.user.countyId)
      .where('archived_at', 'is', null)
      .execute();
    const items = [];
    for (const { id } of plans) {
      const plan = (await loadPlan(app.db, auth.user.countyId, id))!;
      if (!maySeePlan(auth, plan)) continue;
      for (const t of await taskViews(app.db, auth.user.countyId, plan))
        for (const u of t.units)
          if (u.overdueCount > 0 && (u.schoolId === null || indicatorsPolicy.seesSchool(auth, u.schoolId)))
            items.push({
              planId: plan.id,
              planTitle: plan.title,
              taskId: t.id,
              title: t.title,
              leadUnit: t.leadUnit,
              schoolId: u.schoolId,
              unitName: u.name,
              dueDate: u.dueDate,
              state: u.state,
              overdueCount: u.overdueCount,
            });
    }
    items.sort((a, b) => b.overdueCount - a.overdueCount || String(a.dueDate).localeCompare(String(b.dueDate)));
    return { items, asOf: cstDate(new Date()) };
  });

  // --- Cascading: school plans filed for a bureau plan. ---
  app.get(
    '/plans/:id/filings',
    { config: { policy: indicatorsPolicy.read }, schema: { tags, params: Id } },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      const schools = await app.db
        .selectFrom('schools')
        .select(['id', 'name'])
        .where('county_id', '=', auth.user.countyId)
        .where('archived_at', 'is', null)
        .orderBy('code')
        .execute();
      const filings = await app.db
        .selectFrom('plan_filings')
        .selectAll()
        .where('county_id', '=', auth.user.countyId)
        .where('plan_id', '=', plan.id)
        .execute();
      const bySchool = new Map(filings.map((f) => [f.school_id, f]));
      const items = schools
        .filter((s) => indicatorsPolicy.seesSchool(auth, s.id))
        .map((s) => {
          const f = bySchool.get(s.id);
          return {
            schoolId: s.id,
            schoolName: s.name,
            filingId: f?.id ?? null,
            title: f?.title ?? null,
            content: f?.content ?? null,
            file: f?.file ? { hash: f.file, name: f.file_name } : null,
            status: f?.status ?? 'missing',
            reviewComment: f?.review_comment ?? null,
            submittedAt: f?.submitted_at ?? null,
            late: f ? plan.filing_due !== null && cstDate(new Date(f.submitted_at)) > plan.filing_due : null,
          };
        });
      return { filingDue: plan.filing_due, items };
    },
  );

  const FilingBody = Type.Object({
    schoolId: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    content: Type.Optional(Type.String({ maxLength: 20000 })),
    file: Type.Optional(
      Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }), name: Type.String({ maxLength: 200 }) }),
    ),
  });
  /** A school files (or, after a return, re-files) its own plan. */
  app.post(
    '/plans/:id/filings',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, params: Id, body: FilingBody } },
    async (req) => {
      const auth = authOf(req);
      const plan = await planOr404(app, auth, (req.params as { id: number }).id);
      const b = req.body as Static<typeof FilingBody>;
      if (!plan.filing_due || plan.owner_level !== 'county') throw invalid(auth, 'filing_not_requested');
      if (!indicatorsPolicy.forSchool(auth, b.schoolId)) throw forbidden();
      return app.db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('plan_filings')
          .selectAll()
          .where('county_id', '=', auth.user.countyId)
          .where('plan_id', '=', plan.id)
          .where('school_id', '=', b.schoolId)
          .executeTakeFirst();
        if (before?.status === 'approved') throw clash(auth, 'already_reviewed');
        const values = {
          title: b.title,
          content: b.content ?? '',
          file: b.file?.hash ?? null,
          file_name: b.file?.name ?? null,
          status: 'submitted' as const,
          review_comment: null,
          submitted_at: new Date(),
          reviewed_at: null,
        };
        const row = before
          ? await tx
              .updateTable('plan_filings')
              .set(values)
              .where('county_id', '=', auth.user.countyId)
              .where('id', '=', before.id)
              .returning('id')
              .executeTakeFirstOrThrow()
          : await tx
              .insertInto('plan_filings')
              .values({ county_id: auth.user.countyId, plan_id: plan.id, school_id: b.schoolId, ...values })
              .returning('id')
              .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), {
          action: before ? 'update' : 'create',
          entity: 'plan_filing',
          entityId: row.id,
          after: b,
        });
        return { id: row.id };
      });
    },
  );

  const FilingReview = Type.Object({
    decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  });
  app.post(
    '/filings/:id/review',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id, body: FilingReview } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as { id: number };
      const b = req.body as Static<typeof FilingReview>;
      await app.db.transaction().execute(async (tx) => {
        const f = await tx
          .selectFrom('plan_filings')
          .selectAll()
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!f) throw notFound();
        if (f.status !== 'submitted') throw clash(auth, 'filing_not_pending');
        await tx
          .updateTable('plan_filings')
          .set({
            status: b.decision === 'approve' ? 'approved' : 'returned',
            review_comment: b.comment ?? null,
            reviewed_at: new Date(),
          })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'plan_filing',
          entityId: id,
          before: { status: f.status },
          after: { status: b.decision, comment: b.comment },
        });
      });
      return { ok: true };
    },
  );

  summaryRoutes(app, { planOr404: (auth, id) => planOr404(app, auth, id), mayEditPlan, maySeePlan });
  planProblemRoutes(app, { planOr404: (auth, id) => planOr404(app, auth, id) });
}
