import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import { daysBetween } from '../../../../common/calendar/dates.js';
import { STATUS_LABELS } from '../../../../common/inspections/index.js';
import type { Database } from '../../../db/types.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { forbidden, notFound, validationFailed } from '../../../platform/errors.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { raiseProblem } from '../../inspections/problems/service.js';
import { rulesOf } from '../../inspections/settings.js';
import { todayInChina } from '../../org/shared.js';
import { indicatorsPolicy } from '../policy.js';
import { schoolInUnit } from '../units.js';
import { goalViews, type loadPlan, taskViews } from './board.js';
import { formatValue } from './format.js';

/**
 * Plans → the rectification ledger (问题整改, inspections/problems/service.ts): the bureau turns a goal in red or a
 * task a school has let run overdue into a problem of that school (source module 'plans', ref 'goal:<id>' or
 * 'task:<id>'), choosing its severity; the ledger then gives it an order, a deadline, verification and 销号. The
 * 总结's 问题发现与整改 section counts the ledger's problems of the plan's schools (problemStats below).
 */
type PlanRow = NonNullable<Awaited<ReturnType<typeof loadPlan>>>;
interface Helpers {
  planOr404: (auth: AuthContext, id: number) => Promise<PlanRow>;
}
const tags = ['plans'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RaiseBody = Type.Object({
  goalId: Type.Optional(Type.Integer({ minimum: 1 })),
  taskId: Type.Optional(Type.Integer({ minimum: 1 })),
  /** For a task: which responsible school (one whose latest due date is overdue). */
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  severity: Type.String({ minLength: 1, maxLength: 20 }),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
type Raise = { goalId?: number; taskId?: number; schoolId?: number; severity: string; description?: string };

/** What to raise: the school, ref, category and a default description; refuses a goal not red or a task not overdue. */
async function problemOf(app: FastifyInstance, countyId: number, plan: PlanRow, b: Raise) {
  if ((b.goalId === undefined) === (b.taskId === undefined)) throw validationFailed('须指定一个目标或一项任务');
  if (b.goalId !== undefined) {
    const g = (await goalViews(app.db, countyId, plan.id)).find((x) => x.id === b.goalId);
    if (!g) throw notFound();
    if (g.status !== 'red') throw validationFailed('只有落后（红色）的目标可以列入整改台账');
    const m = /^school:(\d+)$/.exec(g.orgUnit);
    if (!m) throw validationFailed('该目标的单位不是学校，无法确定整改学校');
    return {
      schoolId: Number(m[1]),
      ref: `goal:${g.id}`,
      category: '规划目标未达成',
      description: `${plan.title}：目标「${g.name}」（${g.periodName}）落后，目标${formatValue(g.unit, g.target)}，实际${formatValue(g.unit, g.value)}`,
    };
  }
  const t = (await taskViews(app.db, countyId, plan)).find((x) => x.id === b.taskId);
  if (!t) throw notFound();
  const u = t.units.find((x) => x.schoolId !== null && x.schoolId === b.schoolId);
  if (!u || u.schoolId === null) throw validationFailed('须指定该任务的一个责任学校');
  if (u.state !== 'overdue') throw validationFailed('只有逾期未完成的任务可以列入整改台账');
  return {
    schoolId: u.schoolId,
    ref: `task:${t.id}`,
    category: '规划任务逾期',
    description: `${plan.title}：任务「${t.title}」逾期未完成（期限 ${u.dueDate}）`,
  };
}

export function planProblemRoutes(app: FastifyInstance, h: Helpers) {
  /** The problems raised from this plan, and the county's severities to choose from. */
  app.get(
    '/plans/:id/problems',
    { config: { policy: indicatorsPolicy.read }, schema: { tags, params: Id } },
    async (req) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const goals = sql<string>`'goal:' || g.id`;
      const rows = await app.db
        .selectFrom('insp_problems as p')
        .select(['p.id', 'p.school_id as schoolId', 'p.source_ref as ref', 'p.severity', 'p.status', 'p.deadline'])
        .where('p.county_id', '=', auth.user.countyId)
        .where('p.source_module', '=', 'plans')
        .where((eb) =>
          eb.or([
            eb(
              'p.source_ref',
              'in',
              eb
                .selectFrom('plan_goals as g')
                .select(goals.as('r'))
                .where('g.county_id', '=', auth.user.countyId)
                .where('g.plan_id', '=', plan.id),
            ),
            eb(
              'p.source_ref',
              'in',
              eb
                .selectFrom('plan_tasks as t')
                .select(sql<string>`'task:' || t.id`.as('r'))
                .where('t.county_id', '=', auth.user.countyId)
                .where('t.plan_id', '=', plan.id),
            ),
          ]),
        )
        .orderBy('p.id')
        .execute();
      return {
        severities: (await rulesOf(app.db, auth.user.countyId)).severities,
        items: rows
          .filter((r) => indicatorsPolicy.seesSchool(auth, r.schoolId))
          .map((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status })),
      };
    },
  );

  app.post(
    '/plans/:id/problems',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id, body: RaiseBody } },
    async (req, reply) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const b = req.body as Raise;
      const p = await problemOf(app, auth.user.countyId, plan, b);
      if (!indicatorsPolicy.seesSchool(auth, p.schoolId)) throw forbidden();
      const id = await app.db.transaction().execute(async (trx) => {
        // One open problem per goal or task and school: a second click does not duplicate it.
        const open = await trx
          .selectFrom('insp_problems')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('source_module', '=', 'plans')
          .where('source_ref', '=', p.ref)
          .where('school_id', '=', p.schoolId)
          .where('status', 'not in', ['closed', 'withdrawn'])
          .executeTakeFirst();
        if (open) throw validationFailed(`该${b.goalId ? '目标' : '任务'}已在整改台账中（问题 ${open.id}）`);
        return raiseProblem(trx, actorOf(req), {
          source: { module: 'plans', ref: p.ref },
          schoolId: p.schoolId,
          category: p.category,
          severity: b.severity,
          description: b.description ?? p.description,
        });
      });
      return reply.status(201).send({ id });
    },
  );
}

export interface ProblemStats {
  from: string;
  to: string;
  /** Problems raised in [from, to] by source module and status. */
  bySource: { source: string; total: number; byStatus: Record<string, number> }[];
  total: number;
  closed: number;
  /** closed ÷ total (null when nothing was raised). */
  closureRate: number | null;
  /** Mean of (closed_on − raised date) in calendar days over the closed ones (null when none closed). */
  meanDaysToClose: number | null;
  /** Not closed nor withdrawn; overdue = 整改中 past its deadline (as the ledger counts it). */
  open: {
    id: number;
    schoolName: string;
    source: string;
    description: string;
    status: string;
    deadline: string | null;
    overdue: boolean;
  }[];
}

/**
 * The ledger's problems of the plan's schools (the owning school, or every school of the county for a county plan)
 * raised within the plan's span up to today. Closure rate = 已销号 ÷ raised; mean days to close = mean over the
 * closed problems of (销号 date − raised date); withdrawn problems count as raised but are neither open nor closed.
 */
export async function problemStats(
  db: Kysely<Database>,
  countyId: number,
  plan: PlanRow,
  today = todayInChina(),
): Promise<ProblemStats> {
  const to = plan.end_date < today ? plan.end_date : today;
  const unit =
    plan.owner_level === 'school'
      ? { level: 'school' as const, id: plan.owner_id }
      : { level: 'county' as const, id: countyId };
  const rows = await db
    .selectFrom('insp_problems as p')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
    .select([
      'p.id',
      's.name as schoolName',
      'p.source_module as source',
      'p.description',
      'p.status',
      'p.deadline',
      'p.closed_on as closedOn',
      sql<string>`to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('raisedOn'),
    ])
    .where('p.county_id', '=', countyId)
    .where(schoolInUnit('p.school_id', countyId, unit))
    .where(
      sql<boolean>`(p.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${plan.start_date}::date AND ${to}::date`,
    )
    .orderBy('p.id')
    .execute();
  const bySource = new Map<string, { source: string; total: number; byStatus: Record<string, number> }>();
  for (const r of rows) {
    const s = bySource.get(r.source) ?? { source: r.source, total: 0, byStatus: {} };
    s.total++;
    s.byStatus[r.status] = (s.byStatus[r.status] ?? 0) + 1;
    bySource.set(r.source, s);
  }
  const closed = rows.filter((r) => r.status === 'closed' && r.closedOn);
  const days = closed.map((r) => daysBetween(r.raisedOn, r.closedOn as string));
  return {
    from: plan.start_date,
    to,
    bySource: [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source)),
    total: rows.length,
    closed: closed.length,
    closureRate: rows.length ? closed.length / rows.length : null,
    meanDaysToClose: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
    open: rows
      .filter((r) => r.status !== 'closed' && r.status !== 'withdrawn')
      .map((r) => ({
        id: r.id,
        schoolName: r.schoolName,
        source: r.source,
        description: r.description,
        status: r.status,
        deadline: r.deadline,
        overdue: r.status === 'ordered' && r.deadline !== null && r.deadline < today,
      })),
  };
}
