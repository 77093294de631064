import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { likePattern, listOf, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { currentTerm, findClass, findSchool, termOfDate } from './lookups.js';
import { clash, invalid } from './messages.js';
import { orgPolicy } from './policy.js';
import {
  CLASS_ORDER,
  DateText,
  defined,
  IdRef,
  isValidDate,
  Nullable,
  schoolInRegion,
  todayInChina,
} from './shared.js';

/**
 * Students (学生). `students.school_id/class_id` are the current placement; `student_enrollments` keeps every
 * placement (term, school, class, from–to, why), so history survives transfers.
 * - Reading: classVisible on the placement — a 任课教师 or 班主任 sees exactly their classes' students, a 年级组长
 *   their grade, 校长/主任 their school, bureau roles their region subtree. `total` counts only those rows.
 * - Writing: management of the student's school. PATCH changes the person (学籍号, name, …) and the status
 *   (转出/休学/毕业); placement changes go through `POST /students/:id/transfer` so they leave history.
 * - 学籍号: 6–30 letters or digits, stored upper-case, unique in the county (409 with a message saying so).
 * - A class given at creation belongs to the student's school and to the current school year; the first
 *   enrollment row is opened with it (reason 'enrol', the current term, from today).
 * - Status: leaving for 转出 or 毕业 closes the open enrollment today; coming back to 在读/休学 in a class of the
 *   current year opens a new one. 休学 keeps the placement open.
 */
export const Student = Type.Object({
  id: Type.Integer(),
  studentNo: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  birthDate: Nullable(Type.String()),
  schoolId: Nullable(Type.Integer()),
  schoolName: Nullable(Type.String()),
  classId: Nullable(Type.Integer()),
  className: Nullable(Type.String()),
  gradeLevel: Nullable(Type.Integer()),
  status: Type.String(),
});
export type Student = Static<typeof Student>;

const Gender = Type.Union([Type.Literal('M'), Type.Literal('F')]);
const Status = Type.Union(['active', 'transferred_out', 'suspended', 'graduated'].map((v) => Type.Literal(v)));
const StudentNo = Type.String({ minLength: 1, maxLength: 40, description: '学籍号: 6–30 letters or digits' });
const person = {
  studentNo: StudentNo,
  name: Type.String({ minLength: 1, maxLength: 30 }),
  gender: Gender,
  birthDate: Type.Optional(Nullable(DateText)),
};
const StudentCreate = Type.Object({ ...person, schoolId: IdRef, classId: Type.Optional(Nullable(IdRef)) });
const StudentUpdate = Type.Partial(Type.Object({ ...person, status: Status }));
type StudentCreate = Static<typeof StudentCreate>;
type StudentUpdate = Static<typeof StudentUpdate>;

const StudentFilters = Type.Object({
  regionId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  classId: Type.Optional(IdRef),
  gradeLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  status: Type.Optional(Status),
  includeArchived: Type.Optional(Type.Boolean()),
});
type StudentFilters = Static<typeof StudentFilters>;

const Transfer = Type.Object({ classId: IdRef, date: DateText });

export const Enrollment = Type.Object({
  id: Type.Integer(),
  termId: Type.Integer(),
  termName: Type.String(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  classId: Type.Integer(),
  className: Type.String(),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  reason: Type.String(),
});

/** Statuses that hold a place in a class (an open enrollment). */
const PLACED = new Set(['active', 'suspended']);
/** Statuses of a student their school has let go (转出, 毕业): another school may take them in. */
const LEFT = new Set(['transferred_out', 'graduated']);

function baseQuery(db: Db, auth: AuthContext) {
  return unscopedQuery(db, auth).where(
    classVisible(auth.scope, { school: 'st.school_id', grade: 'c.grade_level', classId: 'st.class_id' }),
  );
}

/** The student item query of the county, before the caller's scope is applied (see the 学籍号 lookup). */
function unscopedQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('students as st')
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'st.county_id').onRef('c.id', '=', 'st.class_id'))
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
    .select([
      'st.id',
      'st.student_no as studentNo',
      'st.name',
      'st.gender',
      'st.birth_date as birthDate',
      'st.school_id as schoolId',
      's.name as schoolName',
      'st.class_id as classId',
      'c.name as className',
      'c.grade_level as gradeLevel',
      'st.status',
    ])
    .where('st.county_id', '=', auth.user.countyId);
}

type StudentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const toItem = (r: StudentRow): Student => r;

async function getStudent(db: Db, auth: AuthContext, id: number): Promise<Student | undefined> {
  const row = await baseQuery(db, auth).where('st.id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

/** 学籍号 as stored: trimmed, upper-case (g123… and G123… are one number). */
function normalizeStudentNo(auth: AuthContext, text: string): string {
  const no = text.trim().toUpperCase();
  if (!/^[A-Z0-9]{6,30}$/.test(no)) throw invalid(auth, 'student_no_format');
  return no;
}

async function checkStudentNoFree(tx: Db, auth: AuthContext, no: string, selfId?: number) {
  let q = tx
    .selectFrom('students')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('student_no', '=', no);
  if (selfId != null) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw clash(auth, 'student_no_taken', { no });
}

function checkBirthDate(auth: AuthContext, birthDate: string | null | undefined) {
  if (birthDate == null) return;
  if (!isValidDate(birthDate)) throw invalid(auth, 'date_invalid', { field: 'birthDate' });
  if (birthDate > todayInChina()) throw invalid(auth, 'date_future', { field: 'birthDate' });
}

/** A class a student of `schoolId` may be placed in: same school, current school year, not archived. */
async function placeableClass(tx: Db, auth: AuthContext, classId: number, schoolId: number | null) {
  const cls = await findClass(tx, auth.user.countyId, classId);
  if (!cls || cls.archived_at) throw invalid(auth, 'class_invalid');
  if (schoolId != null && cls.school_id !== schoolId) throw invalid(auth, 'class_other_school', { class: cls.name });
  if (!cls.current_year) throw invalid(auth, 'class_not_current');
  return cls;
}

async function openEnrollment(
  tx: Db,
  auth: AuthContext,
  e: { studentId: number; termId: number; schoolId: number; classId: number; startDate: string; reason: string },
) {
  await tx
    .insertInto('student_enrollments')
    .values({
      county_id: auth.user.countyId,
      student_id: e.studentId,
      term_id: e.termId,
      school_id: e.schoolId,
      class_id: e.classId,
      start_date: e.startDate,
      reason: e.reason,
    })
    .execute();
}

async function closeEnrollments(tx: Db, auth: AuthContext, studentId: number, endDate: string) {
  await tx
    .updateTable('student_enrollments')
    // Never before the placement began (a placement dated ahead, closed today, ends the day it starts).
    .set({ end_date: sql<string>`greatest(start_date, ${endDate}::date)` })
    .where('county_id', '=', auth.user.countyId)
    .where('student_id', '=', studentId)
    .where('end_date', 'is', null)
    .execute();
}

function openEnrollments(tx: Db, auth: AuthContext, studentId: number) {
  return tx
    .selectFrom('student_enrollments')
    .select(['id', 'start_date'])
    .where('county_id', '=', auth.user.countyId)
    .where('student_id', '=', studentId)
    .where('end_date', 'is', null)
    .execute();
}

/** A student the caller may not see is 403; one that does not exist in the county is 404 (as crud.ts does). */
async function mustSee(db: Db, auth: AuthContext, id: number): Promise<Student> {
  const item = await getStudent(db, auth, id);
  if (item) return item;
  const exists = await db
    .selectFrom('students')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', id)
    .executeTakeFirst();
  throw exists ? forbidden() : notFound();
}

export function studentRoutes(app: FastifyInstance) {
  registerEntity<Student, StudentCreate, StudentUpdate>(app, {
    path: 'students',
    entity: 'student',
    table: 'students',
    item: Student,
    create: StudentCreate,
    update: StudentUpdate,
    filters: StudentFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, params) {
      const p = params as typeof params & StudentFilters;
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('st.archived_at', 'is', null);
      if (p.schoolId) q = q.where('st.school_id', '=', p.schoolId);
      if (p.regionId) q = q.where(schoolInRegion('st.school_id', auth.user.countyId, p.regionId));
      if (p.classId) q = q.where('st.class_id', '=', p.classId);
      if (p.gradeLevel) q = q.where('c.grade_level', '=', p.gradeLevel);
      if (p.status) q = q.where('st.status', '=', p.status);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('st.name', 'ilike', like), eb('st.student_no', 'ilike', like)]));
      }
      const page = await paginate(
        q,
        p,
        {
          studentNo: 'st.student_no',
          name: 'st.name',
          birthDate: 'st.birth_date',
          schoolName: 's.name',
          className: CLASS_ORDER,
          gradeLevel: 'c.grade_level',
          status: 'st.status',
        },
        'studentNo',
        'st.id',
      );
      return { items: page.items.map(toItem), total: page.total };
    },
    get: getStudent,
    canWrite: (auth, record) => orgPolicy.manageSchool(auth, record.schoolId),
    async insert(tx, auth, input) {
      const countyId = auth.user.countyId;
      const studentNo = normalizeStudentNo(auth, input.studentNo);
      const school = await findSchool(tx, countyId, input.schoolId);
      if (!school || school.archived_at) throw invalid(auth, 'school_invalid');
      checkBirthDate(auth, input.birthDate);
      const cls = input.classId == null ? undefined : await placeableClass(tx, auth, input.classId, input.schoolId);
      const term = cls && (await currentTerm(tx, countyId));
      if (cls && !term) throw invalid(auth, 'no_current_term');
      await checkStudentNoFree(tx, auth, studentNo);
      const row = await tx
        .insertInto('students')
        .values({
          county_id: countyId,
          student_no: studentNo,
          name: input.name.trim(),
          gender: input.gender,
          birth_date: input.birthDate ?? null,
          school_id: input.schoolId,
          class_id: cls?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (cls && term) {
        await openEnrollment(tx, auth, {
          studentId: row.id,
          termId: term.id,
          schoolId: input.schoolId,
          classId: cls.id,
          startDate: todayInChina(),
          reason: 'enrol',
        });
      }
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const studentNo = input.studentNo === undefined ? undefined : normalizeStudentNo(auth, input.studentNo);
      if (studentNo !== undefined && studentNo !== before.studentNo) await checkStudentNoFree(tx, auth, studentNo, id);
      checkBirthDate(auth, input.birthDate);
      const status = input.status ?? before.status;
      if (PLACED.has(before.status) && !PLACED.has(status)) {
        await closeEnrollments(tx, auth, id, todayInChina());
      } else if (!PLACED.has(before.status) && PLACED.has(status) && before.classId != null) {
        // Back to 在读/休学: the placement reopens if its class is of the current year (else: transfer them).
        const cls = await findClass(tx, auth.user.countyId, before.classId);
        if (cls?.current_year && !cls.archived_at && (await openEnrollments(tx, auth, id)).length === 0) {
          const term = await currentTerm(tx, auth.user.countyId);
          if (!term) throw invalid(auth, 'no_current_term');
          await openEnrollment(tx, auth, {
            studentId: id,
            termId: term.id,
            schoolId: cls.school_id,
            classId: cls.id,
            startDate: todayInChina(),
            reason: 'enrol',
          });
        }
      }
      await tx
        .updateTable('students')
        .set({
          ...defined({
            student_no: studentNo,
            name: input.name?.trim(),
            gender: input.gender,
            birth_date: input.birthDate,
            status: input.status,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      await archiveRow(tx, 'students', auth.user.countyId, id);
    },
  });

  const tags = ['org'];
  const IdParams = Type.Object({ id: IdRef });

  /**
   * Moves a student to another class (调班) or school (转学): closes the open enrollment on `date` and opens a new
   * one from `date` (reason 'transfer'; 'enrol' when there was none) in the term of the class's school year that
   * contains `date` (else the current term), and updates the placement; the student is 在读 afterwards.
   *
   * Who may: whoever manages the receiving school, and also the sending school — unless the sending school has
   * already let the student go (status 转出 or 毕业, e.g. 小升初) or the student has no school. So within one school
   * its 校长/主任 move students between classes; between schools a 教育局管理员 over both moves them directly, or
   * the sending school marks the student 转出 and the receiving school takes them in. Nobody pushes a student into
   * a school they do not manage, nor pulls one out of a school that has not let them go.
   */
  app.post(
    '/students/:id/transfer',
    {
      config: { policy: orgPolicy.manageSomeSchool },
      schema: { tags, params: IdParams, body: Transfer, response: { 200: Student } },
    },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const { id } = req.params as { id: number };
      const { classId, date } = req.body as Static<typeof Transfer>;
      const student = await app.db
        .selectFrom('students')
        .selectAll()
        .where('county_id', '=', countyId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!student) throw notFound();
      const cls = await placeableClass(app.db, auth, classId, null);
      const managesOld = student.school_id == null || orgPolicy.manageSchool(auth, student.school_id);
      const released = LEFT.has(student.status);
      if (!orgPolicy.manageSchool(auth, cls.school_id) || !(managesOld || released)) throw forbidden();
      if (student.archived_at) throw invalid(auth, 'student_invalid');
      if (student.class_id === cls.id && PLACED.has(student.status)) throw invalid(auth, 'transfer_same_class');
      if (!isValidDate(date)) throw invalid(auth, 'date_invalid', { field: 'date' });
      await app.db.transaction().execute(async (tx) => {
        const open = await openEnrollments(tx, auth, id);
        const latest = open
          .map((e) => e.start_date)
          .sort()
          .at(-1);
        if (latest && date < latest) throw invalid(auth, 'transfer_date_before', { start: latest });
        const term = await termOfDate(tx, countyId, date, cls.school_year_id);
        if (!term) throw invalid(auth, 'no_current_term');
        const before = await getPlacement(tx, countyId, id);
        await closeEnrollments(tx, auth, id, date);
        await openEnrollment(tx, auth, {
          studentId: id,
          termId: term.id,
          schoolId: cls.school_id,
          classId: cls.id,
          startDate: date,
          reason: open.length > 0 || student.class_id != null ? 'transfer' : 'enrol',
        });
        await tx
          .updateTable('students')
          .set({ school_id: cls.school_id, class_id: cls.id, status: 'active', updated_at: new Date() })
          .where('county_id', '=', countyId)
          .where('id', '=', id)
          .execute();
        const after = await getPlacement(tx, countyId, id);
        await audit(tx, actorOf(req), {
          action: 'transfer',
          entity: 'student',
          entityId: id,
          before,
          after,
          summary: `${student.student_no} ${student.name}：${before.schoolName ?? ''}${before.className ?? ''} → ${after.schoolName}${after.className}（${date}）`,
        });
      });
      return (await getStudent(app.db, auth, id))!;
    },
  );

  /**
   * 转入: a school taking in a student finds them by exact 学籍号 — a student it already sees, or one whose school has
   * let them go (转出/毕业). Exact match only, no search, so nobody can browse other schools' students; anything else
   * answers 404 as if the number did not exist.
   */
  app.get(
    '/students/lookup',
    {
      config: { policy: orgPolicy.manageSomeSchool },
      schema: {
        tags,
        querystring: Type.Object({ studentNo: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: Student },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const studentNo = (req.query as { studentNo: string }).studentNo.trim().toUpperCase();
      const visible = await baseQuery(app.db, auth).where('st.student_no', '=', studentNo).executeTakeFirst();
      if (visible) return toItem(visible);
      const released = await unscopedQuery(app.db, auth)
        .where('st.student_no', '=', studentNo)
        .where('st.status', 'in', [...LEFT])
        .where('st.archived_at', 'is', null)
        .executeTakeFirst();
      if (!released) throw notFound();
      return toItem(released);
    },
  );

  /** The placement history, oldest first (term, school, class, from–to, reason). */
  app.get(
    '/students/:id/enrollments',
    { config: { policy: orgPolicy.read }, schema: { tags, params: IdParams, response: { 200: listOf(Enrollment) } } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as { id: number };
      await mustSee(app.db, auth, id);
      const items = await app.db
        .selectFrom('student_enrollments as e')
        .innerJoin('terms as t', (j) => j.onRef('t.county_id', '=', 'e.county_id').onRef('t.id', '=', 'e.term_id'))
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'e.county_id').onRef('s.id', '=', 'e.school_id'))
        .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'e.county_id').onRef('c.id', '=', 'e.class_id'))
        .select([
          'e.id',
          'e.term_id as termId',
          't.name as termName',
          'e.school_id as schoolId',
          's.name as schoolName',
          'e.class_id as classId',
          'c.name as className',
          'e.start_date as startDate',
          'e.end_date as endDate',
          'e.reason',
        ])
        .where('e.county_id', '=', auth.user.countyId)
        .where('e.student_id', '=', id)
        .orderBy('e.start_date')
        .orderBy('e.id')
        .execute();
      return { items, total: items.length };
    },
  );
}

/** The placement as the audit log records it (ids and names, so the log reads without joins). */
async function getPlacement(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('students as st')
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'st.county_id').onRef('c.id', '=', 'st.class_id'))
    .select([
      'st.school_id as schoolId',
      's.name as schoolName',
      'st.class_id as classId',
      'c.name as className',
      'st.status',
    ])
    .where('st.county_id', '=', countyId)
    .where('st.id', '=', id)
    .executeTakeFirstOrThrow();
}
