import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { regionVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { likePattern, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { clash, invalid } from './messages.js';
import { orgPolicy } from './policy.js';
import { defined, IdRef, Nullable } from './shared.js';

/**
 * The region tree of the county: the county row itself (a tenant root) and its 学区 below it, any depth.
 * Everyone signed in reads the regions of their scope (the client builds the tree); the county's 教育局管理员
 * adds, renames, moves and archives 学区. Provinces and cities above the county are not the county's to edit.
 */
export const Region = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  countyId: Nullable(Type.Integer()),
  level: Type.String(),
  code: Type.String(),
  name: Type.String(),
  sort: Type.Integer(),
});
export type Region = Static<typeof Region>;

const Code = Type.String({ pattern: '^[0-9A-Za-z_-]{1,40}$' });
const Name = Type.String({ minLength: 1, maxLength: 40 });
const RegionCreate = Type.Object({
  parentId: IdRef,
  code: Code,
  name: Name,
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  /** Only 学区 are created here; the county row is made with the county. */
  level: Type.Optional(Type.Literal('district')),
});
const RegionUpdate = Type.Partial(
  Type.Object({ parentId: IdRef, code: Code, name: Name, sort: Type.Integer({ minimum: 0, maximum: 100000 }) }),
);
type RegionCreate = Static<typeof RegionCreate>;
type RegionUpdate = Static<typeof RegionUpdate>;

const RegionFilters = Type.Object({
  parentId: Type.Optional(IdRef),
  includeArchived: Type.Optional(Type.Boolean()),
});
type RegionFilters = Static<typeof RegionFilters>;

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('regions as r')
    .select(['r.id', 'r.parent_id as parentId', 'r.county_id as countyId', 'r.level', 'r.code', 'r.name', 'r.sort'])
    .where('r.county_id', '=', auth.user.countyId);
}

/** A parent for a 学区: the county itself or one of its (not archived) 学区. */
async function checkParent(tx: Db, auth: AuthContext, parentId: number) {
  const parent = await tx
    .selectFrom('regions')
    .select(['id', 'level', 'archived_at'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', parentId)
    .executeTakeFirst();
  if (!parent || parent.archived_at || !['county', 'district'].includes(parent.level)) {
    throw invalid(auth, 'region_parent_invalid');
  }
}

export function regionRoutes(app: FastifyInstance) {
  registerEntity<Region, RegionCreate, RegionUpdate>(app, {
    path: 'regions',
    entity: 'region',
    table: 'regions',
    item: Region,
    create: RegionCreate,
    update: RegionUpdate,
    filters: RegionFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageCounty,
    async list(db, auth, params) {
      const p = params as typeof params & RegionFilters;
      let q = baseQuery(db, auth).where(regionVisible(auth.scope, 'r.id'));
      if (!p.includeArchived) q = q.where('r.archived_at', 'is', null);
      if (p.parentId) q = q.where('r.parent_id', '=', p.parentId);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('r.name', 'ilike', like), eb('r.code', 'ilike', like)]));
      }
      return paginate(q, p, { sort: 'r.sort', name: 'r.name', code: 'r.code', level: 'r.level' }, 'sort', 'r.id');
    },
    async get(db, auth, id) {
      // The county's 教育局管理员 sees every region of the county, including one created in this request
      // (the scope's region list was resolved before it existed).
      const visible = orgPolicy.manageCounty(auth) ? sql<boolean>`true` : regionVisible(auth.scope, 'r.id');
      return baseQuery(db, auth).where('r.id', '=', id).where(visible).executeTakeFirst();
    },
    canWrite: (auth) => orgPolicy.manageCounty(auth),
    async insert(tx, auth, input) {
      await checkParent(tx, auth, input.parentId);
      const row = await tx
        .insertInto('regions')
        .values({
          county_id: auth.user.countyId,
          parent_id: input.parentId,
          level: 'district',
          code: input.code,
          name: input.name,
          sort: input.sort ?? 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        if (before.level !== 'district') throw invalid(auth, 'region_county_fixed');
        await checkParent(tx, auth, input.parentId);
        const below = await sql<{ id: number }>`
          WITH RECURSIVE t AS (SELECT id FROM regions WHERE id = ${id}
            UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id)
          SELECT id FROM t WHERE id = ${input.parentId}`.execute(tx);
        if (below.rows.length > 0) throw invalid(auth, 'region_cycle');
      }
      await tx
        .updateTable('regions')
        .set({
          ...defined({ parent_id: input.parentId, code: input.code, name: input.name, sort: input.sort }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      const region = await tx.selectFrom('regions').select('level').where('id', '=', id).executeTakeFirstOrThrow();
      if (region.level !== 'district') throw invalid(auth, 'region_county_fixed');
      const countyId = auth.user.countyId;
      const children = await tx
        .selectFrom('regions')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_id', '=', countyId)
        .where('parent_id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (children.n > 0) throw clash(auth, 'region_has_children', { n: children.n });
      const schools = await tx
        .selectFrom('schools')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_id', '=', countyId)
        .where('region_id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (schools.n > 0) throw clash(auth, 'region_has_schools', { n: schools.n });
      await archiveRow(tx, 'regions', countyId, id);
    },
  });
}
