import type { FastifyInstance } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { classVisible, regionVisible, schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { authOf } from '../../platform/http.js';
import { examsPolicy, loadExam, ranksVisible } from './access.js';
import { examSetting } from './thresholds.js';

const Key = Type.String({ pattern: '^(total|\\d+|g:.{1,20})$' });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const lits = <T extends string>(...values: T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const UnitKindT = lits('county', 'region', 'location', 'school', 'class', 'teacher');

const ResultsQuery = Type.Object({
  unitKind: UnitKindT,
  key: Type.Optional(Key),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  unitId: Type.Optional(Type.Integer()),
});
export interface ResultsQueryT {
  unitKind: 'county' | 'region' | 'location' | 'school' | 'class' | 'teacher';
  key?: string;
  schoolId?: number;
  unitId?: number;
}

const StudentsQuery = Type.Object({
  key: Type.Optional(Key),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  filter: Type.Optional(
    lits('all', 'excellent', 'good', 'pass', 'low', 'borderline', 'top', 'bottom', 'notSat', 'imbalance'),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type StudentFilter =
  | 'all'
  | 'excellent'
  | 'good'
  | 'pass'
  | 'low'
  | 'borderline'
  | 'top'
  | 'bottom'
  | 'notSat'
  | 'imbalance';
export interface StudentsQueryT {
  key?: string;
  schoolId?: number;
  classId?: number;
  filter?: StudentFilter;
  page?: number;
  pageSize?: number;
}

/** Stored results are exactly as computed; every answer carries the 口径 (basis) so the UI can explain each number. */
export function unitScope(auth: AuthContext, kind: string): RawBuilder<boolean> {
  const s = auth.scope;
  switch (kind) {
    case 'county':
      return sql<boolean>`true`;
    case 'region':
      return s.bureau ? regionVisible(s, 'r.unit_id') : sql<boolean>`false`;
    case 'location':
      return s.bureau && s.allSchools ? sql<boolean>`true` : sql<boolean>`false`;
    case 'school':
      return schoolVisible(s, 'r.school_id');
    case 'class':
      return sql<boolean>`EXISTS (SELECT 1 FROM classes c WHERE c.county_id = r.county_id AND c.id = r.unit_id AND ${classVisible(s, { school: 'c.school_id', grade: 'c.grade_level', classId: 'c.id' })})`;
    default: {
      // teacher rows: the school's viewers; a teacher with no granted role sees their own row only
      const own = auth.user.roles.length === 0 && !s.allSchools;
      return own
        ? sql<boolean>`r.unit_id = ${auth.user.staffId ?? -1}`
        : sql<boolean>`${schoolVisible(s, 'r.school_id')}`;
    }
  }
}

/** Rows of one unit kind for a subject key, filtered by scope; small units suppressed in cross-school lists. */
export async function unitResults(db: Db, auth: AuthContext, examId: number, q: ResultsQueryT) {
  const exam = await loadExam(db, auth, examId);
  const key = q.key ?? 'total';
  let query = db
    .selectFrom('exam_unit_results as r')
    .select([
      'r.unit_kind as unitKind',
      'r.unit_id as unitId',
      'r.school_id as schoolId',
      'r.n',
      'r.stats',
      'r.subject_key as key',
    ])
    .select(unitName().as('name'))
    .select(
      sql<boolean>`(r.unit_kind = 'school' AND coalesce((SELECT is_weak FROM schools WHERE county_id = r.county_id AND id = r.unit_id), false))`.as(
        'isWeak',
      ),
    )
    .where('r.county_id', '=', auth.user.countyId)
    .where('r.exam_id', '=', examId)
    .where('r.unit_kind', '=', q.unitKind as never)
    .where(unitScope(auth, q.unitKind));
  if (q.key !== undefined || q.unitKind !== 'teacher') query = query.where('r.subject_key', '=', key);
  if (q.schoolId) query = query.where('r.school_id', '=', q.schoolId);
  if (q.unitId !== undefined) query = query.where('r.unit_id', '=', q.unitId);
  const rows = await query.orderBy('r.unit_id').execute();

  const privacy = await examSetting(db, auth.user.countyId, 'exams.privacy');
  const crossSchool =
    ['school', 'region', 'location'].includes(q.unitKind) && new Set(rows.map((r) => r.schoolId ?? r.unitId)).size > 1;
  return {
    exam: {
      id: exam.id,
      name: exam.name,
      gradeLevel: exam.grade_level,
      analysisStatus: exam.analysis_status,
      stale: exam.stale,
    },
    minGroup: privacy.minGroup,
    items: rows.map((r) => {
      const suppressed = crossSchool && r.n < privacy.minGroup;
      return {
        ...r,
        suppressed,
        stats: suppressed ? { expected: (r.stats as { expected: number }).expected } : r.stats,
      };
    }),
  };
}

/** The unit's display name (school, class, 学区, teacher, 城乡). */
function unitName(): RawBuilder<string> {
  return sql<string>`CASE r.unit_kind
    WHEN 'county' THEN (SELECT name FROM regions WHERE id = r.unit_id)
    WHEN 'region' THEN (SELECT name FROM regions WHERE id = r.unit_id)
    WHEN 'location' THEN (ARRAY['城区','镇区','乡村'])[r.unit_id + 1]
    WHEN 'school' THEN (SELECT name FROM schools WHERE county_id = r.county_id AND id = r.unit_id)
    WHEN 'class' THEN (SELECT name FROM classes WHERE county_id = r.county_id AND id = r.unit_id)
    ELSE (SELECT name FROM staff WHERE county_id = r.county_id AND id = r.unit_id) END`;
}

export async function basisOf(db: Db, countyId: number, examId: number) {
  const a = await db
    .selectFrom('exam_analyses')
    .select(['basis', 'computed_at'])
    .where('county_id', '=', countyId)
    .where('exam_id', '=', examId)
    .executeTakeFirst();
  return a ? { ...(a.basis as object), computedAt: a.computed_at.toISOString() } : null;
}

interface Cuts {
  excellent: number | null;
  good: number | null;
  pass: number | null;
  low: number | null;
}

/** The student rows behind a number: filtered by unit and by the metric's own line (the same cut the rate used). */
export async function studentRows(db: Db, auth: AuthContext, examId: number, q: StudentsQueryT) {
  const exam = await loadExam(db, auth, examId);
  const key = q.key ?? 'total';
  const basis = (await basisOf(db, auth.user.countyId, examId)) as { keys?: Record<string, { cuts: Cuts }> } | null;
  const cuts = basis?.keys?.[key]?.cuts;
  const privacy = await examSetting(db, auth.user.countyId, 'exams.privacy');
  const showRanks = ranksVisible(auth, privacy, exam.grade_level);
  const d = sql`(sr.data -> ${key})`;
  const score = sql<number | null>`(${d} ->> 's')::float8`;
  let query = db
    .selectFrom('exam_student_results as sr')
    .innerJoin('students as st', (j) =>
      j.onRef('st.county_id', '=', 'sr.county_id').onRef('st.id', '=', 'sr.student_id'),
    )
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'sr.county_id').onRef('s.id', '=', 'sr.school_id'))
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'sr.county_id').onRef('c.id', '=', 'sr.class_id'))
    .select([
      'sr.student_id as studentId',
      'st.student_no as studentNo',
      'st.name',
      's.name as schoolName',
      'sr.school_id as schoolId',
      'c.name as className',
      'sr.class_id as classId',
      sql<Record<string, unknown> | null>`${d}`.as('result'),
    ])
    .where('sr.county_id', '=', auth.user.countyId)
    .where('sr.exam_id', '=', examId)
    .where(sql<boolean>`${d} IS NOT NULL`)
    .where(
      auth.scope.allSchools
        ? sql<boolean>`true`
        : classVisible(auth.scope, {
            school: 'sr.school_id',
            grade: 'c.grade_level',
            classId: 'sr.class_id',
          }),
    );
  if (q.schoolId) query = query.where('sr.school_id', '=', q.schoolId);
  if (q.classId) query = query.where('sr.class_id', '=', q.classId);
  const at = (cut: number | null | undefined) => (cut == null ? sql<boolean>`false` : sql<boolean>`${score} >= ${cut}`);
  switch (q.filter ?? 'all') {
    case 'excellent':
      query = query.where(at(cuts?.excellent));
      break;
    case 'good':
      query = query.where(at(cuts?.good));
      break;
    case 'pass':
      query = query.where(at(cuts?.pass));
      break;
    case 'low':
      query = query.where(cuts?.low == null ? sql<boolean>`false` : sql<boolean>`${score} < ${cuts.low}`);
      break;
    case 'borderline':
      query = query.where(sql<boolean>`${d} ? 'b'`);
      break;
    case 'top':
      query = query.where(sql<boolean>`${d} ? 'top'`);
      break;
    case 'bottom':
      query = query.where(sql<boolean>`${d} ? 'bottom'`);
      break;
    case 'notSat':
      query = query.where(sql<boolean>`${d} ->> 'st' <> 'sat'`);
      break;
    case 'imbalance':
      query = query.where(sql<boolean>`abs((${d} ->> 'imb')::float8) >= 1`);
      break;
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const [count, items] = await Promise.all([
    query.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .orderBy(sql`${score} DESC NULLS LAST`)
      .orderBy('st.student_no')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    total: count.n,
    ranksVisible: showRanks,
    items: items.map((r) => ({ ...r, result: showRanks ? r.result : hideRanks(r.result) })),
  };
}

/** Removes every rank-like field (ranks, 百分等级, 名次进退) where the county's privacy setting hides them. */
export function hideRanks(r: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!r) return r;
  const { rk: _rk, rs: _rs, rc: _rc, pr: _pr, drk: _drk, ...rest } = r;
  return rest;
}

/** One student's report: every subject's result, items against class and county, weak knowledge points. */
export async function studentReport(db: Db, auth: AuthContext, examId: number, studentId: number) {
  const exam = await loadExam(db, auth, examId);
  const row = await db
    .selectFrom('exam_student_results as sr')
    .innerJoin('students as st', (j) =>
      j.onRef('st.county_id', '=', 'sr.county_id').onRef('st.id', '=', 'sr.student_id'),
    )
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'sr.county_id').onRef('c.id', '=', 'sr.class_id'))
    .select([
      'sr.student_id',
      'sr.school_id',
      'sr.class_id',
      'sr.data',
      'st.name',
      'st.student_no',
      'c.name as class_name',
    ])
    .select(
      auth.scope.allSchools
        ? sql<boolean>`true`.as('visible')
        : classVisible(auth.scope, {
            school: 'sr.school_id',
            grade: 'c.grade_level',
            classId: 'sr.class_id',
          }).as('visible'),
    )
    .where('sr.county_id', '=', auth.user.countyId)
    .where('sr.exam_id', '=', examId)
    .where('sr.student_id', '=', studentId)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (!row.visible) throw forbidden();
  const privacy = await examSetting(db, auth.user.countyId, 'exams.privacy');
  const showRanks = ranksVisible(auth, privacy, exam.grade_level);
  const scores = await db
    .selectFrom('exam_scores as sc')
    .innerJoin('exam_subjects as es', (j) =>
      j.onRef('es.county_id', '=', 'sc.county_id').onRef('es.id', '=', 'sc.exam_subject_id'),
    )
    .innerJoin('subjects as s', (j) => j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'))
    .select(['es.id', 's.name', 'es.full_marks', 'sc.items', 'sc.options'])
    .where('sc.county_id', '=', auth.user.countyId)
    .where('sc.exam_id', '=', examId)
    .where('sc.student_id', '=', studentId)
    .orderBy('es.sort')
    .execute();
  const subjects = [];
  for (const s of scores) {
    const items = await db
      .selectFrom('exam_items')
      .select(['label', 'full_marks', 'knowledge_point', 'answer_key'])
      .where('county_id', '=', auth.user.countyId)
      .where('exam_subject_id', '=', s.id)
      .orderBy('position')
      .execute();
    const units = await db
      .selectFrom('exam_unit_results')
      .select(['unit_kind', 'stats'])
      .where('county_id', '=', auth.user.countyId)
      .where('exam_id', '=', examId)
      .where('subject_key', '=', String(s.id))
      .where((eb) =>
        eb.or([
          eb('unit_kind', '=', 'county'),
          eb.and([eb('unit_kind', '=', 'class'), eb('unit_id', '=', row.class_id ?? -1)]),
        ]),
      )
      .execute();
    const pOf = (kind: string) =>
      ((units.find((u) => u.unit_kind === kind)?.stats as { items?: { p: number | null }[] })?.items ?? []).map(
        (i) => i.p,
      );
    const countyP = pOf('county');
    const classP = pOf('class');
    const byKp = new Map<string, { got: number; full: number }>();
    const itemRows = items.map((it, j) => {
      const got = s.items?.[j] ?? null;
      if (it.knowledge_point && got !== null) {
        const k = byKp.get(it.knowledge_point) ?? { got: 0, full: 0 };
        k.got += got;
        k.full += it.full_marks;
        byKp.set(it.knowledge_point, k);
      }
      return {
        label: it.label,
        fullMarks: it.full_marks,
        score: got,
        option: s.options?.[j] ?? null,
        answerKey: it.answer_key,
        knowledgePoint: it.knowledge_point,
        classP: classP[j] ?? null,
        countyP: countyP[j] ?? null,
      };
    });
    subjects.push({
      key: String(s.id),
      name: s.name,
      fullMarks: s.full_marks,
      items: itemRows,
      knowledge: [...byKp]
        .map(([name, v]) => ({ name, rate: v.full ? v.got / v.full : null }))
        .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0)),
    });
  }
  const data = row.data as Record<string, Record<string, unknown>>;
  return {
    student: { id: row.student_id, name: row.name, studentNo: row.student_no, className: row.class_name },
    exam: { id: exam.id, name: exam.name, gradeLevel: exam.grade_level },
    ranksVisible: showRanks,
    results: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, showRanks ? v : hideRanks(v)])),
    subjects,
  };
}

/** Routes of the reports (read-only; scope and privacy as above). */
export function reportRoutes(app: FastifyInstance) {
  const tags = ['exams'];
  app.get(
    '/:id/results',
    { config: { policy: examsPolicy.read }, schema: { tags, params: IdParams, querystring: ResultsQuery } },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const results = await unitResults(app.db, auth, id, req.query as ResultsQueryT);
      return { ...results, basis: await basisOf(app.db, auth.user.countyId, id) };
    },
  );
  app.get(
    '/:id/students',
    { config: { policy: examsPolicy.read }, schema: { tags, params: IdParams, querystring: StudentsQuery } },
    async (req) => studentRows(app.db, authOf(req), (req.params as { id: number }).id, req.query as StudentsQueryT),
  );
  app.get(
    '/:id/students/:studentId',
    {
      config: { policy: examsPolicy.read },
      schema: {
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), studentId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req) => {
      const { id, studentId } = req.params as { id: number; studentId: number };
      return studentReport(app.db, authOf(req), id, studentId);
    },
  );
  app.get(
    '/:id/paper',
    {
      config: { policy: examsPolicy.read },
      schema: { tags, params: IdParams, querystring: Type.Object({ key: Key }) },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const { key } = req.query as { key: string };
      const county = await unitResults(app.db, auth, id, { unitKind: 'county', key });
      const schools = await unitResults(app.db, auth, id, { unitKind: 'school', key });
      const items = /^\d+$/.test(key)
        ? await app.db
            .selectFrom('exam_items')
            .select([
              'position',
              'label',
              'full_marks as fullMarks',
              'kind',
              'answer_key as answerKey',
              'knowledge_point as knowledgePoint',
              'ability_level as abilityLevel',
            ])
            .where('county_id', '=', auth.user.countyId)
            .where('exam_subject_id', '=', Number(key))
            .orderBy('position')
            .execute()
        : [];
      return {
        items,
        county: county.items[0] ?? null,
        schools: schools.items,
        basis: await basisOf(app.db, auth.user.countyId, id),
      };
    },
  );
  app.get(
    '/trend',
    {
      config: { policy: examsPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          schoolId: Type.Integer({ minimum: 1 }),
          subjectId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { schoolId, subjectId } = req.query as { schoolId: number; subjectId?: number };
      const rows = await app.db
        .selectFrom('exam_unit_results as r')
        .innerJoin('exams as e', (j) => j.onRef('e.county_id', '=', 'r.county_id').onRef('e.id', '=', 'r.exam_id'))
        .select([
          'e.id as examId',
          'e.name',
          'e.grade_level as gradeLevel',
          sql<string | null>`to_char(e.exam_date, 'YYYY-MM-DD')`.as('examDate'),
          'r.n',
          'r.stats',
        ])
        .where('r.county_id', '=', auth.user.countyId)
        .where('r.unit_kind', '=', 'school')
        .where('r.unit_id', '=', schoolId)
        .where(schoolVisible(auth.scope, 'r.school_id'))
        .where('e.archived_at', 'is', null)
        .where(
          subjectId
            ? sql<boolean>`r.subject_key = (SELECT es.id::text FROM exam_subjects es WHERE es.county_id = r.county_id AND es.exam_id = r.exam_id AND es.subject_id = ${subjectId})`
            : sql<boolean>`r.subject_key = 'total'`,
        )
        .orderBy('e.exam_date')
        .orderBy('e.id')
        .execute();
      return { items: rows };
    },
  );
}
