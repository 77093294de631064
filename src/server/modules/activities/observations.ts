import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { ListQuery, listOf, paginate } from '../../platform/list.js';
import { schoolInRegion } from '../org/shared.js';
import { ensureCountyDefaults } from './defaults.js';
import { clash, invalid } from './messages.js';
import { activitiesPolicy } from './policy.js';
import { checkPastDate, DateText, IdParams, IdRef, Nullable, Ok, recordVisible, TAGS } from './shared.js';

/**
 * 听课/评课: one observer's record of one lesson — rubric levels, evidence, a written 评课 (strengths and one point
 * to improve) that the observed teacher reads and acknowledges. The observer is the signed-in staff member; the
 * teacher must work in a school the observer sees (scope); the lesson cannot be in the future; the same observer
 * cannot enter the same lesson (teacher, day, 节次) twice.
 */

export const OBSERVATION_KINDS = ['推门听课', '随堂', '公开课', '视导', '磨课'] as const;

const Observation = Type.Object({
  id: Type.Integer(),
  observerId: Type.Integer(),
  observerName: Type.String(),
  teacherId: Type.Integer(),
  teacherName: Type.String(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  classId: Nullable(Type.Integer()),
  className: Nullable(Type.String()),
  subjectId: Type.Integer(),
  subjectName: Type.String(),
  lessonDate: Type.String(),
  period: Type.Integer(),
  kind: Type.String(),
  rubricId: Type.Integer(),
  rubricName: Type.String(),
  scores: Type.Record(Type.String(), Type.Integer()),
  score: Type.Number(),
  evidence: Nullable(Type.String()),
  strengths: Type.String(),
  improvement: Type.String(),
  openLessonId: Nullable(Type.Integer()),
  enteredAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgement: Nullable(Type.String()),
});
export type ObservationItem = Static<typeof Observation>;

const Kind = Type.Union(OBSERVATION_KINDS.map((k) => Type.Literal(k)));
const CreateBody = Type.Object({
  teacherId: IdRef,
  classId: Type.Optional(Nullable(IdRef)),
  subjectId: IdRef,
  lessonDate: DateText,
  period: Type.Integer({ minimum: 1, maximum: 12 }),
  kind: Kind,
  rubricId: IdRef,
  scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer()),
  evidence: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  strengths: Type.String({ minLength: 1, maxLength: 2000 }),
  improvement: Type.String({ minLength: 1, maxLength: 1000 }),
  openLessonId: Type.Optional(Nullable(IdRef)),
});
type CreateInput = Static<typeof CreateBody>;
const UpdateBody = Type.Partial(
  Type.Object({
    classId: Nullable(IdRef),
    kind: Kind,
    scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer()),
    evidence: Nullable(Type.String({ maxLength: 4000 })),
    strengths: Type.String({ minLength: 1, maxLength: 2000 }),
    improvement: Type.String({ minLength: 1, maxLength: 1000 }),
  }),
);
const AckBody = Type.Object({ note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) });

const Filters = {
  schoolId: Type.Optional(IdRef),
  regionId: Type.Optional(IdRef),
  teacherId: Type.Optional(IdRef),
  observerId: Type.Optional(IdRef),
  subjectId: Type.Optional(IdRef),
  kind: Type.Optional(Type.String({ maxLength: 10 })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  /** given = I observed, received = I was observed. */
  mine: Type.Optional(Type.Union([Type.Literal('given'), Type.Literal('received')])),
};

const FilterSchema = Type.Object(Filters);

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_observations as o')
    .innerJoin('staff as ob', (j) => j.onRef('ob.county_id', '=', 'o.county_id').onRef('ob.id', '=', 'o.observer_id'))
    .innerJoin('staff as te', (j) => j.onRef('te.county_id', '=', 'o.county_id').onRef('te.id', '=', 'o.teacher_id'))
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'o.county_id').onRef('s.id', '=', 'o.school_id'))
    .innerJoin('subjects as su', (j) => j.onRef('su.county_id', '=', 'o.county_id').onRef('su.id', '=', 'o.subject_id'))
    .innerJoin('activity_rubrics as r', (j) =>
      j.onRef('r.county_id', '=', 'o.county_id').onRef('r.id', '=', 'o.rubric_id'),
    )
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'o.county_id').onRef('c.id', '=', 'o.class_id'))
    .select([
      'o.id',
      'o.observer_id as observerId',
      'ob.name as observerName',
      'o.teacher_id as teacherId',
      'te.name as teacherName',
      'o.school_id as schoolId',
      's.name as schoolName',
      'o.class_id as classId',
      'c.name as className',
      'o.subject_id as subjectId',
      'su.name as subjectName',
      'o.lesson_date as lessonDate',
      'o.period',
      'o.kind',
      'o.rubric_id as rubricId',
      'r.name as rubricName',
      'o.scores',
      'o.score',
      'o.evidence',
      'o.strengths',
      'o.improvement',
      'o.open_lesson_id as openLessonId',
      sql<string>`to_char(o.entered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`.as(
        'enteredAt',
      ),
      sql<string | null>`to_char(o.acknowledged_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`.as(
        'acknowledgedAt',
      ),
      'o.acknowledgement',
    ])
    .where('o.county_id', '=', auth.user.countyId)
    .where('o.archived_at', 'is', null)
    .where(recordVisible(auth, 'o.school_id', ['o.observer_id', 'o.teacher_id']));
}

export async function getObservation(db: Db, auth: AuthContext, id: number): Promise<ObservationItem | undefined> {
  return (await baseQuery(db, auth).where('o.id', '=', id).executeTakeFirst()) as ObservationItem | undefined;
}

/**
 * Checks the rubric levels: every criterion scored, with a whole level 1…levels, and nothing else. Returns the
 * lesson's score = the mean level over the criteria (the scale stays the rubric's, so scores of one rubric compare).
 */
export async function checkScores(db: Db, auth: AuthContext, rubricId: number, scores: Record<string, number>) {
  const rubric = await db
    .selectFrom('activity_rubrics')
    .select(['levels', 'criteria'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', rubricId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!rubric) throw invalid(auth, 'rubric_invalid');
  for (const key of Object.keys(scores))
    if (!rubric.criteria.some((c) => c.id === key)) throw invalid(auth, 'score_unknown', { criterion: key });
  for (const c of rubric.criteria) {
    const level = scores[c.id];
    if (level === undefined) throw invalid(auth, 'score_missing', { criterion: c.zh });
    if (!Number.isInteger(level) || level < 1 || level > rubric.levels)
      throw invalid(auth, 'score_invalid', { criterion: c.zh, levels: rubric.levels });
  }
  const levels = rubric.criteria.map((c) => scores[c.id]);
  return levels.reduce((a, b) => a + b, 0) / levels.length;
}

/** The observed teacher: in post, at a school, in the observer's scope, not the observer. */
async function checkTeacher(db: Db, auth: AuthContext, teacherId: number) {
  const teacher = await db
    .selectFrom('staff')
    .select(['id', 'name', 'school_id'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', teacherId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!teacher || teacher.school_id == null) throw invalid(auth, 'teacher_invalid');
  if (teacher.id === auth.user.staffId) throw invalid(auth, 'teacher_self');
  const visible = await db
    .selectFrom('schools as s')
    .select('s.id')
    .where('s.county_id', '=', auth.user.countyId)
    .where('s.id', '=', teacher.school_id)
    .where(schoolVisible(auth.scope, 's.id'))
    .executeTakeFirst();
  if (!visible) throw invalid(auth, 'teacher_outside_scope', { name: teacher.name });
  return { ...teacher, school_id: teacher.school_id };
}

async function checkClass(db: Db, auth: AuthContext, classId: number | null | undefined, schoolId: number) {
  if (classId == null) return;
  const cls = await db
    .selectFrom('classes')
    .select('school_id')
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', classId)
    .executeTakeFirst();
  if (!cls || cls.school_id !== schoolId) throw invalid(auth, 'class_other_school');
}

export async function createObservation(
  db: Db,
  auth: AuthContext,
  input: CreateInput,
  actor: ReturnType<typeof actorOf>,
): Promise<number> {
  const observerId = auth.user.staffId;
  if (observerId == null) throw invalid(auth, 'not_staff');
  await ensureCountyDefaults(db, auth.user.countyId);
  checkPastDate(auth, '听课日期', input.lessonDate);
  const teacher = await checkTeacher(db, auth, input.teacherId);
  await checkClass(db, auth, input.classId, teacher.school_id);
  const subject = await db
    .selectFrom('subjects')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', input.subjectId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!subject) throw invalid(auth, 'subject_invalid');
  const score = await checkScores(db, auth, input.rubricId, input.scores);
  if (input.openLessonId != null) {
    const ol = await db
      .selectFrom('activity_open_lessons')
      .select('school_id')
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', input.openLessonId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!ol || ol.school_id !== teacher.school_id) throw invalid(auth, 'open_lesson_invalid');
  }
  const duplicate = await db
    .selectFrom('activity_observations')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('observer_id', '=', observerId)
    .where('teacher_id', '=', teacher.id)
    .where('lesson_date', '=', input.lessonDate)
    .where('period', '=', input.period)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  const dupError = () =>
    clash(auth, 'duplicate_observation', { date: input.lessonDate, period: input.period, name: teacher.name });
  if (duplicate) throw dupError();
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('activity_observations')
        .values({
          county_id: auth.user.countyId,
          observer_id: observerId,
          teacher_id: teacher.id,
          school_id: teacher.school_id,
          class_id: input.classId ?? null,
          subject_id: input.subjectId,
          lesson_date: input.lessonDate,
          period: input.period,
          kind: input.kind,
          rubric_id: input.rubricId,
          scores: JSON.stringify(input.scores),
          score,
          evidence: input.evidence ?? null,
          strengths: input.strengths,
          improvement: input.improvement,
          open_lesson_id: input.openLessonId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, actor, { action: 'create', entity: 'activity_observations', entityId: row.id, after: input });
      return row.id;
    });
  } catch (e) {
    // Two entries racing past the check above meet the unique index instead.
    if ((e as { code?: string }).code === '23505') throw dupError();
    throw e;
  }
}

export function observationRoutes(app: FastifyInstance) {
  app.get(
    '/observations',
    {
      config: { policy: activitiesPolicy.read },
      schema: {
        tags: TAGS,
        querystring: Type.Object({ ...ListQuery, ...Filters }),
        response: { 200: listOf(Observation) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Static<typeof FilterSchema> & {
        page?: number;
        pageSize?: number;
        sort?: string;
        order?: 'asc' | 'desc';
      };
      let query = baseQuery(app.db, auth);
      if (q.schoolId) query = query.where('o.school_id', '=', q.schoolId);
      if (q.regionId) query = query.where(schoolInRegion('o.school_id', auth.user.countyId, q.regionId));
      if (q.teacherId) query = query.where('o.teacher_id', '=', q.teacherId);
      if (q.observerId) query = query.where('o.observer_id', '=', q.observerId);
      if (q.subjectId) query = query.where('o.subject_id', '=', q.subjectId);
      if (q.kind) query = query.where('o.kind', '=', q.kind);
      if (q.from) query = query.where('o.lesson_date', '>=', q.from);
      if (q.to) query = query.where('o.lesson_date', '<=', q.to);
      if (q.mine === 'given') query = query.where('o.observer_id', '=', auth.user.staffId ?? -1);
      if (q.mine === 'received') query = query.where('o.teacher_id', '=', auth.user.staffId ?? -1);
      return paginate(
        query,
        { ...q, order: q.order ?? (q.sort ? 'asc' : 'desc') },
        {
          lessonDate: ['o.lesson_date', 'o.period'],
          score: 'o.score',
          teacherName: 'te.name',
          observerName: 'ob.name',
        },
        'lessonDate',
        'o.id',
      );
    },
  );

  app.get(
    '/observations/:id',
    {
      config: { policy: activitiesPolicy.read },
      schema: { tags: TAGS, params: IdParams, response: { 200: Observation } },
    },
    async (req) => mustGet(app.db, authOf(req), (req.params as { id: number }).id),
  );

  app.post(
    '/observations',
    {
      config: { policy: activitiesPolicy.asStaff },
      schema: { tags: TAGS, body: CreateBody, response: { 200: Observation } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = await createObservation(app.db, auth, req.body as CreateInput, actorOf(req));
      return (await getObservation(app.db, auth, id))!;
    },
  );

  app.patch(
    '/observations/:id',
    {
      config: { policy: activitiesPolicy.asStaff },
      schema: { tags: TAGS, params: IdParams, body: UpdateBody, response: { 200: Observation } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await mustGet(app.db, auth, id);
      if (before.observerId !== auth.user.staffId) throw forbidden();
      const input = req.body as Static<typeof UpdateBody>;
      if (input.classId !== undefined) await checkClass(app.db, auth, input.classId, before.schoolId);
      const score = input.scores ? await checkScores(app.db, auth, before.rubricId, input.scores) : undefined;
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('activity_observations')
          .set({
            ...(input.classId !== undefined ? { class_id: input.classId } : {}),
            ...(input.kind ? { kind: input.kind } : {}),
            ...(input.scores ? { scores: JSON.stringify(input.scores), score } : {}),
            ...(input.evidence !== undefined ? { evidence: input.evidence } : {}),
            ...(input.strengths ? { strengths: input.strengths } : {}),
            ...(input.improvement ? { improvement: input.improvement } : {}),
            updated_at: new Date(),
          })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        const after = await getObservation(tx, auth, id);
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'activity_observations',
          entityId: id,
          before,
          after,
        });
      });
      return (await getObservation(app.db, auth, id))!;
    },
  );

  app.post(
    '/observations/:id/acknowledge',
    {
      config: { policy: activitiesPolicy.asStaff },
      schema: { tags: TAGS, params: IdParams, body: AckBody, response: { 200: Observation } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await mustGet(app.db, auth, id);
      if (before.teacherId !== auth.user.staffId) throw invalid(auth, 'only_teacher_acknowledges');
      const note = (req.body as Static<typeof AckBody>).note ?? null;
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('activity_observations')
          .set({ acknowledged_at: new Date(), acknowledgement: note })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'acknowledge',
          entity: 'activity_observations',
          entityId: id,
          after: { acknowledgement: note },
        });
      });
      return (await getObservation(app.db, auth, id))!;
    },
  );

  app.delete(
    '/observations/:id',
    { config: { policy: activitiesPolicy.asStaff }, schema: { tags: TAGS, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await mustGet(app.db, auth, id);
      if (before.observerId !== auth.user.staffId) throw forbidden();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('activity_observations')
          .set({ archived_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), { action: 'archive', entity: 'activity_observations', entityId: id, before });
      });
      return { ok: true };
    },
  );

  /** Outside the caller's scope is 403; not in the county is 404 (like org/crud.ts). */
  async function mustGet(db: Db, auth: AuthContext, id: number): Promise<ObservationItem> {
    const item = await getObservation(db, auth, id);
    if (item) return item;
    const exists = await db
      .selectFrom('activity_observations')
      .select('id')
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    throw exists ? forbidden() : notFound();
  }
}
