import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { type Answers, scoreSheet, submitSheet } from '../../../../common/inspections/index.js';
import type { Db } from '../../../db/pool.js';
import { audit } from '../../../platform/audit.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { todayInChina } from '../../org/shared.js';
import { answersFor, mayRead } from '../access.js';
import { clash, invalid } from '../messages.js';
import { checkEvidence } from '../problems/service.js';
import { rulesOf } from '../settings.js';
import { loadVisit, type VisitContext } from './load.js';
import { visitResult } from './result.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const AnswerSchema = Type.Object(
  {
    points: Type.Optional(Type.Number()),
    level: Type.Optional(Type.String({ maxLength: 20 })),
    pass: Type.Optional(Type.Boolean()),
    value: Type.Optional(Type.Number()),
    text: Type.Optional(Type.String({ maxLength: 4000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    evidence: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const SheetBody = Type.Object({
  answers: Type.Record(Type.String({ maxLength: 40 }), AnswerSchema),
  /** The revision the client last saw; a save against an older one is refused (two devices, two tabs). */
  revision: Type.Integer({ minimum: 0 }),
  self: Type.Optional(Type.Boolean()),
});

/**
 * Which sheet the caller fills on this visit: an assigned inspector the external one (not on a 自评 plan); the
 * school side its self-assessment. Refused otherwise, and once the visit is published or before its first day.
 */
function sheetRole(ctx: VisitContext, auth: AuthContext, self: boolean, today: string): void {
  if (ctx.visit.status === 'published' || ctx.plan.startsOn > today) {
    throw invalid(auth, 'visit_not_open', { date: ctx.plan.startsOn });
  }
  if (
    self ? !answersFor(auth, ctx.school.id) : !ctx.plan.inspectorIds.includes(auth.user.id) || ctx.plan.kind === 'self'
  ) {
    throw invalid(auth, 'not_assigned');
  }
}

async function evidenceIds(answers: Answers): Promise<number[]> {
  return [...new Set(Object.values(answers).flatMap((a) => (a.evidence ?? []).map(Number)))];
}

/**
 * Recomputes a visit's stored result from its submitted sheets. Called with the visit row locked, so two inspectors
 * submitting at once are serialised and the second sees the first's sheet.
 */
export async function refreshVisit(trx: Db, countyId: number, ctx: VisitContext): Promise<void> {
  const sheets = await trx
    .selectFrom('insp_sheets')
    .select(['answers', 'is_self'])
    .where('county_id', '=', countyId)
    .where('visit_id', '=', ctx.visit.id)
    .where('status', '=', 'submitted')
    .execute();
  const rules = await rulesOf(trx, countyId);
  const external = sheets.filter((s) => !s.is_self).map((s) => s.answers);
  const self = sheets.find((s) => s.is_self)?.answers ?? null;
  // A 自评 plan's result is the school's own sheet.
  const r =
    ctx.plan.kind === 'self'
      ? visitResult(ctx.template, self ? [self] : [], null, ctx.school.type, rules.spread, rules.lowRatio)
      : visitResult(ctx.template, external, self, ctx.school.type, rules.spread, rules.lowRatio);
  await trx
    .updateTable('insp_visits')
    .set({
      status: r.total === null ? 'planned' : 'scored',
      total: r.total,
      grade: r.grade,
      vetoed: r.vetoed,
      updated_at: new Date(),
    })
    .where('county_id', '=', countyId)
    .where('id', '=', ctx.visit.id)
    .execute();
}

/** The scoring page's API: the visit with its template, the caller's sheet; save a draft; submit. */
export function scoringRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  app.get('/visits/:id', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const ctx = await loadVisit(app.db, auth, (req.params as { id: number }).id);
    const mine = await app.db
      .selectFrom('insp_sheets')
      .select([
        'id',
        'is_self as self',
        'answers',
        'status',
        'revision',
        'total',
        'grade',
        'submitted_at as submittedAt',
      ])
      .where('county_id', '=', auth.user.countyId)
      .where('visit_id', '=', ctx.visit.id)
      .where('user_id', '=', auth.user.id)
      .execute();
    const today = todayInChina();
    return {
      visit: ctx.bureau || ctx.visit.status === 'published' ? ctx.visit : { ...ctx.visit, total: null, grade: null },
      plan: ctx.plan,
      school: ctx.school,
      template: {
        id: ctx.templateRow.id,
        version: ctx.templateRow.version,
        title: ctx.templateRow.title,
        body: ctx.templateRow.body,
      },
      sheets: mine,
      bureau: ctx.bureau,
      canScore:
        ctx.plan.inspectorIds.includes(auth.user.id) &&
        ctx.plan.kind !== 'self' &&
        ctx.visit.status !== 'published' &&
        ctx.plan.startsOn <= today,
      canSelfAssess: answersFor(auth, ctx.school.id) && ctx.visit.status !== 'published' && ctx.plan.startsOn <= today,
    };
  });

  const save = (submit: boolean) => async (req: import('fastify').FastifyRequest) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const id = (req.params as { id: number }).id;
    const body = req.body as { answers: Answers; revision: number; self?: boolean };
    const self = body.self ?? false;
    const today = todayInChina();
    const ctx = await loadVisit(app.db, auth, id, today);
    sheetRole(ctx, auth, self, today);
    const countyId = auth.user.countyId;
    await checkEvidence(app.db, countyId, ctx.school.id, await evidenceIds(body.answers));
    const scored = scoreSheet(ctx.template, body.answers, ctx.school.type);
    // Out-of-range scores are refused even in a draft: the inspector sees the error at once.
    if (scored.completeness.invalid.length > 0) {
      throw invalid(auth, 'sheet_incomplete', { detail: scored.completeness.invalid.map((i) => i.message).join('；') });
    }
    if (submit) {
      const check = submitSheet(ctx.template, body.answers, ctx.school.type);
      if (!check.ok) throw invalid(auth, 'sheet_incomplete', { detail: check.errors.join('；') });
    }
    return app.db.transaction().execute(async (trx) => {
      // Lock the visit: submits on one visit are serialised (the combined result sees every sheet).
      await sql`SELECT 1 FROM insp_visits WHERE county_id = ${countyId} AND id = ${id} FOR UPDATE`.execute(trx);
      const existing = await trx
        .selectFrom('insp_sheets')
        .select(['id', 'status', 'revision'])
        .where('county_id', '=', countyId)
        .where('visit_id', '=', id)
        .where('user_id', '=', auth.user.id)
        .where('is_self', '=', self)
        .forUpdate()
        .executeTakeFirst();
      if (existing?.status === 'submitted') throw clash(auth, 'sheet_submitted');
      if ((existing?.revision ?? 0) !== body.revision) {
        throw clash(auth, 'sheet_stale', { revision: existing?.revision ?? 0 });
      }
      const values = {
        answers: JSON.stringify(body.answers),
        status: submit ? ('submitted' as const) : ('draft' as const),
        revision: body.revision + 1,
        total: scored.total,
        grade: scored.grade,
        submitted_at: submit ? new Date() : null,
        updated_at: new Date(),
      };
      if (existing) {
        await trx
          .updateTable('insp_sheets')
          .set(values)
          .where('county_id', '=', countyId)
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('insp_sheets')
          .values({ county_id: countyId, visit_id: id, user_id: auth.user.id, is_self: self, ...values })
          .execute();
      }
      if (submit) {
        await refreshVisit(trx, countyId, ctx);
        await audit(trx, actor, {
          action: 'submit',
          entity: 'insp_sheet',
          entityId: `${id}:${auth.user.id}${self ? ':self' : ''}`,
          after: { total: scored.total, grade: scored.grade, answers: body.answers },
          summary: `${ctx.school.name}「${ctx.plan.title}」${self ? '自评' : '评分'}提交：${scored.total ?? '-'} 分`,
        });
      }
      return { revision: body.revision + 1, status: values.status, result: scored };
    });
  };

  app.put(
    '/visits/:id/sheet',
    { config: { policy: mayRead }, schema: { tags, params: IdParams, body: SheetBody } },
    save(false),
  );
  app.post(
    '/visits/:id/sheet/submit',
    { config: { policy: mayRead }, schema: { tags, params: IdParams, body: SheetBody } },
    save(true),
  );
}
