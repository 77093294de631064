import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden } from '../../platform/errors.js';
import { columns, type DateFilterParams, DateFilters, page, staffOf } from './checks.js';
import { clash, invalid } from './messages.js';
import { LEVELS } from './open-lessons.js';
import { activitiesPolicy } from './policy.js';
import { registerRecord } from './record-routes.js';
import { checkPastDate, DateText, IdRef, Nullable } from './shared.js';

/**
 * 继续教育: training courses (organiser, hours, level; the bureau keeps the catalogue) and each teacher's completed
 * hours. A record may not carry more hours than its course allows; one record per teacher and course. Hours per
 * teacher per year (≥72) and per 5-year cycle (≥360) are quota rules over these records.
 */
const Course = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  organiser: Type.String(),
  hours: Type.Number(),
  level: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  participants: Type.Integer(),
});
type Course = Static<typeof Course>;
const CourseFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  organiser: Type.String({ minLength: 1, maxLength: 100 }),
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 360 }),
  level: Type.Union(LEVELS.map((l) => Type.Literal(l))),
  startDate: DateText,
  endDate: DateText,
};

const Training = Type.Object({
  id: Type.Integer(),
  courseId: Type.Integer(),
  courseName: Type.String(),
  courseHours: Type.Number(),
  level: Type.String(),
  staffId: Type.Integer(),
  staffName: Type.String(),
  schoolId: Nullable(Type.Integer()),
  schoolName: Nullable(Type.String()),
  hours: Type.Number(),
  completedOn: Type.String(),
  certificateNo: Nullable(Type.String()),
});
type Training = Static<typeof Training>;
const TrainingFields = {
  courseId: IdRef,
  staffId: IdRef,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 360 }),
  completedOn: DateText,
  certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
};

function courses(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_training_courses as c')
    .select([
      'c.id',
      'c.name',
      'c.organiser',
      'c.hours',
      'c.level',
      'c.start_date as startDate',
      'c.end_date as endDate',
      sql<number>`(SELECT count(*)::int FROM activity_trainings t WHERE t.county_id = c.county_id AND t.course_id = c.id AND t.archived_at IS NULL)`.as(
        'participants',
      ),
    ])
    .where('c.county_id', '=', auth.user.countyId)
    .where('c.archived_at', 'is', null);
}

/** A training row is visible to the trainee, to viewers of their school whole, and to the bureau for bureau staff. */
function trainings(db: Db, auth: AuthContext) {
  const me = auth.user.staffId ?? -1;
  const visible = auth.scope.allSchools
    ? sql<boolean>`true`
    : sql<boolean>`(t.staff_id = ${me} OR t.school_id = ANY(${auth.scope.schoolIds}::bigint[]))`;
  return db
    .selectFrom('activity_trainings as t')
    .innerJoin('activity_training_courses as c', (j) =>
      j.onRef('c.county_id', '=', 't.county_id').onRef('c.id', '=', 't.course_id'),
    )
    .innerJoin('staff as st', (j) => j.onRef('st.county_id', '=', 't.county_id').onRef('st.id', '=', 't.staff_id'))
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 't.county_id').onRef('s.id', '=', 't.school_id'))
    .select([
      't.id',
      't.course_id as courseId',
      'c.name as courseName',
      'c.hours as courseHours',
      'c.level',
      't.staff_id as staffId',
      'st.name as staffName',
      't.school_id as schoolId',
      's.name as schoolName',
      't.hours',
      't.completed_on as completedOn',
      't.certificate_no as certificateNo',
    ])
    .where('t.county_id', '=', auth.user.countyId)
    .where('t.archived_at', 'is', null)
    .where(visible);
}

/** May record training for this person: themself, their school's managers, the bureau for anyone. */
function mayRecordFor(auth: AuthContext, staffId: number, schoolId: number | null): boolean {
  return (
    staffId === auth.user.staffId ||
    activitiesPolicy.manageRules(auth) ||
    (schoolId != null && managesSchool(auth, schoolId))
  );
}

export function trainingRoutes(app: FastifyInstance) {
  registerRecord<Course>(app, {
    path: 'training-courses',
    table: 'activity_training_courses',
    item: Course,
    create: Type.Object(CourseFields),
    update: Type.Partial(Type.Object(CourseFields)),
    filters: { from: DateFilters.from, to: DateFilters.to },
    writePolicy: activitiesPolicy.manageRules,
    async list(db, auth, params) {
      const p = params as DateFilterParams;
      let q = courses(db, auth);
      if (p.from) q = q.where('c.end_date', '>=', p.from);
      if (p.to) q = q.where('c.start_date', '<=', p.to);
      return page(q, p, { startDate: 'c.start_date', name: 'c.name' }, 'startDate', 'c.id');
    },
    get: async (db, auth, id) =>
      (await courses(db, auth).where('c.id', '=', id).executeTakeFirst()) as Course | undefined,
    canWrite: (auth) => activitiesPolicy.manageRules(auth),
    async prepare(_db, auth, input, before) {
      const start = (input.startDate as string | undefined) ?? before?.startDate;
      const end = (input.endDate as string | undefined) ?? before?.endDate;
      if (start && end && end < start) throw invalid(auth, 'date_invalid', { field: '结束日期' });
      return columns(input, {
        name: 'name',
        organiser: 'organiser',
        hours: 'hours',
        level: 'level',
        startDate: 'start_date',
        endDate: 'end_date',
      });
    },
  });

  registerRecord<Training>(app, {
    path: 'trainings',
    table: 'activity_trainings',
    item: Training,
    create: Type.Object(TrainingFields),
    update: Type.Partial(
      Type.Object({ hours: TrainingFields.hours, completedOn: DateText, certificateNo: TrainingFields.certificateNo }),
    ),
    filters: { ...DateFilters, staffId: Type.Optional(IdRef), courseId: Type.Optional(IdRef) },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { staffId?: number; courseId?: number };
      let q = trainings(db, auth);
      if (p.schoolId) q = q.where('t.school_id', '=', p.schoolId);
      if (p.staffId) q = q.where('t.staff_id', '=', p.staffId);
      if (p.courseId) q = q.where('t.course_id', '=', p.courseId);
      if (p.from) q = q.where('t.completed_on', '>=', p.from);
      if (p.to) q = q.where('t.completed_on', '<=', p.to);
      return page(q, p, { completedOn: 't.completed_on', staffName: 'st.name' }, 'completedOn', 't.id');
    },
    get: async (db, auth, id) =>
      (await trainings(db, auth).where('t.id', '=', id).executeTakeFirst()) as Training | undefined,
    canWrite: (auth, item) => mayRecordFor(auth, item.staffId, item.schoolId),
    async prepare(db, auth, input, before) {
      const courseId = before?.courseId ?? (input.courseId as number);
      const course = await db
        .selectFrom('activity_training_courses')
        .select(['name', 'hours'])
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', courseId)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!course) throw invalid(auth, 'course_invalid');
      const hours = input.hours as number | undefined;
      if (hours !== undefined && hours > course.hours)
        throw invalid(auth, 'training_hours_over', { hours, max: course.hours, course: course.name });
      if (input.completedOn) checkPastDate(auth, '完成日期', input.completedOn as string);
      if (before)
        return columns(input, { hours: 'hours', completedOn: 'completed_on', certificateNo: 'certificate_no' });
      const person = await staffOf(db, auth, input.staffId as number);
      if (!mayRecordFor(auth, person.id, person.school_id)) throw forbidden();
      const taken = await db
        .selectFrom('activity_trainings')
        .select('id')
        .where('county_id', '=', auth.user.countyId)
        .where('course_id', '=', courseId)
        .where('staff_id', '=', person.id)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (taken) throw clash(auth, 'training_taken', { name: person.name, course: course.name });
      return {
        course_id: courseId,
        staff_id: person.id,
        school_id: person.school_id,
        hours,
        completed_on: input.completedOn,
        certificate_no: input.certificateNo ?? null,
      };
    },
  });
}
