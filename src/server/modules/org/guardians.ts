import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden } from '../../platform/errors.js';
import { likePattern, maskPhone, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { clash, invalid } from './messages.js';
import { orgPolicy } from './policy.js';
import { defined, IdRef, Nullable, Phone, schoolInRegion } from './shared.js';

/**
 * Guardians (监护人) of a student. Seen by whoever sees the student (classVisible on the student's placement);
 * changed by whoever manages the student's school. A guardian stays with their student (no `studentId` on
 * update: add a guardian to the other student instead). PIPL: phone numbers are masked in lists, and shown whole
 * by id only to users who manage the student's school (who need to call).
 */
export const Guardian = Type.Object({
  id: Type.Integer(),
  studentId: Type.Integer(),
  studentNo: Type.String(),
  studentName: Type.String(),
  /** The student's school: writes are checked against it, and the web offers edits by it. */
  schoolId: Nullable(Type.Integer()),
  name: Type.String(),
  relation: Type.String(),
  phone: Nullable(Type.String()),
});
export type Guardian = Static<typeof Guardian>;

const Relation = Type.Union(['father', 'mother', 'grandparent', 'other'].map((v) => Type.Literal(v)));
const editable = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  relation: Relation,
  phone: Type.Optional(Nullable(Phone)),
};
const GuardianCreate = Type.Object({ studentId: IdRef, ...editable });
const GuardianUpdate = Type.Partial(Type.Object(editable));
type GuardianCreate = Static<typeof GuardianCreate>;
type GuardianUpdate = Static<typeof GuardianUpdate>;

const GuardianFilters = Type.Object({
  studentId: Type.Optional(IdRef),
  regionId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  classId: Type.Optional(IdRef),
  includeArchived: Type.Optional(Type.Boolean()),
});
type GuardianFilters = Static<typeof GuardianFilters>;

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('guardians as g')
    .innerJoin('students as st', (j) => j.onRef('st.county_id', '=', 'g.county_id').onRef('st.id', '=', 'g.student_id'))
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'st.county_id').onRef('c.id', '=', 'st.class_id'))
    .select([
      'g.id',
      'g.student_id as studentId',
      'st.student_no as studentNo',
      'st.name as studentName',
      'g.name',
      'g.relation',
      'g.phone',
      'st.school_id as schoolId',
    ])
    .where('g.county_id', '=', auth.user.countyId)
    .where(classVisible(auth.scope, { school: 'st.school_id', grade: 'c.grade_level', classId: 'st.class_id' }));
}

async function checkNameFree(tx: Db, auth: AuthContext, studentId: number, name: string, selfId?: number) {
  let q = tx
    .selectFrom('guardians')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('student_id', '=', studentId)
    .where('name', '=', name);
  if (selfId != null) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw clash(auth, 'guardian_taken', { name });
}

export function guardianRoutes(app: FastifyInstance) {
  registerEntity<Guardian, GuardianCreate, GuardianUpdate>(app, {
    path: 'guardians',
    entity: 'guardian',
    table: 'guardians',
    item: Guardian,
    create: GuardianCreate,
    update: GuardianUpdate,
    filters: GuardianFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, params) {
      const p = params as typeof params & GuardianFilters;
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('g.archived_at', 'is', null).where('st.archived_at', 'is', null);
      if (p.studentId) q = q.where('g.student_id', '=', p.studentId);
      if (p.schoolId) q = q.where('st.school_id', '=', p.schoolId);
      if (p.regionId) q = q.where(schoolInRegion('st.school_id', auth.user.countyId, p.regionId));
      if (p.classId) q = q.where('st.class_id', '=', p.classId);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) =>
          eb.or([eb('g.name', 'ilike', like), eb('st.name', 'ilike', like), eb('st.student_no', 'ilike', like)]),
        );
      }
      const page = await paginate(
        q,
        p,
        { studentNo: 'st.student_no', studentName: 'st.name', name: 'g.name', relation: 'g.relation' },
        'studentNo',
        'g.id',
      );
      return { items: page.items.map((r) => ({ ...r, phone: maskPhone(r.phone) })), total: page.total };
    },
    async get(db, auth, id) {
      const row = await baseQuery(db, auth).where('g.id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return orgPolicy.manageSchool(auth, row.schoolId) ? row : { ...row, phone: maskPhone(row.phone) };
    },
    // A create names the student, not the school: insert checks the student's school.
    canWrite: (auth, record) => !('id' in record) || orgPolicy.manageSchool(auth, record.schoolId),
    async insert(tx, auth, input) {
      const countyId = auth.user.countyId;
      const student = await tx
        .selectFrom('students')
        .select(['school_id', 'archived_at'])
        .where('county_id', '=', countyId)
        .where('id', '=', input.studentId)
        .executeTakeFirst();
      if (!student || student.archived_at) throw invalid(auth, 'student_invalid');
      if (!orgPolicy.manageSchool(auth, student.school_id)) throw forbidden();
      const name = input.name.trim();
      await checkNameFree(tx, auth, input.studentId, name);
      const row = await tx
        .insertInto('guardians')
        .values({
          county_id: countyId,
          student_id: input.studentId,
          name,
          relation: input.relation,
          phone: input.phone ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const name = input.name?.trim();
      if (name !== undefined && name !== before.name) await checkNameFree(tx, auth, before.studentId, name, id);
      await tx
        .updateTable('guardians')
        .set({ ...defined({ name, relation: input.relation, phone: input.phone }), updated_at: new Date() })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      await archiveRow(tx, 'guardians', auth.user.countyId, id);
    },
  });
}
