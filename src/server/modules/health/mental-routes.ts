import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { complementarySuppression } from '../../../common/surveys/disclosure.js';
import { type AuditActor, audit } from '../../platform/audit.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { mentalPolicy } from './mental-policy.js';
import { checkUnit, type ReportUnit, unitSql } from './units.js';
import { currentTermId } from './vision-queries.js';

/** Counts below this are withheld (issue 8: "counts only, suppressed below 5"). */
export const MENTAL_MIN_COUNT = 5;

const Level = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('blue')]);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const LEVEL_CN: Record<string, string> = { red: '红', yellow: '黄', blue: '蓝' };

/**
 * Mental-health screening (restricted, see mental-policy.ts): rounds, alert cards (红/黄/蓝) with the reason, the plan
 * (一人一策) and helper (一人一帮), follow-ups and closing — for the named roles of the card's school only, every read
 * and write audited; and GET /mental/summary, the suppressed counts anyone who sees the unit may read. No export and
 * no report carries a name.
 */
export function mentalRoutes(app: FastifyInstance) {
  const tags = ['health'];
  const config = { policy: mentalPolicy.anySchool };

  /** The school asked for, refused unless the caller holds a named role there. */
  const ownSchool = (req: FastifyRequest, schoolId: number) => {
    if (!mentalPolicy.school(authOf(req), schoolId)) throw forbidden();
  };
  /** Audits a read of restricted records (PIPL: sensitive personal information). */
  const auditRead = (actor: AuditActor, entity: string, entityId: number | null, summary: string) =>
    audit(app.db, actor, { action: 'read', entity, entityId, summary });

  async function cardOf(req: FastifyRequest, id: number) {
    const countyId = authOf(req).user.countyId;
    const card = await app.db
      .selectFrom('health_mental_cards as m')
      .innerJoin('students as s', (j) => j.onRef('s.county_id', '=', 'm.county_id').onRef('s.id', '=', 'm.student_id'))
      .leftJoin('staff as h', (j) => j.onRef('h.county_id', '=', 'm.county_id').onRef('h.id', '=', 'm.helper_staff_id'))
      .select([
        'm.id',
        'm.school_id as schoolId',
        'm.round_id as roundId',
        'm.student_id as studentId',
        's.student_no as studentNo',
        's.name as studentName',
        'm.level',
        'm.reason',
        'm.scale_score as scaleScore',
        'm.plan',
        'm.helper_staff_id as helperStaffId',
        'h.name as helperName',
        'm.status',
        'm.closing_note as closingNote',
        'm.closed_at as closedAt',
        'm.created_at as createdAt',
      ])
      .where('m.county_id', '=', countyId)
      .where('m.id', '=', id)
      .executeTakeFirst();
    if (!card) throw notFound();
    ownSchool(req, card.schoolId);
    return card;
  }

  app.get(
    '/mental/rounds',
    { config, schema: { tags, querystring: Type.Object({ schoolId: Type.Integer({ minimum: 1 }) }) } },
    async (req) => {
      const { schoolId } = req.query as { schoolId: number };
      ownSchool(req, schoolId);
      const items = await app.db
        .selectFrom('health_mental_rounds')
        .select(['id', 'term_id as termId', 'name', 'scale', 'screened', 'created_at as createdAt'])
        .where('county_id', '=', authOf(req).user.countyId)
        .where('school_id', '=', schoolId)
        .orderBy('id', 'desc')
        .execute();
      return { items };
    },
  );

  app.post(
    '/mental/rounds',
    {
      config,
      schema: {
        tags,
        body: Type.Object({
          schoolId: Type.Integer({ minimum: 1 }),
          termId: Type.Optional(Type.Integer({ minimum: 1 })),
          name: Text(60),
          scale: Text(60),
          screened: Type.Integer({ minimum: 0, maximum: 100_000 }),
        }),
      },
    },
    async (req) => {
      const b = req.body as { schoolId: number; termId?: number; name: string; scale: string; screened: number };
      ownSchool(req, b.schoolId);
      const actor = actorOf(req);
      const termId = b.termId ?? (await currentTermId(app.db, actor.countyId));
      if (termId === null) throw validationFailed('尚未设置当前学期');
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('health_mental_rounds')
          .values({
            county_id: actor.countyId,
            school_id: b.schoolId,
            term_id: termId,
            name: b.name,
            scale: b.scale,
            screened: b.screened,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, {
          action: 'create',
          entity: 'health_mental_round',
          entityId: row.id,
          after: b,
          summary: `新建心理筛查：${b.name}（${b.scale}，${b.screened} 人）`,
        });
        return { id: row.id };
      });
    },
  );

  app.get(
    '/mental/cards',
    {
      config,
      schema: {
        tags,
        querystring: Type.Object({
          schoolId: Type.Integer({ minimum: 1 }),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
        }),
      },
    },
    async (req) => {
      const q = req.query as { schoolId: number; status?: 'open' | 'closed' };
      ownSchool(req, q.schoolId);
      let query = app.db
        .selectFrom('health_mental_cards as m')
        .innerJoin('students as s', (j) =>
          j.onRef('s.county_id', '=', 'm.county_id').onRef('s.id', '=', 'm.student_id'),
        )
        .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 's.county_id').onRef('c.id', '=', 's.class_id'))
        .select([
          'm.id',
          's.student_no as studentNo',
          's.name as studentName',
          'c.name as className',
          'm.level',
          'm.reason',
          'm.status',
          'm.helper_staff_id as helperStaffId',
          'm.created_at as createdAt',
        ])
        .where('m.county_id', '=', authOf(req).user.countyId)
        .where('m.school_id', '=', q.schoolId);
      if (q.status) query = query.where('m.status', '=', q.status);
      const items = await query.orderBy('m.status', 'desc').orderBy('m.level').orderBy('m.id', 'desc').execute();
      await auditRead(
        actorOf(req),
        'health_mental_cards',
        null,
        `查看心理预警名单（学校 ${q.schoolId}，${items.length} 人）`,
      );
      return { items, total: items.length };
    },
  );

  app.get('/mental/cards/:id', { config, schema: { tags, params: IdParams } }, async (req) => {
    const card = await cardOf(req, (req.params as { id: number }).id);
    const followups = await app.db
      .selectFrom('health_mental_followups')
      .select(['id', 'on_date as date', 'note', 'created_at as createdAt'])
      .where('county_id', '=', authOf(req).user.countyId)
      .where('card_id', '=', card.id)
      .orderBy('on_date')
      .orderBy('id')
      .execute();
    await auditRead(actorOf(req), 'health_mental_card', card.id, `查看心理预警卡（${card.studentName}）`);
    return { ...card, followups };
  });

  app.post(
    '/mental/cards',
    {
      config,
      schema: {
        tags,
        body: Type.Object({
          schoolId: Type.Integer({ minimum: 1 }),
          studentNo: Text(30),
          roundId: Type.Optional(Type.Integer({ minimum: 1 })),
          level: Level,
          reason: Text(500),
          scaleScore: Type.Optional(Type.Number()),
        }),
      },
    },
    async (req) => {
      const b = req.body as {
        schoolId: number;
        studentNo: string;
        roundId?: number;
        level: string;
        reason: string;
        scaleScore?: number;
      };
      ownSchool(req, b.schoolId);
      const actor = actorOf(req);
      const student = await app.db
        .selectFrom('students')
        .select(['id', 'name', 'school_id'])
        .where('county_id', '=', actor.countyId)
        .where('student_no', '=', b.studentNo)
        .executeTakeFirst();
      if (!student || student.school_id !== b.schoolId)
        throw validationFailed(`本校没有学籍号为 ${b.studentNo} 的学生`);
      if (b.roundId !== undefined) {
        const round = await app.db
          .selectFrom('health_mental_rounds')
          .select('school_id')
          .where('county_id', '=', actor.countyId)
          .where('id', '=', b.roundId)
          .executeTakeFirst();
        if (round?.school_id !== b.schoolId) throw validationFailed('筛查轮次不属于本校');
      }
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('health_mental_cards')
          .values({
            county_id: actor.countyId,
            school_id: b.schoolId,
            round_id: b.roundId ?? null,
            student_id: student.id,
            level: b.level,
            reason: b.reason,
            scale_score: b.scaleScore ?? null,
            created_by: actor.userId,
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The audit row names the card, not the student: the audit log is read by more people than these records.
        await audit(tx, actor, {
          action: 'create',
          entity: 'health_mental_card',
          entityId: row.id,
          summary: `新建${LEVEL_CN[b.level]}卡`,
        });
        return { id: row.id };
      });
    },
  );

  app.patch(
    '/mental/cards/:id',
    {
      config,
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({
          level: Type.Optional(Level),
          reason: Type.Optional(Text(500)),
          plan: Type.Optional(Type.Union([Text(2000), Type.Null()])),
          helperStaffId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
        }),
      },
    },
    async (req) => {
      const card = await cardOf(req, (req.params as { id: number }).id);
      const b = req.body as { level?: string; reason?: string; plan?: string | null; helperStaffId?: number | null };
      const actor = actorOf(req);
      if (card.status === 'closed' && Object.keys(b).length > 0) throw validationFailed('预警卡已结案，不能修改');
      if (b.helperStaffId != null) {
        const helper = await app.db
          .selectFrom('staff')
          .select('school_id')
          .where('county_id', '=', actor.countyId)
          .where('id', '=', b.helperStaffId)
          .where('archived_at', 'is', null)
          .executeTakeFirst();
        if (helper?.school_id !== card.schoolId) throw validationFailed('帮扶人须是本校在职教职工');
      }
      const next = {
        level: b.level ?? card.level,
        reason: b.reason ?? card.reason,
        plan: b.plan === undefined ? card.plan : b.plan,
        helper_staff_id: b.helperStaffId === undefined ? card.helperStaffId : b.helperStaffId,
      };
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('health_mental_cards')
          .set({ ...next, updated_at: new Date() })
          .where('county_id', '=', actor.countyId)
          .where('id', '=', card.id)
          .execute();
        await audit(tx, actor, {
          action: 'update',
          entity: 'health_mental_card',
          entityId: card.id,
          // Which fields changed, not their sensitive contents.
          before: { level: card.level, planSet: card.plan !== null, helper: card.helperStaffId },
          after: { level: next.level, planSet: next.plan !== null, helper: next.helper_staff_id },
          summary: '修改心理预警卡',
        });
      });
      return { id: card.id };
    },
  );

  app.post(
    '/mental/cards/:id/followups',
    {
      config,
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ date: Type.String({ format: 'date' }), note: Text(2000) }),
      },
    },
    async (req) => {
      const card = await cardOf(req, (req.params as { id: number }).id);
      if (card.status === 'closed') throw validationFailed('预警卡已结案，不能再添加跟进记录');
      const b = req.body as { date: string; note: string };
      const actor = actorOf(req);
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('health_mental_followups')
          .values({
            county_id: actor.countyId,
            card_id: card.id,
            on_date: b.date,
            note: b.note,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, {
          action: 'create',
          entity: 'health_mental_followup',
          entityId: row.id,
          summary: `预警卡 ${card.id} 跟进记录`,
        });
        return { id: row.id };
      });
    },
  );

  app.post(
    '/mental/cards/:id/close',
    { config, schema: { tags, params: IdParams, body: Type.Object({ note: Text(2000) }) } },
    async (req) => {
      const card = await cardOf(req, (req.params as { id: number }).id);
      if (card.status === 'closed') throw validationFailed('预警卡已结案');
      const actor = actorOf(req);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('health_mental_cards')
          .set({
            status: 'closed',
            closing_note: (req.body as { note: string }).note,
            closed_at: new Date(),
            updated_at: new Date(),
          })
          .where('county_id', '=', actor.countyId)
          .where('id', '=', card.id)
          .execute();
        await audit(tx, actor, {
          action: 'update',
          entity: 'health_mental_card',
          entityId: card.id,
          before: { status: 'open' },
          after: { status: 'closed' },
          summary: '预警卡结案',
        });
      });
      return { id: card.id };
    },
  );

  app.get(
    '/mental/summary',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        querystring: Type.Object({
          level: Type.Union([Type.Literal('county'), Type.Literal('region'), Type.Literal('school')]),
          unitId: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as { level: ReportUnit['level']; unitId: number };
      await checkUnit(app.db, auth, { level: q.level, id: q.unitId });
      const countyId = auth.user.countyId;
      const unit = { level: q.level, id: q.unitId };
      const rows = await app.db
        .selectFrom('health_mental_cards')
        .select(['level', app.db.fn.countAll<number>().as('n')])
        .where('county_id', '=', countyId)
        .where('status', '=', 'open')
        .where(unitSql(countyId, unit, 'health_mental_cards'))
        .groupBy('level')
        .execute();
      const screenedRow = await app.db
        .selectFrom('health_mental_rounds')
        .select(sql<number>`coalesce(sum(screened), 0)::int`.as('n'))
        .where('county_id', '=', countyId)
        .where(unitSql(countyId, unit, 'health_mental_rounds'))
        .executeTakeFirst();
      return { screened: Number(screenedRow?.n ?? 0), ...suppressCounts(rows) };
    },
  );
}

/**
 * Open alert cards by level with small numbers withheld: a count 1–4 is null (0 reveals nothing), and enough
 * other levels are withheld that none can be recovered from the total by subtraction (surveys/disclosure.ts).
 * The total itself is null when it is 1–4.
 */
export function suppressCounts(rows: { level: string; n: number | string }[]) {
  const n = (level: string) => Number(rows.find((r) => r.level === level)?.n ?? 0);
  const levels = ['red', 'yellow', 'blue'].map((level) => ({ unitId: level, respondents: n(level) }));
  const hidden = new Set(complementarySuppression(levels, MENTAL_MIN_COUNT));
  const total = levels.reduce((a, l) => a + l.respondents, 0);
  const shown = (l: { unitId: string; respondents: number }) => (hidden.has(l.unitId) ? null : l.respondents);
  return {
    open: total > 0 && total < MENTAL_MIN_COUNT ? null : total,
    red: shown(levels[0]),
    yellow: shown(levels[1]),
    blue: shown(levels[2]),
  };
}
