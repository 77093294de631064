import type { FastifyInstance } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { type Static, Type } from 'typebox';
import {
  GRADE_LEVELS,
  GRADES_OF_SCHOOL_TYPE,
  labelOf,
  SCHOOL_TYPES,
  type SchoolType,
} from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { likePattern, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { findSchool, findSchoolYear, findStaff } from './lookups.js';
import { clash, invalid, labelFor } from './messages.js';
import { orgPolicy } from './policy.js';
import { CLASS_ORDER, classVisibleAsC, defined, IdRef, Nullable, schoolInRegion } from './shared.js';

/**
 * Classes: one school, one school year, a grade the school teaches, a number unique in that grade. Lists are
 * filtered by classVisible (the whole school for 校长/主任 and bureau roles, the grade for 年级组长, their own
 * classes for 班主任/任课教师). Writes need management of the class's school (both schools when it moves; a class
 * with students or teaching assignments does not move). The head teacher is current staff of the same school.
 * `studentCount` counts 在读 students placed in the class, read for the page's classes only.
 */
export const SchoolClass = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  schoolYearId: Type.Integer(),
  gradeLevel: Type.Integer(),
  classNo: Type.Integer(),
  name: Type.String(),
  headTeacherId: Nullable(Type.Integer()),
  headTeacherName: Nullable(Type.String()),
  studentCount: Type.Integer(),
});
export type SchoolClass = Static<typeof SchoolClass>;

const Grade = Type.Integer({ minimum: 1, maximum: 12 });
const ClassNo = Type.Integer({ minimum: 1, maximum: 99 });
const Name = Type.String({ minLength: 1, maxLength: 30 });
const ClassCreate = Type.Object({
  schoolId: IdRef,
  schoolYearId: IdRef,
  gradeLevel: Grade,
  classNo: ClassNo,
  /** Defaults to 三年级(2)班. */
  name: Type.Optional(Name),
  headTeacherId: Type.Optional(Nullable(IdRef)),
});
const ClassUpdate = Type.Partial(
  Type.Object({ schoolId: IdRef, gradeLevel: Grade, classNo: ClassNo, name: Name, headTeacherId: Nullable(IdRef) }),
);
type ClassCreate = Static<typeof ClassCreate>;
type ClassUpdate = Static<typeof ClassUpdate>;

const ClassFilters = Type.Object({
  regionId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  schoolYearId: Type.Optional(IdRef),
  gradeLevel: Type.Optional(Grade),
  includeArchived: Type.Optional(Type.Boolean()),
});
type ClassFilters = Static<typeof ClassFilters>;

/** 三年级(2)班: stored data, in the county's language (also the name a class imported without 班级名称 gets). */
export function defaultClassName(gradeLevel: number, classNo: number): string {
  return `${labelOf(GRADE_LEVELS, gradeLevel)}(${classNo})班`;
}

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('classes as c')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
    .leftJoin('staff as h', (j) => j.onRef('h.county_id', '=', 'c.county_id').onRef('h.id', '=', 'c.head_teacher_id'))
    .select([
      'c.id',
      'c.school_id as schoolId',
      's.name as schoolName',
      'c.school_year_id as schoolYearId',
      'c.grade_level as gradeLevel',
      'c.class_no as classNo',
      'c.name',
      'c.head_teacher_id as headTeacherId',
      'h.name as headTeacherName',
      // A correlated count, evaluated after the sort and limit, so only for the page's classes (index students_class).
      sql<number>`(SELECT count(*)::int FROM students st WHERE st.county_id = c.county_id AND st.class_id = c.id
        AND st.status = 'active' AND st.archived_at IS NULL)`.as('studentCount'),
    ])
    .where('c.county_id', '=', auth.user.countyId)
    .where(classVisibleAsC(auth.scope));
}

type ClassRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toItems(rows: ClassRow[]): SchoolClass[] {
  return rows;
}

interface ClassShape {
  schoolId: number;
  schoolYearId: number;
  gradeLevel: number;
  classNo: number;
  headTeacherId?: number | null;
}

async function checkClass(tx: Db, auth: AuthContext, next: ClassShape, selfId?: number) {
  const countyId = auth.user.countyId;
  const school = await findSchool(tx, countyId, next.schoolId);
  if (!school || school.archived_at) throw invalid(auth, 'school_invalid');
  if (!(await findSchoolYear(tx, countyId, next.schoolYearId))) throw invalid(auth, 'year_not_found');
  const grades = GRADES_OF_SCHOOL_TYPE[school.type as SchoolType] ?? [];
  if (!grades.includes(next.gradeLevel)) {
    throw invalid(auth, 'grade_not_in_school', {
      school: school.name,
      type: labelFor(auth, SCHOOL_TYPES, school.type),
      grade: labelFor(auth, GRADE_LEVELS, next.gradeLevel),
    });
  }
  let same = tx
    .selectFrom('classes')
    .select('id')
    .where('county_id', '=', countyId)
    .where('school_id', '=', next.schoolId)
    .where('school_year_id', '=', next.schoolYearId)
    .where('grade_level', '=', next.gradeLevel)
    .where('class_no', '=', next.classNo);
  if (selfId != null) same = same.where('id', '<>', selfId);
  if (await same.executeTakeFirst()) {
    throw clash(auth, 'class_taken', {
      school: school.name,
      grade: labelFor(auth, GRADE_LEVELS, next.gradeLevel),
      no: next.classNo,
    });
  }
  if (next.headTeacherId != null) {
    const teacher = await findStaff(tx, countyId, next.headTeacherId);
    if (!teacher || teacher.archived_at || teacher.school_id !== next.schoolId) {
      throw invalid(auth, 'head_teacher_school', { school: school.name });
    }
  }
}

async function count(tx: Db, query: RawBuilder<{ n: number }>): Promise<number> {
  const { rows } = await query.execute(tx);
  return rows[0]?.n ?? 0;
}

export function classRoutes(app: FastifyInstance) {
  registerEntity<SchoolClass, ClassCreate, ClassUpdate>(app, {
    path: 'classes',
    entity: 'class',
    table: 'classes',
    item: SchoolClass,
    create: ClassCreate,
    update: ClassUpdate,
    filters: ClassFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, params) {
      const p = params as typeof params & ClassFilters;
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('c.archived_at', 'is', null);
      if (p.schoolId) q = q.where('c.school_id', '=', p.schoolId);
      if (p.regionId) q = q.where(schoolInRegion('c.school_id', auth.user.countyId, p.regionId));
      if (p.schoolYearId) q = q.where('c.school_year_id', '=', p.schoolYearId);
      if (p.gradeLevel) q = q.where('c.grade_level', '=', p.gradeLevel);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('c.name', 'ilike', like), eb('h.name', 'ilike', like)]));
      }
      const page = await paginate(
        q,
        p,
        {
          gradeLevel: ['c.grade_level', 'c.class_no'],
          name: CLASS_ORDER,
          classNo: 'c.class_no',
          schoolName: 's.name',
          headTeacherName: 'h.name',
        },
        'name',
        'c.id',
      );
      return { items: toItems(page.items), total: page.total };
    },
    async get(db, auth, id) {
      const row = await baseQuery(db, auth).where('c.id', '=', id).executeTakeFirst();
      return row && toItems([row])[0];
    },
    canWrite: (auth, record) => orgPolicy.manageSchool(auth, record.schoolId),
    canUpdate: (auth, _before, input) => input.schoolId === undefined || orgPolicy.manageSchool(auth, input.schoolId),
    async insert(tx, auth, input) {
      await checkClass(tx, auth, input);
      const row = await tx
        .insertInto('classes')
        .values({
          county_id: auth.user.countyId,
          school_id: input.schoolId,
          school_year_id: input.schoolYearId,
          grade_level: input.gradeLevel,
          class_no: input.classNo,
          name: input.name?.trim() || defaultClassName(input.gradeLevel, input.classNo),
          head_teacher_id: input.headTeacherId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const countyId = auth.user.countyId;
      const next = { ...before, ...defined(input) };
      if (next.schoolId !== before.schoolId) {
        const used = await count(
          tx,
          sql<{ n: number }>`SELECT (
            (SELECT count(*) FROM students WHERE county_id = ${countyId} AND class_id = ${id} AND archived_at IS NULL) +
            (SELECT count(*) FROM student_enrollments WHERE county_id = ${countyId} AND class_id = ${id}) +
            (SELECT count(*) FROM teaching_assignments WHERE county_id = ${countyId} AND class_id = ${id}))::int AS n`,
        );
        if (used > 0) throw invalid(auth, 'class_move_blocked');
      }
      await checkClass(tx, auth, next, id);
      // A name that was the default follows a new grade or number; a name the school chose stays.
      const renamed =
        input.name?.trim() ||
        (before.name === defaultClassName(before.gradeLevel, before.classNo)
          ? defaultClassName(next.gradeLevel, next.classNo)
          : undefined);
      await tx
        .updateTable('classes')
        .set({
          ...defined({
            school_id: input.schoolId,
            grade_level: input.gradeLevel,
            class_no: input.classNo,
            name: renamed,
            head_teacher_id: input.headTeacherId,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      const countyId = auth.user.countyId;
      const placed = await count(
        tx,
        sql<{ n: number }>`SELECT count(*)::int AS n FROM students WHERE county_id = ${countyId} AND class_id = ${id}
          AND archived_at IS NULL AND status IN ('active', 'suspended')`,
      );
      if (placed > 0) throw clash(auth, 'class_has_students', { n: placed });
      await archiveRow(tx, 'classes', countyId, id);
    },
  });
}
