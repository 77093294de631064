import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { audit } from '../../../platform/audit.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { todayInChina } from '../../org/shared.js';
import { isBureau, isManager, managesVisitsOf, mayRead, schoolFilter } from '../access.js';
import { invalid } from '../messages.js';
import type { VisitKind } from '../tables.js';
import { loadTemplateRow } from '../templates/store.js';

const KIND = Type.Union(
  (['self', 'routine', 'random', 'special', 'teaching', 'regular', 'joint'] as const).map((k) => Type.Literal(k)),
);
const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const PlanBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  kind: KIND,
  templateId: Type.Integer({ minimum: 1 }),
  startsOn: DATE,
  endsOn: DATE,
  unannounced: Type.Optional(Type.Boolean()),
  schoolIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }),
  inspectorIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 }),
});

/** Roles that may be named as inspectors of a plan. */
const INSPECTOR_ROLES = ['inspector', 'bureau_admin', 'researcher'] as const;

/** Visit plans (督导计划): create, list; and the visits list both sides use. */
export function planRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  app.post('/plans', { config: { policy: isManager }, schema: { tags, body: PlanBody } }, async (req) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const b = req.body as {
      title: string;
      kind: VisitKind;
      templateId: number;
      startsOn: string;
      endsOn: string;
      unannounced?: boolean;
      schoolIds: number[];
      inspectorIds: number[];
    };
    const countyId = auth.user.countyId;
    if (b.endsOn < b.startsOn) throw invalid(auth, 'plan_dates');
    const schoolIds = [...new Set(b.schoolIds)];
    if (schoolIds.length === 0) throw invalid(auth, 'plan_no_schools');
    const inspectorIds = [...new Set(b.inspectorIds)];
    if (b.kind !== 'self' && inspectorIds.length === 0) throw invalid(auth, 'plan_no_inspectors');
    const t = await loadTemplateRow(app.db, countyId, b.templateId);
    if (t.status !== 'published') throw invalid(auth, 'template_not_published');
    const schools = await app.db
      .selectFrom('schools')
      .select(['id', 'name'])
      .where('county_id', '=', countyId)
      .where('id', 'in', schoolIds)
      .where('archived_at', 'is', null)
      .execute();
    for (const id of schoolIds) {
      const s = schools.find((x) => x.id === id);
      if (!s || !managesVisitsOf(auth, id)) throw invalid(auth, 'school_out_of_scope', { school: s?.name ?? id });
    }
    if (inspectorIds.length > 0) {
      const ok = await app.db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.user_id')
        .distinct()
        .where('u.county_id', '=', countyId)
        .where('r.user_id', 'in', inspectorIds)
        .where('r.role', 'in', [...INSPECTOR_ROLES])
        .execute();
      const okIds = new Set(ok.map((r) => r.user_id));
      const bad = inspectorIds.find((id) => !okIds.has(id));
      if (bad !== undefined) throw invalid(auth, 'inspector_invalid', { id: bad });
    }
    return app.db.transaction().execute(async (trx) => {
      const plan = await trx
        .insertInto('insp_plans')
        .values({
          county_id: countyId,
          title: b.title,
          kind: b.kind,
          template_id: b.templateId,
          starts_on: b.startsOn,
          ends_on: b.endsOn,
          unannounced: b.unannounced ?? false,
          created_by: auth.user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (inspectorIds.length > 0) {
        await trx
          .insertInto('insp_plan_inspectors')
          .values(inspectorIds.map((user_id) => ({ county_id: countyId, plan_id: plan.id, user_id })))
          .execute();
      }
      const visits = await trx
        .insertInto('insp_visits')
        .values(schoolIds.map((school_id) => ({ county_id: countyId, plan_id: plan.id, school_id })))
        .returning('id')
        .execute();
      await audit(trx, actor, {
        action: 'create',
        entity: 'insp_plan',
        entityId: plan.id,
        after: b,
        summary: `督导计划：${b.title}（${schoolIds.length} 所学校）`,
      });
      return { id: plan.id, visitIds: visits.map((v) => v.id) };
    });
  });

  /** People who may be named inspectors (督学, 督导室, 教研员) of the county. */
  app.get('/inspectors', { config: { policy: isManager }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const rows = await app.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.display_name as name', 'u.username'])
      .distinct()
      .where('u.county_id', '=', auth.user.countyId)
      .where('r.role', 'in', [...INSPECTOR_ROLES])
      .orderBy('u.id')
      .execute();
    return { items: rows, total: rows.length };
  });

  /**
   * Visits the caller sees: the bureau side in its scope (a manager also sees the ones they inspect); the school
   * side its own school's visits, except unannounced ones (四不两直) before their first day.
   */
  app.get(
    '/visits',
    {
      config: { policy: mayRead },
      schema: {
        tags,
        querystring: Type.Object({
          planId: Type.Optional(Type.Integer({ minimum: 1 })),
          schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
          mine: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as { planId?: number; schoolId?: number; mine?: boolean };
      const today = todayInChina();
      let query = app.db
        .selectFrom('insp_visits as v')
        .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'v.county_id').onRef('s.id', '=', 'v.school_id'))
        .innerJoin('insp_templates as t', (j) =>
          j.onRef('t.county_id', '=', 'p.county_id').onRef('t.id', '=', 'p.template_id'),
        )
        .select([
          'v.id',
          'v.plan_id as planId',
          'v.school_id as schoolId',
          's.name as schoolName',
          'v.status',
          'v.total',
          'v.grade',
          'v.vetoed',
          'p.title as planTitle',
          'p.kind',
          'p.starts_on as startsOn',
          'p.ends_on as endsOn',
          'p.unannounced',
          't.title as templateTitle',
          't.version as templateVersion',
          sql<boolean>`EXISTS (SELECT 1 FROM insp_plan_inspectors i WHERE i.county_id = p.county_id AND i.plan_id = p.id AND i.user_id = ${auth.user.id})`.as(
            'assigned',
          ),
        ])
        .where('v.county_id', '=', auth.user.countyId)
        .where(schoolFilter(auth, 'v.school_id'));
      if (!isBureau(auth)) {
        query = query.where((eb) => eb.or([eb('p.unannounced', '=', false), eb('p.starts_on', '<=', today)]));
      }
      if (q.planId) query = query.where('v.plan_id', '=', q.planId);
      if (q.schoolId) query = query.where('v.school_id', '=', q.schoolId);
      if (q.mine) {
        query = query.where(
          sql<boolean>`EXISTS (SELECT 1 FROM insp_plan_inspectors i WHERE i.county_id = p.county_id AND i.plan_id = p.id AND i.user_id = ${auth.user.id})`,
        );
      }
      const rows = await query.orderBy('p.starts_on', 'desc').orderBy('v.id').limit(500).execute();
      // The school side sees a result only once published.
      const items = rows.map((r) =>
        isBureau(auth) || r.status === 'published' ? r : { ...r, total: null, grade: null, vetoed: false },
      );
      return { items, total: items.length };
    },
  );
}
