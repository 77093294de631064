import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { daysBetween } from '../../../../common/calendar/dates.js';
import { deadlineStatus, objectionWindow, STATUS_LABELS } from '../../../../common/inspections/index.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { ListQuery, paginate } from '../../../platform/list.js';
import { todayInChina } from '../../org/shared.js';
import { answersFor, bureauSees, isManager, mayRead, schoolFilter } from '../access.js';
import { rulesOf } from '../settings.js';
import { applyProblemStep, editProblem, type ProblemStep, raiseProblem } from './service.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const AnswerSchema = Type.Object(
  {
    points: Type.Optional(Type.Number()),
    level: Type.Optional(Type.String({ maxLength: 20 })),
    pass: Type.Optional(Type.Boolean()),
    value: Type.Optional(Type.Number()),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** Which side may take each step: the bureau (managers in scope) or the school itself. */
const STEPS: Record<ProblemStep['type'], { side: 'bureau' | 'school'; body: ReturnType<typeof Type.Object> }> = {
  order: {
    side: 'bureau',
    body: Type.Object({
      unit: Text(100),
      person: Text(50),
      deadline: Type.Optional(DATE),
      flagged: Type.Optional(Type.Boolean()),
    }),
  },
  object: { side: 'school', body: Type.Object({ reason: Text() }) },
  decideObjection: { side: 'bureau', body: Type.Object({ upheld: Type.Boolean(), reason: Text() }) },
  respond: {
    side: 'school',
    body: Type.Object({
      report: Text(4000),
      evidence: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 }),
    }),
  },
  verify: {
    side: 'bureau',
    body: Type.Object({
      fixed: Type.Boolean(),
      fullyFixed: Type.Boolean(),
      publicSatisfied: Type.Optional(Type.Boolean()),
      reason: Type.Optional(Type.String({ maxLength: 2000 })),
      rescore: Type.Optional(AnswerSchema),
    }),
  },
  reopen: { side: 'bureau', body: Type.Object({ reason: Text() }) },
};

async function schoolOfProblem(req: FastifyRequest, auth: AuthContext): Promise<number> {
  const row = await req.server.db
    .selectFrom('insp_problems')
    .select('school_id')
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', (req.params as { id: number }).id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row.school_id;
}

/** The ledger's API: list, one problem with its steps, raise by hand, edit, and each step of the state machine. */
export function problemRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  app.get(
    '/problems',
    {
      config: { policy: mayRead },
      schema: {
        tags,
        querystring: Type.Object({
          ...ListQuery,
          status: Type.Optional(Type.String({ maxLength: 20 })),
          schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
          overdue: Type.Optional(Type.Boolean()),
          flagged: Type.Optional(Type.Boolean()),
          source: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as {
        page?: number;
        pageSize?: number;
        q?: string;
        sort?: string;
        order?: 'asc' | 'desc';
        status?: string;
        schoolId?: number;
        overdue?: boolean;
        flagged?: boolean;
        source?: string;
      };
      const today = todayInChina();
      let query = app.db
        .selectFrom('insp_problems as p')
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
        .select([
          'p.id',
          'p.school_id as schoolId',
          's.name as schoolName',
          'p.source_module as source',
          'p.visit_id as visitId',
          'p.criterion_code as criterionCode',
          'p.criterion_title as criterionTitle',
          'p.category',
          'p.severity',
          'p.description',
          'p.flagged',
          'p.status',
          'p.ordered_on as orderedOn',
          'p.deadline',
          'p.closed_on as closedOn',
          'p.before_ratio as beforeRatio',
          'p.after_ratio as afterRatio',
          'p.escalation',
          sql<string>`to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('createdOn'),
        ])
        .where('p.county_id', '=', auth.user.countyId)
        .where(schoolFilter(auth, 'p.school_id'));
      if (q.status) query = query.where('p.status', '=', q.status);
      if (q.schoolId) query = query.where('p.school_id', '=', q.schoolId);
      if (q.flagged !== undefined) query = query.where('p.flagged', '=', q.flagged);
      if (q.source) query = query.where('p.source_module', '=', q.source);
      if (q.overdue) query = query.where('p.status', '=', 'ordered').where('p.deadline', '<', today);
      if (q.q) query = query.where('p.description', 'ilike', `%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
      const page = await paginate(
        query,
        q,
        { id: 'p.id', deadline: 'p.deadline', schoolName: 's.name', status: 'p.status', severity: 'p.severity' },
        'id',
        'p.id',
      );
      return {
        total: page.total,
        items: page.items.map((p) => {
          const d = p.deadline && p.status === 'ordered' ? daysBetween(today, p.deadline) : null;
          return { ...p, statusLabel: STATUS_LABELS[p.status as keyof typeof STATUS_LABELS], daysLeft: d };
        }),
      };
    },
  );

  app.get('/problems/:id', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const id = (req.params as { id: number }).id;
    const row = await app.db
      .selectFrom('insp_problems as p')
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
      .selectAll('p')
      .select('s.name as school_name')
      .where('p.county_id', '=', auth.user.countyId)
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    if (!(bureauSees(auth, row.school_id) || answersFor(auth, row.school_id))) throw forbidden();
    const steps = await app.db
      .selectFrom('insp_problem_steps as st')
      .leftJoin('users as u', (j) => j.onRef('u.county_id', '=', 'st.county_id').onRef('u.id', '=', 'st.user_id'))
      .select([
        'st.id',
        'st.type',
        'st.on_date as onDate',
        'st.user_id as userId',
        'u.display_name as userName',
        'st.note',
        'st.evidence',
        'st.detail',
      ])
      .where('st.county_id', '=', auth.user.countyId)
      .where('st.problem_id', '=', id)
      .orderBy('st.id')
      .execute();
    const reminders = await app.db
      .selectFrom('insp_reminders')
      .select(['kind', 'deadline', 'sent_on as sentOn', 'recipient'])
      .where('county_id', '=', auth.user.countyId)
      .where('problem_id', '=', id)
      .orderBy('id')
      .execute();
    const files = await app.db
      .selectFrom('insp_files')
      .select(['id', 'name', 'mime', 'size'])
      .where('county_id', '=', auth.user.countyId)
      .where('id', 'in', [0, ...row.evidence, ...steps.flatMap((s) => s.evidence)])
      .execute();
    const today = todayInChina();
    const rules = await rulesOf(app.db, auth.user.countyId);
    return {
      problem: {
        id: row.id,
        schoolId: row.school_id,
        schoolName: row.school_name,
        source: row.source_module,
        sourceRef: row.source_ref,
        visitId: row.visit_id,
        criterionCode: row.criterion_code,
        criterionTitle: row.criterion_title,
        category: row.category,
        severity: row.severity,
        description: row.description,
        evidence: row.evidence,
        flagged: row.flagged,
        status: row.status,
        statusLabel: STATUS_LABELS[row.status as keyof typeof STATUS_LABELS],
        orderedOn: row.ordered_on,
        deadline: row.deadline,
        closedOn: row.closed_on,
        beforeRatio: row.before_ratio,
        afterRatio: row.after_ratio,
        responsibleUnit: row.state.responsibleUnit,
        responsiblePerson: row.state.responsiblePerson,
        lastReportBy: row.state.lastReportBy === null ? null : Number(row.state.lastReportBy),
        rejections: row.state.rejections,
        deadlineStatus: deadlineStatus(row.state, today),
        objectionWindow: objectionWindow(row.state, today, rules.rectification),
      },
      steps,
      reminders,
      files,
      side: bureauSees(auth, row.school_id) ? 'bureau' : 'school',
      canManage: isManager(auth) && bureauSees(auth, row.school_id),
      canAnswer: answersFor(auth, row.school_id),
    };
  });

  /** Raise a problem by hand (e.g. found on a walk-around without a sheet). */
  app.post(
    '/problems',
    {
      config: { policy: isManager },
      schema: {
        tags,
        body: Type.Object({
          schoolId: Type.Integer({ minimum: 1 }),
          category: Text(40),
          severity: Text(20),
          description: Text(),
          evidence: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 })),
          flagged: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const b = req.body as {
        schoolId: number;
        category: string;
        severity: string;
        description: string;
        evidence?: number[];
        flagged?: boolean;
      };
      if (!bureauSees(auth, b.schoolId)) throw forbidden();
      return app.db.transaction().execute(async (trx) => ({
        id: await raiseProblem(trx, actorOf(req), { ...b, source: { module: 'inspections', ref: 'manual' } }),
      }));
    },
  );

  app.patch(
    '/problems/:id',
    {
      config: { policy: isManager },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          category: Type.Optional(Text(40)),
          severity: Type.Optional(Text(20)),
          description: Type.Optional(Text()),
          flagged: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (!bureauSees(auth, await schoolOfProblem(req, auth))) throw forbidden();
      const id = (req.params as { id: number }).id;
      await app.db.transaction().execute((trx) => editProblem(trx, actorOf(req), id, req.body as never));
      return { id };
    },
  );

  for (const [type, def] of Object.entries(STEPS) as [ProblemStep['type'], (typeof STEPS)[ProblemStep['type']]][]) {
    const path = `/problems/:id/${type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    app.post(
      path,
      {
        config: {
          policy: def.side === 'bureau' ? isManager : mayRead,
        },
        schema: { tags, params: IdParams, body: def.body },
      },
      async (req) => {
        const auth = authOf(req);
        const schoolId = await schoolOfProblem(req, auth);
        const allowed = def.side === 'bureau' ? bureauSees(auth, schoolId) : answersFor(auth, schoolId);
        if (!allowed) throw forbidden();
        const id = (req.params as { id: number }).id;
        const p = await app.db
          .transaction()
          .execute((trx) => applyProblemStep(trx, actorOf(req), id, { type, ...(req.body as object) } as ProblemStep));
        return { id, status: p.status, deadline: p.deadline };
      },
    );
  }
}
