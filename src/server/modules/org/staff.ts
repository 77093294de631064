import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { forgetAuth } from '../../platform/auth/cache.js';
import { staffVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { likePattern, maskPhone, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { findSchool } from './lookups.js';
import { clash, invalid } from './messages.js';
import { orgPolicy } from './policy.js';
import { defined, IdRef, Nullable, Phone, schoolInRegion } from './shared.js';

/**
 * 教职工: staff of a school, or bureau staff (no school; 教研员, 督学, …). Lists are filtered by scope in SQL
 * (staffVisible: staff of the schools the caller sees; bureau staff only for bureau roles). Writes need
 * management of the staff member's school (bureau staff: the county's 教育局管理员); moving someone to another
 * school needs management of both. 工号 is unique in the county. Phone numbers are masked in lists and shown
 * whole by id only to those who manage the record.
 */
export const Staff = Type.Object({
  id: Type.Integer(),
  staffNo: Type.String(),
  name: Type.String(),
  gender: Nullable(Type.String()),
  schoolId: Nullable(Type.Integer()),
  schoolName: Nullable(Type.String()),
  regionId: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  title: Nullable(Type.String()),
  tiers: Type.Array(Type.String()),
  subjectIds: Type.Array(Type.Integer()),
  subjectNames: Type.Array(Type.String()),
  position: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
});
export type Staff = Static<typeof Staff>;

const Gender = Type.Union([Type.Literal('M'), Type.Literal('F')]);
const Title = Type.Union(
  ['senior_professor', 'senior', 'first', 'second', 'third', 'none'].map((v) => Type.Literal(v)),
);
const Tier = Type.Union(
  ['backbone', 'subject_leader', 'famous_teacher', 'famous_principal', 'famous_head_teacher', 'new_teacher'].map((v) =>
    Type.Literal(v),
  ),
);
const editable = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  gender: Type.Optional(Nullable(Gender)),
  /** null: bureau staff. */
  schoolId: Type.Optional(Nullable(IdRef)),
  regionId: Type.Optional(Nullable(IdRef)),
  phone: Type.Optional(Nullable(Phone)),
  title: Type.Optional(Nullable(Title)),
  tiers: Type.Optional(Type.Array(Tier, { uniqueItems: true, maxItems: 6 })),
  subjectIds: Type.Optional(Type.Array(IdRef, { uniqueItems: true, maxItems: 20 })),
  position: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
};
const StaffNo = Type.String({ pattern: '^[0-9A-Za-z_-]{1,30}$', description: '工号' });
const StaffCreate = Type.Object({ staffNo: StaffNo, ...editable });
const StaffUpdate = Type.Partial(Type.Object({ staffNo: StaffNo, ...editable }));
type StaffCreate = Static<typeof StaffCreate>;
type StaffUpdate = Static<typeof StaffUpdate>;

const StaffFilters = Type.Object({
  regionId: Type.Optional(IdRef),
  schoolId: Type.Optional(IdRef),
  subjectId: Type.Optional(IdRef),
  title: Type.Optional(Type.String({ maxLength: 30 })),
  tier: Type.Optional(Type.String({ maxLength: 30 })),
  includeArchived: Type.Optional(Type.Boolean()),
});
type StaffFilters = Static<typeof StaffFilters>;

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('staff as st')
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
    .leftJoin('users as u', (j) => j.onRef('u.county_id', '=', 'st.county_id').onRef('u.staff_id', '=', 'st.id'))
    .select([
      'st.id',
      'st.staff_no as staffNo',
      'st.name',
      'st.gender',
      'st.school_id as schoolId',
      's.name as schoolName',
      'st.region_id as regionId',
      'st.phone',
      'st.title',
      'st.tiers',
      'st.subject_ids as subjectIds',
      'st.position',
      sql<boolean>`u.id IS NOT NULL`.as('hasAccount'),
      // Names in the county's subject order; evaluated after the page's limit, so for 20 rows only.
      sql<string[]>`ARRAY(SELECT sub.name FROM subjects sub WHERE sub.county_id = st.county_id
        AND sub.id = ANY(st.subject_ids) ORDER BY sub.sort, sub.id)`.as('subjectNames'),
    ])
    .where('st.county_id', '=', auth.user.countyId)
    .where(staffVisible(auth.scope, 'st.school_id'));
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toItems(rows: StaffRow[], mask: (r: StaffRow) => boolean): Staff[] {
  return rows.map((r) => ({ ...r, phone: mask(r) ? maskPhone(r.phone) : r.phone }));
}

async function checkReferences(tx: Db, auth: AuthContext, input: StaffUpdate, selfId?: number) {
  const countyId = auth.user.countyId;
  if (input.staffNo != null) {
    let same = tx
      .selectFrom('staff')
      .select('id')
      .where('county_id', '=', countyId)
      .where('staff_no', '=', input.staffNo);
    if (selfId != null) same = same.where('id', '<>', selfId);
    if (await same.executeTakeFirst()) throw clash(auth, 'staff_no_taken', { no: input.staffNo });
  }
  if (input.schoolId != null) {
    const school = await findSchool(tx, countyId, input.schoolId);
    if (!school || school.archived_at) throw invalid(auth, 'school_invalid');
  }
  if (input.regionId != null) {
    const region = await tx
      .selectFrom('regions')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', input.regionId)
      .executeTakeFirst();
    if (!region) throw invalid(auth, 'region_invalid');
  }
  if (input.subjectIds && input.subjectIds.length > 0) {
    const found = await tx
      .selectFrom('subjects')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', 'in', input.subjectIds)
      .where('archived_at', 'is', null)
      .execute();
    if (found.length !== input.subjectIds.length) throw invalid(auth, 'subject_invalid');
  }
}

/**
 * A class's head teacher is staff of its school: someone who heads a class of the current school year cannot
 * leave that school (or be archived) until the class has another head teacher. Returns those classes' names.
 */
async function headedClassesOutside(
  tx: Db,
  countyId: number,
  staffId: number,
  schoolId: number | null,
): Promise<string> {
  let q = tx
    .selectFrom('classes as c')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .select('c.name')
    .where('c.county_id', '=', countyId)
    .where('c.head_teacher_id', '=', staffId)
    .where('c.archived_at', 'is', null)
    .where('y.is_current', '=', true);
  if (schoolId != null) q = q.where('c.school_id', '<>', schoolId);
  const classes = await q.orderBy('c.grade_level').orderBy('c.class_no').execute();
  return classes.map((c) => c.name).join('、');
}

/**
 * Classes outside `schoolId` that the person teaches in a term of the current school year: moving them to another
 * school would leave those assignments (and a 任课教师's access) behind, so the move waits until they are changed.
 */
async function taughtClassesOutside(
  tx: Db,
  countyId: number,
  staffId: number,
  schoolId: number | null,
): Promise<string> {
  let q = tx
    .selectFrom('teaching_assignments as ta')
    .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'ta.county_id').onRef('c.id', '=', 'ta.class_id'))
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .select('c.name')
    .distinct()
    .where('ta.county_id', '=', countyId)
    .where('ta.staff_id', '=', staffId)
    .where('y.is_current', '=', true);
  if (schoolId != null) q = q.where('c.school_id', '<>', schoolId);
  const rows = await q.orderBy('c.name').execute();
  return rows.map((c) => c.name).join('、');
}

/**
 * A person who leaves (archived) can no longer sign in: their linked account is disabled and its sessions end, in
 * the same transaction, with its own audit row.
 */
async function disableLinkedAccount(tx: Db, auth: AuthContext, staffId: number) {
  const countyId = auth.user.countyId;
  const account = await tx
    .updateTable('users')
    .set({ disabled_at: new Date(), updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('staff_id', '=', staffId)
    .where('disabled_at', 'is', null)
    .returning(['id', 'username'])
    .executeTakeFirst();
  if (!account) return;
  await tx.deleteFrom('sessions').where('county_id', '=', countyId).where('user_id', '=', account.id).execute();
  forgetAuth(countyId, account.id);
  await audit(
    tx,
    { countyId, userId: auth.user.id, username: auth.user.username },
    {
      action: 'update',
      entity: 'user',
      entityId: account.id,
      before: { disabled: false },
      after: { disabled: true },
      summary: `教职工归档，停用其账号 ${account.username}`,
    },
  );
}

export function staffRoutes(app: FastifyInstance) {
  registerEntity<Staff, StaffCreate, StaffUpdate>(app, {
    path: 'staff',
    entity: 'staff',
    table: 'staff',
    item: Staff,
    create: StaffCreate,
    update: StaffUpdate,
    filters: StaffFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, params) {
      const p = params as typeof params & StaffFilters;
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('st.archived_at', 'is', null);
      if (p.schoolId) q = q.where('st.school_id', '=', p.schoolId);
      if (p.regionId) q = q.where(schoolInRegion('st.school_id', auth.user.countyId, p.regionId));
      if (p.subjectId) q = q.where(sql<boolean>`${sql.ref('st.subject_ids')} @> ARRAY[${p.subjectId}]::bigint[]`);
      if (p.title) q = q.where('st.title', '=', p.title);
      if (p.tier) q = q.where(sql<boolean>`${sql.ref('st.tiers')} @> ARRAY[${p.tier}]::text[]`);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('st.name', 'ilike', like), eb('st.staff_no', 'ilike', like)]));
      }
      const page = await paginate(
        q,
        p,
        { staffNo: 'st.staff_no', name: 'st.name', schoolName: 's.name', title: 'st.title' },
        'staffNo',
        'st.id',
      );
      return { items: toItems(page.items, () => true), total: page.total };
    },
    async get(db, auth, id) {
      const row = await baseQuery(db, auth).where('st.id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const [item] = toItems([row], (r) => !orgPolicy.manageSchool(auth, r.schoolId));
      return item;
    },
    canWrite: (auth, record) => orgPolicy.manageSchool(auth, record.schoolId ?? null),
    canUpdate: (auth, _before, input) => input.schoolId === undefined || orgPolicy.manageSchool(auth, input.schoolId),
    async insert(tx, auth, input) {
      const staffNo = input.staffNo.trim();
      await checkReferences(tx, auth, { ...input, staffNo });
      const row = await tx
        .insertInto('staff')
        .values({
          county_id: auth.user.countyId,
          staff_no: staffNo,
          name: input.name.trim(),
          gender: input.gender ?? null,
          school_id: input.schoolId ?? null,
          region_id: input.regionId ?? null,
          phone: input.phone ?? null,
          title: input.title ?? null,
          tiers: input.tiers ?? [],
          subject_ids: input.subjectIds ?? [],
          position: input.position ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      await checkReferences(tx, auth, input, id);
      if (input.schoolId !== undefined && input.schoolId !== before.schoolId) {
        const classes = await headedClassesOutside(tx, auth.user.countyId, id, input.schoolId);
        if (classes) throw invalid(auth, 'staff_is_head_teacher', { classes });
        const taught = await taughtClassesOutside(tx, auth.user.countyId, id, input.schoolId);
        if (taught) throw invalid(auth, 'staff_teaches_classes', { classes: taught });
      }
      await tx
        .updateTable('staff')
        .set({
          ...defined({
            staff_no: input.staffNo,
            name: input.name?.trim(),
            gender: input.gender,
            school_id: input.schoolId,
            region_id: input.regionId,
            phone: input.phone,
            title: input.title,
            tiers: input.tiers,
            subject_ids: input.subjectIds,
            position: input.position,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      const classes = await headedClassesOutside(tx, auth.user.countyId, id, null);
      if (classes) throw clash(auth, 'staff_is_head_teacher', { classes });
      await archiveRow(tx, 'staff', auth.user.countyId, id);
      await disableLinkedAccount(tx, auth, id);
    },
  });
}
