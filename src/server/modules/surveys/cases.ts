import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { CalendarYear } from '../../../common/calendar/holidays.js';
import {
  CASE_ACTION_LABELS,
  CASE_CATEGORIES,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseState,
  caseDeadlines,
  caseDue,
  caseRates,
  DEFAULT_TIME_LIMITS,
  nextState,
  type Pause,
  type TimeLimits,
  type Urgency,
  type VisitVerdict,
} from '../../../common/surveys/cases.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { isCountyAdmin, managesSchool } from '../../platform/auth/roles.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { calendarYears, loadWorkingCalendar } from '../../platform/calendar.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { newCode } from './codes.js';
import { surveysPolicy } from './policy.js';

/**
 * 诉求办理: staff intake (phone log, 12345 transfer, a survey comment promoted), the case list of the caller's
 * schools, one case with its timeline and deadlines, the steps of the lifecycle (common/surveys/cases.ts), 催办 and
 * escalation of overdue cases, per-school rates, reply templates, time limits and the holiday calendar as data.
 *
 * Who acts: the school that owns a case (its 校长/主任, who manage the school) 签收, 退回, asks for 补充, resumes and
 * answers; the bureau (教育局管理员) dispatches (派单), does the 回访, closes or reopens, urges and escalates — the
 * unit that fixed a problem never closes it itself (seed-004 L51: the closure gate). Cases without a school (退回, or
 * county-wide) are the bureau's.
 */
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Category = Type.Union(CASE_CATEGORIES.map((c) => Type.Literal(c)));
const UrgencyT = Type.Union([Type.Literal('normal'), Type.Literal('urgent')]);
const CaseCreate = Type.Object({
  channel: Type.Union([Type.Literal('phone'), Type.Literal('hotline12345'), Type.Literal('survey')]),
  externalRef: Type.Optional(Type.String({ maxLength: 60 })),
  category: Category,
  urgency: Type.Optional(UrgencyT),
  schoolId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 5000 }),
  anonymous: Type.Optional(Type.Boolean()),
  contactName: Type.Optional(Type.String({ maxLength: 50 })),
  contactPhone: Type.Optional(Type.String({ maxLength: 30 })),
});
const ActionBody = Type.Object({
  action: Type.Union(Object.keys(CASE_ACTION_LABELS).map((a) => Type.Literal(a))),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
  /** 答复: the reply text; 办结: the resolution; 回访: the verdict; 派单: the school. */
  verdict: Type.Optional(Type.Union([Type.Literal('满意'), Type.Literal('基本满意'), Type.Literal('不满意')])),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
});
const ListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 20 })),
  overdue: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
const LimitsBody = Type.Object({
  rows: Type.Array(
    Type.Object({
      category: Type.Union([Category, Type.Literal('*')]),
      urgency: UrgencyT,
      acceptDays: Type.Integer({ minimum: 0, maximum: 60 }),
      replyDays: Type.Integer({ minimum: 0, maximum: 120 }),
      closeDays: Type.Integer({ minimum: 0, maximum: 365 }),
    }),
    { maxItems: 100 },
  ),
});
const CalendarBody = Type.Object({
  source: Type.String({ maxLength: 200 }),
  holidays: Type.Array(
    Type.Object({
      from: Type.String({ format: 'date' }),
      to: Type.String({ format: 'date' }),
      name: Type.String({ maxLength: 30 }),
    }),
    { maxItems: 40 },
  ),
  workdays: Type.Array(Type.String({ format: 'date' }), { maxItems: 40 }),
});
const TemplateBody = Type.Object({
  category: Type.Optional(Type.Union([Category, Type.Null()])),
  title: Type.String({ minLength: 1, maxLength: 60 }),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
});

const BUREAU_ACTIONS = new Set<CaseAction>(['assign', 'visit', 'close', 'reopen']);

/** The time limits of a category and urgency: the county's row for the category, else its '*' row, else the default. */
export async function limitsFor(db: Db, countyId: number, category: string, urgency: Urgency): Promise<TimeLimits> {
  const rows = await db
    .selectFrom('case_time_limits')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('urgency', '=', urgency)
    .where('category', 'in', [category, '*'])
    .execute();
  const row = rows.find((r) => r.category === category) ?? rows.find((r) => r.category === '*');
  return row
    ? { acceptDays: row.accept_days, replyDays: row.reply_days, closeDays: row.close_days }
    : DEFAULT_TIME_LIMITS[urgency];
}

interface NewCase {
  channel: string;
  externalRef?: string | null;
  category: string;
  urgency?: Urgency;
  schoolId?: number | null;
  title: string;
  content: string;
  anonymous?: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** Creates a case (any channel) with its first timeline event; returns its id and tracking code. */
export async function createCase(
  db: Db,
  countyId: number,
  input: NewCase,
  by: { userId: number | null; username: string | null },
) {
  const urgency = input.urgency ?? 'normal';
  const limits = await limitsFor(db, countyId, input.category, urgency);
  const tracking = newCode();
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('cases')
      .values({
        county_id: countyId,
        tracking_code: tracking,
        channel: input.channel,
        external_ref: input.externalRef ?? null,
        category: input.category,
        urgency,
        school_id: input.schoolId ?? null,
        title: input.title,
        content: input.content,
        anonymous: input.anonymous ?? !input.contactPhone,
        contact_name: input.anonymous ? null : (input.contactName ?? null),
        contact_phone: input.anonymous ? null : (input.contactPhone ?? null),
        state: input.schoolId ? 'pending' : 'returned',
        limits: JSON.stringify(limits),
        created_by: by.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('case_events')
      .values({
        county_id: countyId,
        case_id: row.id,
        user_id: by.userId,
        username: by.username,
        action: 'receive',
        to_state: input.schoolId ? 'pending' : 'returned',
        note: `受理（${CHANNELS[input.channel] ?? input.channel}）`,
      })
      .execute();
    if (by.userId !== null)
      await audit(
        tx,
        { countyId, userId: by.userId, username: by.username },
        { action: 'create', entity: 'case', entityId: row.id, after: { ...input, contactPhone: undefined } },
      );
    return { id: row.id, trackingCode: tracking };
  });
}

const CHANNELS: Record<string, string> = {
  public: '网上反映',
  phone: '电话登记',
  hotline12345: '12345 转办',
  survey: '测评意见转办',
};

type CaseRow = Awaited<ReturnType<typeof loadCase>>;
async function loadCase(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('cases as c')
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
    .selectAll('c')
    .select('s.name as school_name')
    .where('c.county_id', '=', countyId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

function mayView(auth: AuthContext, schoolId: number | null): boolean {
  if (schoolId === null) return auth.scope.allSchools || auth.scope.bureau;
  return auth.scope.allSchools || auth.scope.schoolIds.includes(schoolId) || managesSchool(auth, schoolId);
}

/** The case as the pages show it, with its deadlines on the county's calendar. */
function present(c: NonNullable<CaseRow>, cal: Awaited<ReturnType<typeof loadWorkingCalendar>>, now = new Date()) {
  const clock = { clockStart: c.clock_start, pauses: parsePauses(c.pauses), limits: c.limits as TimeLimits };
  const d = caseDeadlines(cal, clock);
  const due = caseDue(cal, { ...clock, state: c.state as CaseState }, now);
  return {
    id: c.id,
    trackingCode: c.tracking_code,
    channel: c.channel,
    externalRef: c.external_ref,
    category: c.category,
    urgency: c.urgency,
    schoolId: c.school_id,
    schoolName: c.school_name,
    title: c.title,
    content: c.content,
    anonymous: c.anonymous,
    contactName: c.contact_name,
    contactPhone: c.contact_phone ? c.contact_phone.replace(/^(\d{3})\d{4}(\d+)$/, '$1****$2') : null,
    state: c.state,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    receivedAt: c.received_at.toISOString(),
    acceptedAt: c.accepted_at?.toISOString() ?? null,
    repliedAt: c.replied_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    reply: c.reply,
    visitVerdict: c.visit_verdict,
    resolution: c.resolution,
    reopenCount: c.reopen_count,
    urgeCount: c.urge_count,
    escalatedAt: c.escalated_at?.toISOString() ?? null,
    acceptBy: d.acceptBy?.toISOString() ?? null,
    replyBy: d.replyBy?.toISOString() ?? null,
    closeBy: d.closeBy?.toISOString() ?? null,
    dueStage: due.stage,
    due: due.due?.toISOString() ?? null,
    overdue: due.overdue,
  };
}

export function parsePauses(v: unknown): Pause[] {
  return ((v as { from: string; to: string | null }[]) ?? []).map((p) => ({
    from: new Date(p.from),
    to: p.to ? new Date(p.to) : null,
  }));
}

export function caseRoutes(app: FastifyInstance) {
  app.get(
    '/cases',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], querystring: ListQuery } },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Static<typeof ListQuery>;
      let query = app.db
        .selectFrom('cases as c')
        .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
        .selectAll('c')
        .select('s.name as school_name')
        .where('c.county_id', '=', auth.user.countyId)
        .where((eb) =>
          eb.or([
            eb.and([eb('c.school_id', 'is not', null), schoolVisible(auth.scope, 'c.school_id')]),
            ...(auth.scope.allSchools || auth.scope.bureau ? [eb('c.school_id', 'is', null)] : []),
          ]),
        );
      if (q.state) query = query.where('c.state', '=', q.state);
      if (q.q)
        query = query.where((eb) =>
          eb.or([
            eb('c.title', 'ilike', `%${q.q}%`),
            eb('c.content', 'ilike', `%${q.q}%`),
            eb('c.tracking_code', '=', q.q!.toUpperCase()),
          ]),
        );
      const rows = await query.orderBy('c.received_at', 'desc').limit(500).execute();
      const cal = await loadWorkingCalendar(app.db, auth.user.countyId);
      let items = rows.map((r) => present(r, cal));
      if (q.overdue) items = items.filter((i) => i.overdue);
      return { items, total: items.length };
    },
  );

  app.post(
    '/cases',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], body: CaseCreate } },
    async (req, reply) => {
      const auth = authOf(req);
      const body = req.body as Static<typeof CaseCreate>;
      // Staff who log a case: the bureau for any school, a school's managers for their own school.
      if (!(isCountyAdmin(auth) || (body.schoolId && managesSchool(auth, body.schoolId)))) throw forbidden();
      const r = await createCase(app.db, auth.user.countyId, body, {
        userId: auth.user.id,
        username: auth.user.username,
      });
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/cases/:id',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], params: Id } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await loadCase(app.db, auth.user.countyId, id);
      if (!c) throw notFound();
      if (!mayView(auth, c.school_id)) throw forbidden();
      const events = await app.db
        .selectFrom('case_events')
        .select(['at', 'username', 'action', 'from_state', 'to_state', 'note'])
        .where('county_id', '=', auth.user.countyId)
        .where('case_id', '=', id)
        .orderBy('id')
        .execute();
      const cal = await loadWorkingCalendar(app.db, auth.user.countyId);
      return {
        ...present(c, cal),
        events: events.map((e) => ({
          ...e,
          at: e.at.toISOString(),
          actionLabel: CASE_ACTION_LABELS[e.action as CaseAction] ?? e.action,
        })),
        mayAct: { school: c.school_id !== null && managesSchool(auth, c.school_id), bureau: isCountyAdmin(auth) },
      };
    },
  );

  app.post(
    '/cases/:id/actions',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], params: Id, body: ActionBody } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const body = req.body as Static<typeof ActionBody>;
      const action = body.action as CaseAction;
      const c = await loadCase(app.db, auth.user.countyId, id);
      if (!c) throw notFound();
      if (!mayView(auth, c.school_id)) throw forbidden();
      const allowed = BUREAU_ACTIONS.has(action)
        ? isCountyAdmin(auth)
        : c.school_id !== null && managesSchool(auth, c.school_id);
      if (!allowed) throw forbidden();
      const verdict = action === 'visit' ? (body.verdict ?? null) : (c.visit_verdict as VisitVerdict | null);
      if (action === 'visit' && !verdict) throw validationFailed('回访须记录满意、基本满意或不满意');
      if ((action === 'reply' || action === 'close' || action === 'return') && !body.note?.trim())
        throw validationFailed(
          action === 'reply' ? '请填写答复内容' : action === 'close' ? '办结须写明处理结果' : '请说明退回原因',
        );
      if (action === 'assign' && !body.schoolId) throw validationFailed('请选择承办学校');
      const next = nextState(c.state as CaseState, action, action === 'visit' ? null : verdict);
      if ('error' in next) throw validationFailed(next.error);
      const now = new Date();
      const pauses = parsePauses(c.pauses);
      const set: Record<string, unknown> = { state: next.to, updated_at: now };
      if (action === 'accept') set.accepted_at = now;
      if (action === 'return') Object.assign(set, { school_id: null });
      if (action === 'assign') {
        const limits = await limitsFor(app.db, auth.user.countyId, c.category, c.urgency as Urgency);
        Object.assign(set, {
          school_id: body.schoolId,
          clock_start: now,
          pauses: '[]',
          limits: JSON.stringify(limits),
          accepted_at: null,
        });
      }
      if (action === 'request_info') set.pauses = JSON.stringify([...pauses, { from: now, to: null }]);
      if (action === 'resume') set.pauses = JSON.stringify(pauses.map((p) => (p.to === null ? { ...p, to: now } : p)));
      if (action === 'reply') Object.assign(set, { replied_at: now, reply: body.note });
      if (action === 'visit') set.visit_verdict = verdict;
      if (action === 'close') Object.assign(set, { closed_at: now, resolution: body.note });
      if (action === 'reopen')
        Object.assign(set, {
          reopen_count: c.reopen_count + 1,
          clock_start: now,
          pauses: '[]',
          replied_at: null,
          visit_verdict: null,
          reply: null,
        });
      await app.db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('cases')
          .set(set)
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .where('state', '=', c.state) // a concurrent step wins once
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw validationFailed('诉求状态已被他人改变，请刷新');
        await tx
          .insertInto('case_events')
          .values({
            county_id: auth.user.countyId,
            case_id: id,
            user_id: auth.user.id,
            username: auth.user.username,
            action,
            from_state: c.state,
            to_state: next.to,
            note:
              [action === 'visit' ? `回访：${verdict}` : null, body.note ?? null].filter(Boolean).join('；') || null,
          })
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'case',
          entityId: id,
          before: { state: c.state },
          after: { state: next.to, action },
        });
      });
      return { ok: true, state: next.to };
    },
  );

  // 催办: the bureau urges an overdue case (counted, in the timeline); escalation marks it for the bureau leaders.
  app.post(
    '/cases/:id/urge',
    {
      config: { policy: surveysPolicy.read },
      schema: { tags: ['cases'], params: Id, body: Type.Object({ escalate: Type.Optional(Type.Boolean()) }) },
    },
    async (req) => {
      const auth = authOf(req);
      if (!isCountyAdmin(auth)) throw forbidden();
      const { id } = req.params as Static<typeof Id>;
      const { escalate } = req.body as { escalate?: boolean };
      const c = await loadCase(app.db, auth.user.countyId, id);
      if (!c) throw notFound();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('cases')
          .set({ urge_count: c.urge_count + 1, ...(escalate ? { escalated_at: new Date() } : {}) })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await tx
          .insertInto('case_events')
          .values({
            county_id: auth.user.countyId,
            case_id: id,
            user_id: auth.user.id,
            username: auth.user.username,
            action: escalate ? 'escalate' : 'urge',
            note: escalate ? '超期升级至局领导' : '催办',
          })
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'case',
          entityId: id,
          summary: escalate ? 'escalate' : 'urge',
        });
      });
      return { ok: true };
    },
  );

  app.get('/cases-stats', { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'] } }, async (req) => {
    const auth = authOf(req);
    const rows = await app.db
      .selectFrom('cases as c')
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
      .select([
        'c.school_id',
        's.name',
        'c.category',
        'c.received_at',
        'c.accepted_at',
        'c.closed_at',
        'c.visit_verdict',
        'c.clock_start',
        'c.pauses',
        'c.limits',
      ])
      .where('c.county_id', '=', auth.user.countyId)
      .where(schoolVisible(auth.scope, 'c.school_id'))
      .execute();
    const cal = await loadWorkingCalendar(app.db, auth.user.countyId);
    const bySchool = new Map<number, { name: string; rows: typeof rows }>();
    for (const r of rows) {
      const e = bySchool.get(r.school_id!) ?? { name: r.name, rows: [] };
      e.rows.push(r);
      bySchool.set(r.school_id!, e);
    }
    return {
      schools: [...bySchool].map(([schoolId, { name, rows: rs }]) => {
        const rates = caseRates(
          rs.map((r) => {
            const d = caseDeadlines(cal, {
              clockStart: r.clock_start,
              pauses: parsePauses(r.pauses),
              limits: r.limits as TimeLimits,
            });
            return {
              acceptedAt: r.accepted_at,
              acceptBy: d.acceptBy,
              closedAt: r.closed_at,
              closeBy: d.closeBy,
              visit: r.visit_verdict as VisitVerdict | null,
            };
          }),
        );
        const count = (f: (r: (typeof rs)[number]) => string) =>
          Object.fromEntries([...new Set(rs.map(f))].map((k) => [k, rs.filter((r) => f(r) === k).length]));
        return {
          schoolId,
          name,
          ...rates,
          byCategory: count((r) => r.category),
          byMonth: count((r) => r.received_at.toISOString().slice(0, 7)),
        };
      }),
    };
  });

  app.get('/cases-templates', { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'] } }, async (req) => {
    const auth = authOf(req);
    const items = await app.db
      .selectFrom('case_reply_templates')
      .select(['id', 'category', 'title', 'body'])
      .where('county_id', '=', auth.user.countyId)
      .orderBy('id')
      .execute();
    return { items };
  });

  app.post(
    '/cases-templates',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['cases'], body: TemplateBody } },
    async (req, reply) => {
      const auth = authOf(req);
      const b = req.body as Static<typeof TemplateBody>;
      const row = await app.db.transaction().execute(async (tx) => {
        const r = await tx
          .insertInto('case_reply_templates')
          .values({ county_id: auth.user.countyId, category: b.category ?? null, title: b.title, body: b.body })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'case_reply_template', entityId: r.id, after: b });
        return r;
      });
      return reply.status(201).send(row);
    },
  );

  app.get('/cases-limits', { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'] } }, async (req) => {
    const auth = authOf(req);
    const rows = await app.db
      .selectFrom('case_time_limits')
      .selectAll()
      .where('county_id', '=', auth.user.countyId)
      .execute();
    return {
      defaults: DEFAULT_TIME_LIMITS,
      rows: rows.map((r) => ({
        category: r.category,
        urgency: r.urgency,
        acceptDays: r.accept_days,
        replyDays: r.reply_days,
        closeDays: r.close_days,
      })),
    };
  });

  app.put(
    '/cases-limits',
    { config: { policy: (auth) => isCountyAdmin(auth) }, schema: { tags: ['cases'], body: LimitsBody } },
    async (req) => {
      const auth = authOf(req);
      const { rows } = req.body as Static<typeof LimitsBody>;
      await app.db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('case_time_limits')
          .selectAll()
          .where('county_id', '=', auth.user.countyId)
          .execute();
        await tx.deleteFrom('case_time_limits').where('county_id', '=', auth.user.countyId).execute();
        if (rows.length > 0)
          await tx
            .insertInto('case_time_limits')
            .values(
              rows.map((r) => ({
                county_id: auth.user.countyId,
                category: r.category,
                urgency: r.urgency,
                accept_days: r.acceptDays,
                reply_days: r.replyDays,
                close_days: r.closeDays,
              })),
            )
            .execute();
        await audit(tx, actorOf(req), { action: 'update', entity: 'case_time_limits', before, after: rows });
      });
      return { ok: true };
    },
  );

  // The holiday arrangement of one year (national holidays and 调休 working days) as the county uses it.
  app.get('/cases-calendar', { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'] } }, async (req) => {
    const auth = authOf(req);
    return { years: await calendarYears(app.db, auth.user.countyId) };
  });

  app.put(
    '/cases-calendar/:year',
    {
      config: { policy: (auth) => isCountyAdmin(auth) },
      schema: {
        tags: ['cases'],
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: CalendarBody,
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { year } = req.params as { year: number };
      const b = req.body as Static<typeof CalendarBody>;
      const all = [...b.holidays.flatMap((h) => [h.from, h.to]), ...b.workdays];
      if (all.some((d) => !d.startsWith(`${year}-`) && !d.startsWith(`${year + 1}-01`)))
        throw validationFailed(`日期须在 ${year} 年内`);
      const own = await app.db
        .selectFrom('settings')
        .select('value')
        .where('county_id', '=', auth.user.countyId)
        .where('key', '=', 'calendar.years')
        .executeTakeFirst();
      const years = ((own?.value as { years?: CalendarYear[] })?.years ?? []).filter((y) => y.year !== year);
      years.push({ year, ...b });
      await app.db.transaction().execute(async (tx) => {
        await sql`INSERT INTO settings (county_id, key, value) VALUES (${auth.user.countyId}, 'calendar.years', ${JSON.stringify({ years })}::jsonb)
          ON CONFLICT (county_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`.execute(tx);
        await audit(tx, actorOf(req), { action: 'update', entity: 'calendar_year', entityId: year, after: b });
      });
      return { ok: true };
    },
  );
}
