import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { STATUS_LABELS } from '../../../common/inspections/index.js';
import type { Role } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import { type AuditActor, audit } from '../../platform/audit.js';
import { hasRole, isCountyAdmin, managesSchool } from '../../platform/auth/roles.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { raiseProblem as raiseLedgerProblem } from '../inspections/problems/service.js';
import { rulesOf } from '../inspections/settings.js';
import { surveysPolicy } from './policy.js';

/**
 * 三张清单 (seed-004 L26) per school: 问题清单 and 特殊家长清单 here, 家长诉求清单 = the cases. The special-parent list
 * names vulnerable or likely-dissatisfied families (seed-004 §7.5 item 4: sensitive), so only the roles named in
 * SPECIAL_PARENT_ROLES see or write it — not teachers, grade or subject leaders, nor inspectors. A special-parent entry
 * closes in two steps: the school records the resolution, then someone else — the bureau, or another manager of the
 * school — records the check (seed-004 L51: "整改不到位、不彻底的坚决不予销号").
 *
 * The 问题清单 is the school's view of the one rectification ledger (inspections/problems/service.ts): a weak survey
 * dimension or a case becomes a problem there (source module 'surveys' or 'cases' with a ref back to the campaign and
 * dimension or the case), so it gets an order, a deadline, verification and 销号 like every problem; the list shows the
 * school's ledger problems from every source.
 */
export const SPECIAL_PARENT_ROLES: readonly Role[] = ['bureau_admin', 'bureau_leader', 'school_admin'];
export type LedgerList = 'problem' | 'special_parent';

export function mayUseList(auth: AuthContext, list: LedgerList): boolean {
  return list === 'problem' || hasRole(auth, ...SPECIAL_PARENT_ROLES);
}

/** Where a 问题清单 entry comes from: a campaign's dimension, a case, or typed in by hand. */
export type ProblemOrigin = { campaignId: number; dimension?: string } | { caseId: number } | Record<string, never>;

/**
 * Raises a problem in the rectification ledger for a school and returns its id. The origin is checked (the campaign
 * or case exists in the county; a case's school is the problem's school) and becomes the source ref:
 * 'campaign:<id>' or 'campaign:<id>/dimension:<name>' (module 'surveys'), 'case:<id>' (module 'cases'), 'manual'.
 * Severity defaults to the county's middle severity (一般 with the default settings); category to the origin's kind.
 */
export async function raiseProblem(
  db: Db,
  actor: AuditActor,
  p: { schoolId: number; title: string; detail?: string; severity?: string; category?: string; origin: ProblemOrigin },
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const o = p.origin;
    let module = 'surveys';
    let ref = 'manual';
    let category = '满意度测评';
    if ('caseId' in o) {
      const c = await tx
        .selectFrom('cases')
        .select(['school_id', 'category'])
        .where('county_id', '=', actor.countyId)
        .where('id', '=', o.caseId)
        .executeTakeFirst();
      if (!c) throw notFound();
      if (c.school_id !== p.schoolId) throw validationFailed('问题所属学校须与诉求的学校一致');
      module = 'cases';
      ref = `case:${o.caseId}`;
      category = c.category;
    } else if ('campaignId' in o) {
      const c = await tx
        .selectFrom('survey_campaigns')
        .select('id')
        .where('county_id', '=', actor.countyId)
        .where('id', '=', o.campaignId)
        .executeTakeFirst();
      if (!c) throw notFound();
      ref = o.dimension ? `campaign:${o.campaignId}/dimension:${o.dimension}` : `campaign:${o.campaignId}`;
    }
    const severities = (await rulesOf(tx, actor.countyId)).severities;
    const severity = p.severity ?? severities[Math.floor((severities.length - 1) / 2)];
    return raiseLedgerProblem(tx, actor, {
      source: { module, ref },
      schoolId: p.schoolId,
      category: p.category ?? category,
      severity,
      description: p.detail ? `${p.title}：${p.detail}` : p.title,
    });
  });
}

const ListParam = Type.Object({ list: Type.Union([Type.Literal('problem'), Type.Literal('special_parent')]) });
const ItemParams = Type.Object({ list: ListParam.properties.list, id: Type.Integer({ minimum: 1 }) });
const CreateBody = Type.Object({
  schoolId: Type.Integer({ minimum: 1 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  detail: Type.Optional(Type.String({ maxLength: 5000 })),
  source: Type.Optional(Type.String({ maxLength: 200 })),
  /** 问题清单 only: where the problem comes from and how serious it is (one of the county's severities). */
  campaignId: Type.Optional(Type.Integer({ minimum: 1 })),
  dimension: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  caseId: Type.Optional(Type.Integer({ minimum: 1 })),
  severity: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
});
const StepBody = Type.Object({
  step: Type.Union([Type.Literal('resolve'), Type.Literal('check')]),
  note: Type.String({ minLength: 1, maxLength: 5000 }),
});

export function ledgerRoutes(app: FastifyInstance) {
  app.get(
    '/ledger/:list',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], params: ListParam } },
    async (req) => {
      const auth = authOf(req);
      const { list } = req.params as Static<typeof ListParam>;
      if (!mayUseList(auth, list)) throw forbidden();
      if (list === 'problem') return { items: await problemList(app, auth) };
      const items = await app.db
        .selectFrom('school_ledger_items as l')
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'l.county_id').onRef('s.id', '=', 'l.school_id'))
        .select([
          'l.id',
          'l.school_id as schoolId',
          's.name as schoolName',
          'l.title',
          'l.detail',
          'l.source',
          'l.status',
          'l.resolution',
          'l.check_note as checkNote',
          'l.created_at as createdAt',
        ])
        .where('l.county_id', '=', auth.user.countyId)
        .where('l.list', '=', list)
        .where(schoolVisible(auth.scope, 'l.school_id'))
        .orderBy('l.id', 'desc')
        .limit(1000)
        .execute();
      return { items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
    },
  );

  app.post(
    '/ledger/:list',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], params: ListParam, body: CreateBody } },
    async (req, reply) => {
      const auth = authOf(req);
      const { list } = req.params as Static<typeof ListParam>;
      const b = req.body as Static<typeof CreateBody>;
      if (!mayUseList(auth, list) || !managesSchool(auth, b.schoolId)) throw forbidden();
      if (list === 'problem') {
        const origin: ProblemOrigin =
          b.caseId !== undefined
            ? { caseId: b.caseId }
            : b.campaignId !== undefined
              ? { campaignId: b.campaignId, dimension: b.dimension }
              : {};
        const id = await raiseProblem(app.db, actorOf(req), { ...b, origin });
        return reply.status(201).send({ id });
      }
      const id = await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('school_ledger_items')
          .values({
            county_id: auth.user.countyId,
            list,
            school_id: b.schoolId,
            title: b.title,
            detail: b.detail ?? null,
            source: b.source ?? null,
            created_by: auth.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The audit row names the entry, not its content: the list itself is the restricted record.
        await audit(tx, actorOf(req), { action: 'create', entity: 'ledger_special_parent', entityId: row.id });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/ledger/:list/:id/steps',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['cases'], params: ItemParams, body: StepBody } },
    async (req) => {
      const auth = authOf(req);
      const { list, id } = req.params as Static<typeof ItemParams>;
      const { step, note } = req.body as Static<typeof StepBody>;
      if (!mayUseList(auth, list)) throw forbidden();
      // Problems take their steps (order, answer, verification, 销号) in the rectification ledger.
      if (list === 'problem') throw validationFailed('问题清单的事项请在问题整改台账中办理（下达、整改、核查销号）');
      const item = await app.db
        .selectFrom('school_ledger_items')
        .selectAll()
        .where('county_id', '=', auth.user.countyId)
        .where('list', '=', list)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!item) throw notFound();
      if (!managesSchool(auth, item.school_id)) throw forbidden();
      if (step === 'resolve' && item.status !== 'open') throw validationFailed('只有未整改的事项可以登记整改结果');
      if (step === 'check') {
        if (item.status !== 'resolved') throw validationFailed('须先登记整改结果，才能核查销号');
        if (item.resolved_by === auth.user.id && !isCountyAdmin(auth))
          throw validationFailed('整改结果须由他人核查后销号');
      }
      const now = new Date();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('school_ledger_items')
          .set(
            step === 'resolve'
              ? { status: 'resolved', resolution: note, resolved_by: auth.user.id, resolved_at: now }
              : { status: 'closed', check_note: note, checked_by: auth.user.id, checked_at: now },
          )
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: `ledger_${list}`,
          entityId: id,
          before: { status: item.status },
          after: { status: step === 'resolve' ? 'resolved' : 'closed' },
        });
      });
      return { ok: true };
    },
  );
}

/** The 问题清单: the ledger's problems of the schools the caller sees, every source, newest first. */
async function problemList(app: FastifyInstance, auth: AuthContext) {
  const rows = await app.db
    .selectFrom('insp_problems as p')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
    .select([
      'p.id',
      'p.school_id as schoolId',
      's.name as schoolName',
      'p.description as title',
      'p.source_module as sourceModule',
      'p.source_ref as sourceRef',
      'p.category',
      'p.severity',
      'p.status',
      'p.deadline',
      'p.closed_on as closedOn',
      sql<string>`to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('createdOn'),
    ])
    .where('p.county_id', '=', auth.user.countyId)
    .where(schoolVisible(auth.scope, 'p.school_id'))
    .orderBy('p.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status }));
}
