import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Role } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { hasRole, isCountyAdmin, managesSchool } from '../../platform/auth/roles.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { surveysPolicy } from './policy.js';

/**
 * 三张清单 (seed-004 L26) per school: 问题清单 and 特殊家长清单 here, 家长诉求清单 = the cases. The special-parent list
 * names vulnerable or likely-dissatisfied families (seed-004 §7.5 item 4: sensitive), so only the roles named in
 * SPECIAL_PARENT_ROLES see or write it — not teachers, grade or subject leaders, nor inspectors. An item closes in
 * two steps: the school records the resolution, then someone else — the bureau, or another manager of the school —
 * records the check (seed-004 L51: "整改不到位、不彻底的坚决不予销号").
 *
 * Boundary with the rectification ledger (feat/inspections): `raiseProblem` is the one way this module turns a weak
 * survey item or a case into a problem. Today it writes a 问题清单 item; once the inspections ledger is merged it
 * should call that ledger's service instead (the only change needed is inside this function).
 */
export const SPECIAL_PARENT_ROLES: readonly Role[] = ['bureau_admin', 'bureau_leader', 'school_admin'];
export type LedgerList = 'problem' | 'special_parent';

export function mayUseList(auth: AuthContext, list: LedgerList): boolean {
  return list === 'problem' || hasRole(auth, ...SPECIAL_PARENT_ROLES);
}

/** Creates a 问题清单 item for a school (see the boundary note above); returns its id. */
export async function raiseProblem(
  db: Db,
  auth: AuthContext,
  p: { schoolId: number; title: string; detail?: string; source: string },
  ip?: string,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('school_ledger_items')
      .values({
        county_id: auth.user.countyId,
        list: 'problem',
        school_id: p.schoolId,
        title: p.title,
        detail: p.detail ?? null,
        source: p.source,
        created_by: auth.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      tx,
      { countyId: auth.user.countyId, userId: auth.user.id, username: auth.user.username, ip },
      { action: 'create', entity: 'ledger_problem', entityId: row.id, after: p },
    );
    return row.id;
  });
}

const ListParam = Type.Object({ list: Type.Union([Type.Literal('problem'), Type.Literal('special_parent')]) });
const ItemParams = Type.Object({ list: ListParam.properties.list, id: Type.Integer({ minimum: 1 }) });
const CreateBody = Type.Object({
  schoolId: Type.Integer({ minimum: 1 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  detail: Type.Optional(Type.String({ maxLength: 5000 })),
  source: Type.Optional(Type.String({ maxLength: 200 })),
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
      if (list === 'problem')
        return reply
          .status(201)
          .send({ id: await raiseProblem(app.db, auth, { ...b, source: b.source ?? '手工登记' }, req.ip) });
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
