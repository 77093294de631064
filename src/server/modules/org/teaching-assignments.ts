import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden } from '../../platform/errors.js';
import { likePattern, paginate } from '../../platform/list.js';
import { registerEntity } from './crud.js';
import { findClass, findStaff, findTerm } from './lookups.js';
import { clash, invalid } from './messages.js';
import { orgPolicy } from './policy.js';
import { CLASS_ORDER, classVisibleAsC, defined, IdRef, schoolInRegion } from './shared.js';

/**
 * 任课安排: who teaches which subject to which class in which term. This is what makes a user a 任课教师 (their
 * classes in the current school year become part of their scope).
 * - Reading: the assignments of the classes the caller sees (classVisible), plus the caller's own.
 * - Writing: management of the class's school. A create names no school, so `canWrite` lets it through and
 *   `insert` checks the class's school once the class is read (the same on update when the class changes; the
 *   old class's school is checked by `canWrite` on the record).
 * - Rules: class, term, teacher and subject are rows of the caller's county; the term belongs to the class's school
 *   year; the teacher is current staff of the class's school or bureau staff (a 教研员 teaching a demonstration
 *   class); the subject is not archived; one row per (term, class, subject, teacher).
 * - The table has no archived_at: DELETE removes the row (nothing refers to it); the audit row keeps it.
 */
export const TeachingAssignment = Type.Object({
  id: Type.Integer(),
  termId: Type.Integer(),
  staffId: Type.Integer(),
  staffNo: Type.String(),
  staffName: Type.String(),
  classId: Type.Integer(),
  className: Type.String(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  subjectId: Type.Integer(),
  subjectName: Type.String(),
});
export type TeachingAssignment = Static<typeof TeachingAssignment>;

const AssignmentCreate = Type.Object({ termId: IdRef, staffId: IdRef, classId: IdRef, subjectId: IdRef });
const AssignmentUpdate = Type.Partial(AssignmentCreate);
type AssignmentCreate = Static<typeof AssignmentCreate>;
type AssignmentUpdate = Static<typeof AssignmentUpdate>;

const AssignmentFilters = Type.Object({
  termId: Type.Optional(IdRef),
  regionId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  classId: Type.Optional(IdRef),
  staffId: Type.Optional(IdRef),
});
type AssignmentFilters = Static<typeof AssignmentFilters>;

function baseQuery(db: Db, auth: AuthContext) {
  const classes = classVisibleAsC(auth.scope);
  const staffId = auth.user.staffId;
  const visible = staffId == null ? classes : sql<boolean>`(${classes} OR ${sql.ref('ta.staff_id')} = ${staffId})`;
  return db
    .selectFrom('teaching_assignments as ta')
    .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'ta.county_id').onRef('c.id', '=', 'ta.class_id'))
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
    .innerJoin('staff as st', (j) => j.onRef('st.county_id', '=', 'ta.county_id').onRef('st.id', '=', 'ta.staff_id'))
    .innerJoin('subjects as sub', (j) =>
      j.onRef('sub.county_id', '=', 'ta.county_id').onRef('sub.id', '=', 'ta.subject_id'),
    )
    .select([
      'ta.id',
      'ta.term_id as termId',
      'ta.staff_id as staffId',
      'st.staff_no as staffNo',
      'st.name as staffName',
      'ta.class_id as classId',
      'c.name as className',
      'c.school_id as schoolId',
      's.name as schoolName',
      'ta.subject_id as subjectId',
      'sub.name as subjectName',
    ])
    .where('ta.county_id', '=', auth.user.countyId)
    .where(visible);
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const toItem = (r: AssignmentRow): TeachingAssignment => r;

async function checkAssignment(tx: Db, auth: AuthContext, next: AssignmentCreate, selfId?: number) {
  const countyId = auth.user.countyId;
  const cls = await findClass(tx, countyId, next.classId);
  if (!cls || cls.archived_at) throw invalid(auth, 'class_invalid');
  if (!orgPolicy.manageSchool(auth, cls.school_id)) throw forbidden();
  const term = await findTerm(tx, countyId, next.termId);
  if (!term) throw invalid(auth, 'term_not_found');
  if (term.school_year_id !== cls.school_year_id) throw invalid(auth, 'assignment_term_year');
  const teacher = await findStaff(tx, countyId, next.staffId);
  if (!teacher || teacher.archived_at) throw invalid(auth, 'staff_invalid');
  if (teacher.school_id != null && teacher.school_id !== cls.school_id) {
    throw invalid(auth, 'assignment_teacher_school', { school: cls.school_name });
  }
  const subject = await tx
    .selectFrom('subjects')
    .select('archived_at')
    .where('county_id', '=', countyId)
    .where('id', '=', next.subjectId)
    .executeTakeFirst();
  if (!subject || subject.archived_at) throw invalid(auth, 'subject_invalid');
  let same = tx
    .selectFrom('teaching_assignments')
    .select('id')
    .where('county_id', '=', countyId)
    .where('term_id', '=', next.termId)
    .where('class_id', '=', next.classId)
    .where('subject_id', '=', next.subjectId)
    .where('staff_id', '=', next.staffId);
  if (selfId != null) same = same.where('id', '<>', selfId);
  if (await same.executeTakeFirst()) throw clash(auth, 'assignment_taken');
}

export function teachingAssignmentRoutes(app: FastifyInstance) {
  registerEntity<TeachingAssignment, AssignmentCreate, AssignmentUpdate>(app, {
    path: 'teaching-assignments',
    entity: 'teaching_assignment',
    table: 'teaching_assignments',
    item: TeachingAssignment,
    create: AssignmentCreate,
    update: AssignmentUpdate,
    filters: AssignmentFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, params) {
      const p = params as typeof params & AssignmentFilters;
      let q = baseQuery(db, auth);
      if (p.termId) q = q.where('ta.term_id', '=', p.termId);
      if (p.schoolId) q = q.where('c.school_id', '=', p.schoolId);
      if (p.regionId) q = q.where(schoolInRegion('c.school_id', auth.user.countyId, p.regionId));
      if (p.classId) q = q.where('ta.class_id', '=', p.classId);
      if (p.staffId) q = q.where('ta.staff_id', '=', p.staffId);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) =>
          eb.or([
            eb('st.name', 'ilike', like),
            eb('st.staff_no', 'ilike', like),
            eb('c.name', 'ilike', like),
            eb('sub.name', 'ilike', like),
          ]),
        );
      }
      const page = await paginate(
        q,
        p,
        {
          className: CLASS_ORDER,
          staffName: 'st.name',
          staffNo: 'st.staff_no',
          subjectName: 'sub.sort',
          schoolName: 's.name',
        },
        'className',
        'ta.id',
      );
      return { items: page.items.map(toItem), total: page.total };
    },
    async get(db, auth, id) {
      const row = await baseQuery(db, auth).where('ta.id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },
    // A create carries no school: insert checks the class's school (see above).
    canWrite: (auth, record) => !('schoolId' in record) || orgPolicy.manageSchool(auth, record.schoolId),
    async insert(tx, auth, input) {
      await checkAssignment(tx, auth, input);
      const row = await tx
        .insertInto('teaching_assignments')
        .values({
          county_id: auth.user.countyId,
          term_id: input.termId,
          staff_id: input.staffId,
          class_id: input.classId,
          subject_id: input.subjectId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const next = { ...before, ...defined(input) };
      await checkAssignment(tx, auth, next, id);
      await tx
        .updateTable('teaching_assignments')
        .set({
          ...defined({
            term_id: input.termId,
            staff_id: input.staffId,
            class_id: input.classId,
            subject_id: input.subjectId,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    deleteAction: 'delete',
    async archive(tx, auth, id) {
      await tx
        .deleteFrom('teaching_assignments')
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
  });
}
