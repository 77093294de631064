import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { likePattern, paginate } from '../../platform/list.js';
import { archiveRow, registerEntity } from './crud.js';
import { orgPolicy } from './policy.js';
import { defined } from './shared.js';

/**
 * The county's subjects (seeded with the national curriculum; a county adds 书法 or a 地方课程), with the
 * stages that teach them. Everyone signed in reads them; the county's 教育局管理员 writes them. Duplicate codes
 * or names answer 409 through the unique keys.
 */
export const Subject = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  stages: Type.Array(Type.String()),
  sort: Type.Integer(),
});
export type Subject = Static<typeof Subject>;

const Stage = Type.Union([Type.Literal('primary'), Type.Literal('junior'), Type.Literal('senior')]);
const fields = {
  code: Type.String({ pattern: '^[0-9A-Za-z_-]{1,20}$' }),
  name: Type.String({ minLength: 1, maxLength: 30 }),
  stages: Type.Array(Stage, { minItems: 1, maxItems: 3, uniqueItems: true }),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};
const SubjectCreate = Type.Object(fields);
const SubjectUpdate = Type.Partial(Type.Object(fields));
type SubjectCreate = Static<typeof SubjectCreate>;
type SubjectUpdate = Static<typeof SubjectUpdate>;

const SubjectFilters = Type.Object({
  stage: Type.Optional(Stage),
  includeArchived: Type.Optional(Type.Boolean()),
});
type SubjectFilters = Static<typeof SubjectFilters>;

function baseQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('subjects as sub')
    .select(['sub.id', 'sub.code', 'sub.name', 'sub.stages', 'sub.sort'])
    .where('sub.county_id', '=', auth.user.countyId);
}

export function subjectRoutes(app: FastifyInstance) {
  registerEntity<Subject, SubjectCreate, SubjectUpdate>(app, {
    path: 'subjects',
    entity: 'subject',
    table: 'subjects',
    item: Subject,
    create: SubjectCreate,
    update: SubjectUpdate,
    filters: SubjectFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageCounty,
    async list(db, auth, params) {
      const p = params as typeof params & SubjectFilters;
      let q = baseQuery(db, auth);
      if (!p.includeArchived) q = q.where('sub.archived_at', 'is', null);
      if (p.stage) q = q.where(sql<boolean>`${sql.ref('sub.stages')} @> ARRAY[${p.stage}]::text[]`);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('sub.name', 'ilike', like), eb('sub.code', 'ilike', like)]));
      }
      return paginate(q, p, { sort: 'sub.sort', code: 'sub.code', name: 'sub.name' }, 'sort', 'sub.id');
    },
    get: (db, auth, id) => baseQuery(db, auth).where('sub.id', '=', id).executeTakeFirst(),
    canWrite: (auth) => orgPolicy.manageCounty(auth),
    async insert(tx, auth, input) {
      const row = await tx
        .insertInto('subjects')
        .values({
          county_id: auth.user.countyId,
          code: input.code,
          name: input.name.trim(),
          stages: input.stages,
          sort: input.sort ?? 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async patch(tx, auth, id, input) {
      await tx
        .updateTable('subjects')
        .set({
          ...defined({ code: input.code, name: input.name?.trim(), stages: input.stages, sort: input.sort }),
          updated_at: new Date(),
        })
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .execute();
    },
    async archive(tx, auth, id) {
      await archiveRow(tx, 'subjects', auth.user.countyId, id);
    },
  });
}
