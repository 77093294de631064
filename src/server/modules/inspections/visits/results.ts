import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { CALENDAR_DAYS, type Template } from '../../../../common/inspections/index.js';
import type { Db } from '../../../db/pool.js';
import { audit } from '../../../platform/audit.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { todayInChina } from '../../org/shared.js';
import { answersFor, isBureau, isManager, mayRead, schoolFilter } from '../access.js';
import { clash, invalid } from '../messages.js';
import { raiseProblem } from '../problems/service.js';
import { rulesOf } from '../settings.js';
import { loadVisit, type VisitContext } from './load.js';
import { visitResult } from './result.js';
import { refreshVisit } from './scoring.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** The full result of a visit (inspectors combined, spread, self vs external, findings). */
export async function resultOf(db: Db, countyId: number, ctx: VisitContext) {
  const sheets = await db
    .selectFrom('insp_sheets as s')
    .innerJoin('users as u', (j) => j.onRef('u.county_id', '=', 's.county_id').onRef('u.id', '=', 's.user_id'))
    .select(['s.user_id', 'u.display_name as name', 's.is_self', 's.answers', 's.status', 's.total', 's.grade'])
    .where('s.county_id', '=', countyId)
    .where('s.visit_id', '=', ctx.visit.id)
    .orderBy('s.id')
    .execute();
  const rules = await rulesOf(db, countyId);
  const submitted = sheets.filter((s) => s.status === 'submitted');
  const self = submitted.find((s) => s.is_self)?.answers ?? null;
  const external = submitted.filter((s) => !s.is_self).map((s) => s.answers);
  const r =
    ctx.plan.kind === 'self'
      ? visitResult(ctx.template, self ? [self] : [], null, ctx.school.type, rules.spread, rules.lowRatio)
      : visitResult(ctx.template, external, self, ctx.school.type, rules.spread, rules.lowRatio);
  return {
    ...r,
    sheets: sheets.map((s) => ({
      userId: s.user_id,
      name: s.name,
      self: s.is_self,
      status: s.status,
      total: s.total,
      grade: s.grade,
      answers: s.status === 'submitted' ? s.answers : null,
    })),
  };
}

/** Top-level criteria ratios of a combined result (the radar's axes). */
function topRatios(t: Template, combined: ReturnType<typeof visitResult>['combined']): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of t.criteria) {
    if (c.scoring?.kind === 'text') continue;
    const n = combined?.nodes[c.code];
    out[c.code] = n && n.mean !== null && n.full > 0 ? Number((n.mean / n.full).toPrecision(4)) : null;
  }
  return out;
}

export function resultRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  app.get('/visits/:id/result', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
    if (!ctx.bureau && ctx.visit.status !== 'published') throw notFound();
    const objection = await app.db
      .selectFrom('insp_objections')
      .selectAll()
      .where('county_id', '=', auth.user.countyId)
      .where('visit_id', '=', ctx.visit.id)
      .executeTakeFirst();
    const problems = await app.db
      .selectFrom('insp_problems')
      .select(['id', 'criterion_code as code', 'status'])
      .where('county_id', '=', auth.user.countyId)
      .where('visit_id', '=', ctx.visit.id)
      .execute();
    return {
      visit: ctx.visit,
      plan: ctx.plan,
      school: ctx.school,
      template: {
        id: ctx.templateRow.id,
        title: ctx.templateRow.title,
        version: ctx.templateRow.version,
        body: ctx.templateRow.body,
      },
      result: await resultOf(app.db, auth.user.countyId, ctx),
      objection: objection ?? null,
      problems,
      bureau: ctx.bureau,
    };
  });

  app.post(
    '/visits/:id/publish',
    { config: { policy: isManager }, schema: { tags, params: IdParams } },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
      if (!ctx.bureau) throw forbidden();
      if (ctx.visit.status === 'published') throw clash(auth, 'visit_published');
      if (ctx.visit.status !== 'scored') throw invalid(auth, 'visit_not_scored');
      const rules = await rulesOf(app.db, auth.user.countyId);
      const today = todayInChina();
      const until = CALENDAR_DAYS.addDays(today, rules.resultObjectionDays);
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('insp_visits')
          .set({ status: 'published', published_at: new Date(), objection_until: until, updated_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', ctx.visit.id)
          .execute();
        await audit(trx, actor, {
          action: 'publish',
          entity: 'insp_visit',
          entityId: ctx.visit.id,
          summary: `发布结果：${ctx.school.name}「${ctx.plan.title}」，异议截止 ${until}`,
        });
      });
      return { objectionUntil: until };
    },
  );

  app.post(
    '/visits/:id/objection',
    {
      config: { policy: mayRead },
      schema: { tags, params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
      if (!answersFor(auth, ctx.school.id)) throw forbidden();
      if (ctx.visit.status !== 'published') throw notFound();
      const today = todayInChina();
      if (ctx.visit.objectionUntil === null || today > ctx.visit.objectionUntil) {
        throw invalid(auth, 'objection_closed', { date: ctx.visit.objectionUntil ?? '' });
      }
      return app.db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('insp_objections')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('visit_id', '=', ctx.visit.id)
          .executeTakeFirst();
        if (exists) throw clash(auth, 'objection_exists');
        const row = await trx
          .insertInto('insp_objections')
          .values({
            county_id: auth.user.countyId,
            visit_id: ctx.visit.id,
            filed_by: auth.user.id,
            reason: (req.body as { reason: string }).reason,
            filed_on: today,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, actor, { action: 'object', entity: 'insp_visit', entityId: ctx.visit.id, after: req.body });
        return { id: row.id };
      });
    },
  );

  app.post(
    '/visits/:id/objection/decide',
    {
      config: { policy: isManager },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ upheld: Type.Boolean(), decision: Type.String({ minLength: 1, maxLength: 2000 }) }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
      if (!ctx.bureau) throw forbidden();
      const b = req.body as { upheld: boolean; decision: string };
      return app.db.transaction().execute(async (trx) => {
        const o = await trx
          .selectFrom('insp_objections')
          .selectAll()
          .where('county_id', '=', auth.user.countyId)
          .where('visit_id', '=', ctx.visit.id)
          .forUpdate()
          .executeTakeFirst();
        if (!o) throw notFound();
        if (o.decided_on !== null) throw clash(auth, 'objection_decided');
        await trx
          .updateTable('insp_objections')
          .set({ upheld: b.upheld, decision: b.decision, decided_by: auth.user.id, decided_on: todayInChina() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', o.id)
          .execute();
        // An upheld objection takes the result back: unpublished, the inspectors' sheets open again for correction.
        if (b.upheld) {
          await trx
            .updateTable('insp_sheets')
            .set({ status: 'draft', submitted_at: null })
            .where('county_id', '=', auth.user.countyId)
            .where('visit_id', '=', ctx.visit.id)
            .where('is_self', '=', false)
            .execute();
          await trx
            .updateTable('insp_visits')
            .set({ published_at: null, objection_until: null, status: 'planned' })
            .where('county_id', '=', auth.user.countyId)
            .where('id', '=', ctx.visit.id)
            .execute();
          await refreshVisit(trx, auth.user.countyId, { ...ctx, visit: { ...ctx.visit, status: 'planned' } });
        }
        await audit(trx, actor, {
          action: 'decide_objection',
          entity: 'insp_visit',
          entityId: ctx.visit.id,
          after: b,
        });
        return { upheld: b.upheld };
      });
    },
  );

  /** Confirms a proposed finding as a problem in the ledger (the inspector decides severity and wording). */
  app.post(
    '/visits/:id/findings',
    {
      config: { policy: isManager },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 40 }),
          category: Type.String({ minLength: 1, maxLength: 40 }),
          severity: Type.String({ minLength: 1, maxLength: 20 }),
          description: Type.String({ minLength: 1, maxLength: 2000 }),
          flagged: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
      if (!ctx.bureau) throw forbidden();
      const b = req.body as {
        code: string;
        category: string;
        severity: string;
        description: string;
        flagged?: boolean;
      };
      const result = await resultOf(app.db, auth.user.countyId, ctx);
      const leaf = result.combined?.nodes[b.code];
      if (!leaf) throw invalid(auth, 'finding_unknown', { code: b.code });
      const finding = result.findings.find((f) => f.code === b.code);
      const evidence = [...new Set(result.sheets.flatMap((s) => (s.answers?.[b.code]?.evidence ?? []).map(Number)))];
      return app.db.transaction().execute(async (trx) => {
        const dup = await trx
          .selectFrom('insp_problems')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('visit_id', '=', ctx.visit.id)
          .where('criterion_code', '=', b.code)
          .executeTakeFirst();
        if (dup) throw clash(auth, 'finding_exists', { code: b.code });
        const id = await raiseProblem(trx, actor, {
          source: { module: 'inspections', ref: `visit:${ctx.visit.id}` },
          schoolId: ctx.school.id,
          category: b.category,
          severity: b.severity,
          description: b.description,
          evidence,
          flagged: b.flagged,
          criterionRef: {
            visitId: ctx.visit.id,
            code: b.code,
            title: finding?.title ?? b.code,
            ratio: leaf.mean !== null && leaf.full > 0 ? Number((leaf.mean / leaf.full).toPrecision(12)) : null,
          },
        });
        return { id };
      });
    },
  );

  /** Ranking of a plan's schools with the radar's axes (top-level criteria as a share of their points). */
  app.get('/plans/:id/ranking', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const planId = (req.params as { id: number }).id;
    const visits = await visibleVisitIds(app.db, auth, sql`v.plan_id = ${planId}`);
    const rows: {
      visitId: number;
      schoolId: number;
      schoolName: string;
      total: number | null;
      max: number;
      grade: string | null;
      vetoed: boolean;
      axes: Record<string, number | null>;
    }[] = [];
    let axes: { code: string; title: string }[] = [];
    for (const id of visits) {
      const ctx = await loadVisit(app.db, auth, id);
      if (!ctx.bureau && ctx.visit.status !== 'published') continue;
      const r = await resultOf(app.db, auth.user.countyId, ctx);
      if (r.total === null) continue;
      axes = ctx.template.criteria
        .filter((c) => c.scoring?.kind !== 'text')
        .map((c) => ({ code: c.code, title: c.title }));
      rows.push({
        visitId: id,
        schoolId: ctx.school.id,
        schoolName: ctx.school.name,
        total: r.total,
        max: r.max,
        grade: r.grade,
        vetoed: r.vetoed,
        axes: topRatios(ctx.template, r.combined),
      });
    }
    rows.sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
    // Competition ranking: equal totals share a rank (1, 2, 2, 4).
    const ranked = rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.total === r.total) + 1 }));
    return { axes, items: ranked };
  });

  /** A school's published totals over time, per template (the trend). */
  app.get('/schools/:id/trend', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const schoolId = (req.params as { id: number }).id;
    const rows = await app.db
      .selectFrom('insp_visits as v')
      .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
      .innerJoin('insp_templates as t', (j) =>
        j.onRef('t.county_id', '=', 'p.county_id').onRef('t.id', '=', 'p.template_id'),
      )
      .select([
        'v.id',
        'p.starts_on as date',
        'p.title as planTitle',
        't.family_id as familyId',
        't.title as templateTitle',
        'v.total',
        'v.grade',
        't.body',
      ])
      .where('v.county_id', '=', auth.user.countyId)
      .where('v.school_id', '=', schoolId)
      .where('v.status', '=', 'published')
      .where(schoolFilter(auth, 'v.school_id'))
      .orderBy('p.starts_on')
      .execute();
    return {
      items: rows.map(({ body, ...r }) => ({ ...r, max: body.maxScore })),
    };
  });
}

/** Ids of visits the caller may see matching a condition (bureau scope or own school; hidden unannounced ones out). */
export async function visibleVisitIds(db: Db, auth: AuthContext, where: ReturnType<typeof sql>): Promise<number[]> {
  const today = todayInChina();
  const rows = await db
    .selectFrom('insp_visits as v')
    .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
    .select('v.id')
    .where('v.county_id', '=', auth.user.countyId)
    .where(schoolFilter(auth, 'v.school_id'))
    .where(sql<boolean>`${where}`)
    .where((eb) =>
      isBureau(auth) ? eb.val(true) : eb.or([eb('p.unannounced', '=', false), eb('p.starts_on', '<=', today)]),
    )
    .execute();
  return rows.map((r) => r.id);
}
