import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { ListQuery, likePattern, listOf, paginate } from '../../platform/list.js';
import { defined, Nullable } from '../org/shared.js';
import { examsPolicy, examVisible, loadExam, loadManagedExam, managesBureauExams, managesExam } from './access.js';
import { requestAnalysis } from './analysis-queue.js';
import { clash, invalid } from './messages.js';
import { ExamThresholdsSchema, examSetting } from './thresholds.js';

export const EXAM_KINDS = ['sampling', 'final', 'midterm', 'unit', 'mock', 'joint', 'proficiency'] as const;
const Kind = Type.Union(EXAM_KINDS.map((k) => Type.Literal(k)));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const SubjectInput = Type.Object({
  subjectId: Type.Integer({ minimum: 1 }),
  fullMarks: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  inTotal: Type.Optional(Type.Boolean()),
  groupName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
  scaled: Type.Optional(Type.Boolean()),
});

const ExamInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Kind,
  termId: Type.Integer({ minimum: 1 }),
  gradeLevel: Type.Integer({ minimum: 1, maximum: 12 }),
  examDate: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))),
  ownerSchoolId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  schoolIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 2000 })),
  priorExamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  thresholds: Type.Optional(ExamThresholdsSchema),
  subjects: Type.Array(SubjectInput, { minItems: 1, maxItems: 20 }),
});
type ExamInputT = Static<typeof ExamInput>;
const ExamPatch = Type.Partial(Type.Omit(ExamInput, ['ownerSchoolId']));

const SubjectOut = Type.Object({
  id: Type.Integer(),
  subjectId: Type.Integer(),
  name: Type.String(),
  fullMarks: Type.Number(),
  inTotal: Type.Boolean(),
  groupName: Nullable(Type.String()),
  scaled: Type.Boolean(),
  itemCount: Type.Integer(),
  scoreCount: Type.Integer(),
});

export const ExamOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  termId: Type.Integer(),
  termName: Type.String(),
  gradeLevel: Type.Integer(),
  examDate: Nullable(Type.String()),
  ownerSchoolId: Nullable(Type.Integer()),
  ownerSchoolName: Nullable(Type.String()),
  schoolIds: Type.Array(Type.Integer()),
  priorExamId: Nullable(Type.Integer()),
  thresholds: Type.Unknown(),
  stale: Type.Boolean(),
  analysisStatus: Type.String(),
  analysisMessage: Nullable(Type.String()),
  computedAt: Nullable(Type.String()),
  mayManage: Type.Boolean(),
  archived: Type.Boolean(),
  subjects: Type.Array(SubjectOut),
});

const ExamListItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  termName: Type.String(),
  gradeLevel: Type.Integer(),
  examDate: Nullable(Type.String()),
  ownerSchoolName: Nullable(Type.String()),
  subjectNames: Type.Array(Type.String()),
  students: Type.Integer(),
  analysisStatus: Type.String(),
  stale: Type.Boolean(),
  computedAt: Nullable(Type.String()),
});

/** Exams: list, one, create, edit (thresholds included), archive; analysis on demand. */
export function examCrudRoutes(app: FastifyInstance) {
  const tags = ['exams'];

  app.get(
    '/',
    {
      config: { policy: examsPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          ...ListQuery,
          termId: Type.Optional(Type.Integer({ minimum: 1 })),
          gradeLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
          kind: Type.Optional(Kind),
          analysed: Type.Optional(Type.Boolean()),
        }),
        response: { 200: listOf(ExamListItem) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Record<string, unknown> & { q?: string };
      let query = app.db
        .selectFrom('exams as e')
        .innerJoin('terms as t', (j) => j.onRef('t.county_id', '=', 'e.county_id').onRef('t.id', '=', 'e.term_id'))
        .leftJoin('schools as s', (j) =>
          j.onRef('s.county_id', '=', 'e.county_id').onRef('s.id', '=', 'e.owner_school_id'),
        )
        .leftJoin('exam_analyses as a', (j) =>
          j.onRef('a.county_id', '=', 'e.county_id').onRef('a.exam_id', '=', 'e.id'),
        )
        .select([
          'e.id',
          'e.name',
          'e.kind',
          't.name as termName',
          'e.grade_level as gradeLevel',
          sql<string | null>`to_char(e.exam_date, 'YYYY-MM-DD')`.as('examDate'),
          's.name as ownerSchoolName',
          sql<string[]>`coalesce((SELECT array_agg(sj.name ORDER BY es.sort, es.id) FROM exam_subjects es
            JOIN subjects sj ON sj.county_id = es.county_id AND sj.id = es.subject_id
            WHERE es.county_id = e.county_id AND es.exam_id = e.id), '{}')`.as('subjectNames'),
          sql<number>`(SELECT count(DISTINCT sc.student_id)::int FROM exam_scores sc
            WHERE sc.county_id = e.county_id AND sc.exam_id = e.id)`.as('students'),
          'e.analysis_status as analysisStatus',
          'e.stale',
          sql<string | null>`to_char(a.computed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`.as(
            'computedAt',
          ),
        ])
        .where('e.county_id', '=', auth.user.countyId)
        .where('e.archived_at', 'is', null)
        .where(examVisible(auth));
      if (q.termId) query = query.where('e.term_id', '=', q.termId as number);
      if (q.gradeLevel) query = query.where('e.grade_level', '=', q.gradeLevel as number);
      if (q.kind) query = query.where('e.kind', '=', q.kind as never);
      if (q.analysed) query = query.where('a.exam_id', 'is not', null);
      if (q.q) query = query.where('e.name', 'ilike', likePattern(q.q));
      return paginate(
        query,
        { ...(q as object), order: (q.order as 'asc' | 'desc') ?? 'desc' },
        { id: 'e.id', name: 'e.name', examDate: 'e.exam_date' },
        'id',
        'e.id',
      );
    },
  );

  app.get(
    '/:id',
    { config: { policy: examsPolicy.read }, schema: { tags, params: IdParams, response: { 200: ExamOut } } },
    async (req) => examOut(app.db, authOf(req), (req.params as { id: number }).id),
  );

  app.post(
    '/',
    { config: { policy: examsPolicy.manageSome }, schema: { tags, body: ExamInput, response: { 200: ExamOut } } },
    async (req) => {
      const auth = authOf(req);
      const body = req.body as ExamInputT;
      const owner = body.ownerSchoolId ?? null;
      if (!managesExam(auth, { owner_school_id: owner })) throw forbidden();
      await checkInput(app.db, auth, body, null);
      const thresholds = body.thresholds ?? (await examSetting(app.db, auth.user.countyId, 'exams.thresholds'));
      const id = await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('exams')
          .values({
            county_id: auth.user.countyId,
            name: body.name.trim(),
            kind: body.kind,
            term_id: body.termId,
            grade_level: body.gradeLevel,
            exam_date: body.examDate ?? null,
            owner_school_id: owner,
            school_ids: owner ? [owner] : uniq(body.schoolIds ?? []),
            thresholds: JSON.stringify(thresholds),
            prior_exam_id: body.priorExamId ?? null,
            analysis_message: null,
            archived_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeSubjects(tx, auth, row.id, body.subjects);
        await audit(tx, actorOf(req), { action: 'create', entity: 'exam', entityId: row.id, after: body });
        return row.id;
      });
      return examOut(app.db, auth, id);
    },
  );

  app.patch(
    '/:id',
    {
      config: { policy: examsPolicy.manageSome },
      schema: { tags, params: IdParams, body: ExamPatch, response: { 200: ExamOut } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const exam = await loadManagedExam(app.db, auth, id);
      const body = req.body as Partial<ExamInputT>;
      const before = await examOut(app.db, auth, id);
      await checkInput(app.db, auth, { ...body, termId: body.termId ?? exam.term_id } as ExamInputT, id);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('exams')
          .set(
            defined({
              name: body.name?.trim(),
              kind: body.kind,
              term_id: body.termId,
              grade_level: body.gradeLevel,
              exam_date: body.examDate,
              school_ids: exam.owner_school_id || body.schoolIds === undefined ? undefined : uniq(body.schoolIds),
              prior_exam_id: body.priorExamId,
              thresholds: body.thresholds ? JSON.stringify(body.thresholds) : undefined,
              updated_at: new Date(),
            }),
          )
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        if (body.subjects) await writeSubjects(tx, auth, id, body.subjects);
        await requestAnalysis(tx, auth.user.countyId, id);
        await audit(tx, actorOf(req), { action: 'update', entity: 'exam', entityId: id, before, after: body });
      });
      return examOut(app.db, auth, id);
    },
  );

  app.delete(
    '/:id',
    {
      config: { policy: examsPolicy.manageSome },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      await loadManagedExam(app.db, auth, id);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('exams')
          .set({ archived_at: new Date(), updated_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), { action: 'archive', entity: 'exam', entityId: id });
      });
      return { ok: true };
    },
  );

  app.post(
    '/:id/analyse',
    {
      config: { policy: examsPolicy.manageSome },
      schema: { tags, params: IdParams, response: { 200: ExamOut } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      await loadManagedExam(app.db, auth, id);
      await app.db.transaction().execute(async (tx) => {
        await requestAnalysis(tx, auth.user.countyId, id);
        await audit(tx, actorOf(req), { action: 'analyse', entity: 'exam', entityId: id });
      });
      return examOut(app.db, auth, id);
    },
  );
}

function uniq(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** References must exist in the county: term, schools, subjects (once each), the prior exam. */
async function checkInput(db: Db, auth: AuthContext, body: Partial<ExamInputT>, examId: number | null) {
  const countyId = auth.user.countyId;
  if (body.termId) {
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', body.termId)
      .executeTakeFirst();
    if (!term) throw invalid(auth, 'term_invalid');
  }
  const schoolIds = uniq([...(body.schoolIds ?? []), ...(body.ownerSchoolId ? [body.ownerSchoolId] : [])]);
  if (body.ownerSchoolId && (body.schoolIds ?? []).some((s) => s !== body.ownerSchoolId))
    throw invalid(auth, 'owner_not_participant');
  if (schoolIds.length > 0) {
    const found = await db
      .selectFrom('schools')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', 'in', schoolIds)
      .where('archived_at', 'is', null)
      .execute();
    const ok = new Set(found.map((s) => s.id));
    const missing = schoolIds.find((s) => !ok.has(s));
    if (missing) throw invalid(auth, 'school_invalid', { id: missing });
  }
  if (body.subjects) {
    const ids = body.subjects.map((s) => s.subjectId);
    const found = await db
      .selectFrom('subjects')
      .select(['id', 'name'])
      .where('county_id', '=', countyId)
      .where('id', 'in', ids)
      .execute();
    const names = new Map(found.map((s) => [s.id, s.name]));
    const missing = ids.find((s) => !names.has(s));
    if (missing) throw invalid(auth, 'subject_invalid', { id: missing });
    const twice = ids.find((s, i) => ids.indexOf(s) !== i);
    if (twice) throw invalid(auth, 'subject_twice', { name: names.get(twice) });
  }
  if (body.priorExamId) {
    const prior = await db
      .selectFrom('exams')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', body.priorExamId)
      .executeTakeFirst();
    if (!prior || body.priorExamId === examId) throw invalid(auth, 'prior_invalid');
  }
  if (!managesBureauExams(auth) && body.ownerSchoolId == null && examId == null) throw forbidden();
}

/** Replaces an exam's subjects: kept subjects are updated, new ones added, dropped ones removed unless scored. */
async function writeSubjects(tx: Db, auth: AuthContext, examId: number, subjects: ExamInputT['subjects']) {
  const countyId = auth.user.countyId;
  const existing = await tx
    .selectFrom('exam_subjects as es')
    .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'))
    .select([
      'es.id',
      'es.subject_id',
      's.name',
      sql<boolean>`EXISTS (SELECT 1 FROM exam_scores sc WHERE sc.county_id = es.county_id AND sc.exam_subject_id = es.id)`.as(
        'scored',
      ),
    ])
    .where('es.county_id', '=', countyId)
    .where('es.exam_id', '=', examId)
    .execute();
  const wanted = new Set(subjects.map((s) => s.subjectId));
  for (const old of existing) {
    if (wanted.has(old.subject_id)) continue;
    if (old.scored) throw clash(auth, 'scores_exist');
    await tx.deleteFrom('exam_items').where('county_id', '=', countyId).where('exam_subject_id', '=', old.id).execute();
    await tx.deleteFrom('exam_subjects').where('county_id', '=', countyId).where('id', '=', old.id).execute();
  }
  for (const [sort, s] of subjects.entries()) {
    const values = {
      full_marks: s.fullMarks,
      in_total: s.inTotal ?? true,
      group_name: s.groupName?.trim() || null,
      scaled: s.scaled ?? false,
      sort,
    };
    await tx
      .insertInto('exam_subjects')
      .values({ county_id: countyId, exam_id: examId, subject_id: s.subjectId, ...values })
      .onConflict((oc) => oc.columns(['county_id', 'exam_id', 'subject_id']).doUpdateSet(values))
      .execute();
  }
}

/** One exam as the API shows it. */
export async function examOut(db: Db, auth: AuthContext, id: number): Promise<Static<typeof ExamOut>> {
  const exam = await loadExam(db, auth, id);
  const [term, owner, analysis, subjects] = await Promise.all([
    db
      .selectFrom('terms')
      .select('name')
      .where('county_id', '=', exam.county_id)
      .where('id', '=', exam.term_id)
      .executeTakeFirstOrThrow(),
    exam.owner_school_id
      ? db
          .selectFrom('schools')
          .select('name')
          .where('county_id', '=', exam.county_id)
          .where('id', '=', exam.owner_school_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('exam_analyses')
      .select('computed_at')
      .where('county_id', '=', exam.county_id)
      .where('exam_id', '=', id)
      .executeTakeFirst(),
    examSubjects(db, exam.county_id, id),
  ]);
  return {
    id: exam.id,
    name: exam.name,
    kind: exam.kind,
    termId: exam.term_id,
    termName: term.name,
    gradeLevel: exam.grade_level,
    examDate: exam.exam_date,
    ownerSchoolId: exam.owner_school_id,
    ownerSchoolName: owner?.name ?? null,
    schoolIds: exam.school_ids,
    priorExamId: exam.prior_exam_id,
    thresholds: exam.thresholds,
    stale: exam.stale,
    analysisStatus: exam.analysis_status,
    analysisMessage: exam.analysis_message,
    computedAt: analysis ? analysis.computed_at.toISOString() : null,
    mayManage: managesExam(auth, exam),
    archived: exam.archived_at != null,
    subjects,
  };
}

export function examSubjects(db: Db, countyId: number, examId: number) {
  return db
    .selectFrom('exam_subjects as es')
    .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'))
    .select([
      'es.id',
      'es.subject_id as subjectId',
      's.name',
      'es.full_marks as fullMarks',
      'es.in_total as inTotal',
      'es.group_name as groupName',
      'es.scaled',
      sql<number>`(SELECT count(*)::int FROM exam_items i WHERE i.county_id = es.county_id AND i.exam_subject_id = es.id)`.as(
        'itemCount',
      ),
      sql<number>`(SELECT count(*)::int FROM exam_scores sc WHERE sc.county_id = es.county_id AND sc.exam_subject_id = es.id)`.as(
        'scoreCount',
      ),
    ])
    .where('es.county_id', '=', countyId)
    .where('es.exam_id', '=', examId)
    .orderBy('es.sort')
    .orderBy('es.id')
    .execute();
}
