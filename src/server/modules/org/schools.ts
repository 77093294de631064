import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { validationFailed } from '../../platform/errors.js';
import { likePattern, maskPhone, paginate } from '../../platform/list.js';
import { registerEntity } from './crud.js';
import { orgPolicy } from './policy.js';
import { defined, IdRef, inRegionSubtree, Nullable } from './shared.js';

const SchoolType = Type.Union(
  ['primary', 'junior', 'nine_year', 'complete', 'senior', 'twelve_year', 'village', 'teaching_point'].map((v) =>
    Type.Literal(v),
  ),
);
const Location = Type.Union(['urban', 'town', 'rural'].map((v) => Type.Literal(v)));

export const School = Type.Object({
  id: Type.Integer(),
  countyId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  type: Type.String(),
  location: Type.String(),
  regionId: Type.Integer(),
  regionName: Type.String(),
  parentSchoolId: Nullable(Type.Integer()),
  parentSchoolName: Nullable(Type.String()),
  isWeak: Type.Boolean(),
  principalName: Nullable(Type.String()),
  contactPerson: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  archived: Type.Boolean(),
});
export type School = Static<typeof School>;

const editable = {
  name: Type.String({ minLength: 2, maxLength: 60 }),
  shortName: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  type: SchoolType,
  location: Location,
  regionId: IdRef,
  parentSchoolId: Type.Optional(Nullable(IdRef)),
  isWeak: Type.Optional(Type.Boolean()),
  principalName: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  contactPerson: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
};
const SchoolCreate = Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z-]{2,20}$' }), ...editable });
const SchoolUpdate = Type.Partial(Type.Object(editable));
type SchoolCreate = Static<typeof SchoolCreate>;
type SchoolUpdate = Static<typeof SchoolUpdate>;

/** Fields a school's own 校长/管理员 may change; type, region, 中心校 and the 薄弱 flag are the bureau's. */
const SCHOOL_SELF_FIELDS = new Set(['name', 'shortName', 'principalName', 'contactPerson', 'contactPhone', 'address']);

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('schools as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('schools as p', (j) =>
      j.onRef('p.county_id', '=', 's.county_id').onRef('p.id', '=', 's.parent_school_id'),
    )
    .select([
      's.id',
      's.county_id as countyId',
      's.code',
      's.name',
      's.short_name as shortName',
      's.type',
      's.location',
      's.region_id as regionId',
      'r.name as regionName',
      's.parent_school_id as parentSchoolId',
      'p.name as parentSchoolName',
      's.is_weak as isWeak',
      's.principal_name as principalName',
      's.contact_person as contactPerson',
      's.contact_phone as contactPhone',
      's.address',
      's.archived_at',
    ])
    .where('s.county_id', '=', auth.user.countyId)
    .where(schoolVisible(auth.scope, 's.id'));
}

type SchoolRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
function toItem(r: SchoolRow, mask: boolean): School {
  const { archived_at, ...rest } = r;
  return {
    ...rest,
    contactPhone: mask ? maskPhone(rest.contactPhone) : rest.contactPhone,
    archived: archived_at != null,
  };
}

async function checkReferences(db: Db, countyId: number, input: Partial<SchoolCreate>, selfId?: number) {
  if (input.regionId != null) {
    const region = await db
      .selectFrom('regions')
      .select('county_id')
      .where('id', '=', input.regionId)
      .executeTakeFirst();
    if (!region || region.county_id !== countyId) throw validationFailed('regionId');
  }
  if (input.parentSchoolId != null) {
    if (input.parentSchoolId === selfId) throw validationFailed('parentSchoolId');
    const parent = await db
      .selectFrom('schools')
      .select('type')
      .where('county_id', '=', countyId)
      .where('id', '=', input.parentSchoolId)
      .executeTakeFirst();
    if (!parent) throw validationFailed('parentSchoolId');
  }
}

export function schoolRoutes(app: FastifyInstance) {
  registerEntity<School, SchoolCreate, SchoolUpdate>(app, {
    path: 'schools',
    entity: 'school',
    table: 'schools',
    item: School,
    create: SchoolCreate,
    update: SchoolUpdate,
    filters: {
      regionId: Type.Optional(IdRef),
      type: Type.Optional(Type.String()),
      location: Type.Optional(Type.String()),
      isWeak: Type.Optional(Type.Boolean()),
      includeArchived: Type.Optional(Type.Boolean()),
    },
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageSomeSchool,
    async list(db, auth, p) {
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('s.archived_at', 'is', null);
      if (p.regionId) q = q.where(inRegionSubtree('s.region_id', p.regionId as number));
      if (p.type) q = q.where('s.type', '=', p.type as string);
      if (p.location) q = q.where('s.location', '=', p.location as string);
      if (p.isWeak !== undefined) q = q.where('s.is_weak', '=', p.isWeak as boolean);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.code', 'ilike', like)]));
      }
      const page = await paginate(
        q,
        p,
        { code: 's.code', name: 's.name', type: 's.type', regionName: 'r.name' },
        'code',
        's.id',
      );
      return { items: page.items.map((r) => toItem(r, true)), total: page.total };
    },
    async get(db, auth, id) {
      const row = await baseQuery(db, auth).where('s.id', '=', id).executeTakeFirst();
      return row && toItem(row, false);
    },
    canWrite: (auth, record) =>
      'id' in record ? orgPolicy.manageSchool(auth, record.id) : orgPolicy.manageCounty(auth),
    // A school is opened and closed by the bureau: its own 校长 edits its details but cannot archive it.
    canArchive: (auth) => orgPolicy.manageCounty(auth),
    canUpdate: (auth, _before, input) =>
      orgPolicy.manageCounty(auth) || Object.keys(defined(input)).every((k) => SCHOOL_SELF_FIELDS.has(k)),
    async insert(tx, auth, input) {
      await checkReferences(tx, auth.user.countyId, input);
      const row = await tx
        .insertInto('schools')
        .values({
          county_id: auth.user.countyId,
          code: input.code,
          name: input.name,
          short_name: input.shortName ?? null,
          type: input.type,
          location: input.location,
          region_id: input.regionId,
          parent_school_id: input.parentSchoolId ?? null,
          is_weak: input.isWeak ?? false,
          principal_name: input.principalName ?? null,
          contact_person: input.contactPerson ?? null,
          contact_phone: input.contactPhone ?? null,
          address: input.address ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input) {
      await checkReferences(tx, auth.user.countyId, input, id);
      await tx
        .updateTable('schools')
        .set({
          ...defined({
            name: input.name,
            short_name: input.shortName,
            type: input.type,
            location: input.location,
            region_id: input.regionId,
            parent_school_id: input.parentSchoolId,
            is_weak: input.isWeak,
            principal_name: input.principalName,
            contact_person: input.contactPerson,
            contact_phone: input.contactPhone,
            address: input.address,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      await tx
        .updateTable('schools')
        .set({ archived_at: new Date() })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
  });
}
