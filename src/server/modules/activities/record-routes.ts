import type { FastifyInstance } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { RoutePolicy } from '../../platform/http.js';
import { actorOf, authOf } from '../../platform/http.js';
import { type ListParams, ListQuery, listOf } from '../../platform/list.js';
import { IdParams, Ok, TAGS } from './shared.js';

/**
 * The five routes of a teaching-routine record (list, get, create, update, archive) around what differs per record:
 * its scoped queries, how an input becomes a row (every refusal happens there) and who may write a given record.
 * Like org/crud.ts's registerEntity, for this module's tables; writes run in one transaction with their audit row.
 */
export interface RecordDef<Item extends { id: number }> {
  path: string;
  table: RecordTable;
  item: TSchema;
  create: TSchema;
  update: TSchema;
  filters: Record<string, TSchema>;
  writePolicy: RoutePolicy;
  list: (
    db: Db,
    auth: AuthContext,
    q: ListParams & Record<string, unknown>,
  ) => Promise<{ items: Item[]; total: number }>;
  /** One record if the caller may see it, else undefined. */
  get: (db: Db, auth: AuthContext, id: number) => Promise<Item | undefined>;
  /** Checks an input (create: before = undefined) and returns the columns to write; throws the refusals. */
  prepare: (
    db: Db,
    auth: AuthContext,
    input: Record<string, unknown>,
    before?: Item,
  ) => Promise<Record<string, unknown>>;
  /** Whether the caller may change or archive this record. */
  canWrite: (auth: AuthContext, item: Item) => boolean;
  /** Tables without archived_at delete instead. */
  hardDelete?: boolean;
}

export type RecordTable =
  | 'activity_open_lessons'
  | 'activity_groups'
  | 'activity_preps'
  | 'activity_research_events'
  | 'activity_training_courses'
  | 'activity_trainings'
  | 'activity_mentor_pairs'
  | 'activity_mentor_records'
  | 'activity_home_visits'
  | 'activity_homework';

export function registerRecord<Item extends { id: number }>(app: FastifyInstance, def: RecordDef<Item>) {
  const base = `/${def.path}`;
  const read = (_auth: AuthContext) => true;
  // biome-ignore lint/suspicious/noExplicitAny: the table varies per record; columns come from prepare()
  const anyDb = (db: Db) => db as any;

  app.get(
    base,
    {
      config: { policy: read },
      schema: {
        tags: TAGS,
        querystring: Type.Object({ ...ListQuery, ...def.filters }),
        response: { 200: listOf(def.item) },
      },
    },
    async (req) => def.list(app.db, authOf(req), req.query as ListParams & Record<string, unknown>),
  );

  app.get(
    `${base}/:id`,
    { config: { policy: read }, schema: { tags: TAGS, params: IdParams, response: { 200: def.item } } },
    async (req) => mustGet(authOf(req), (req.params as { id: number }).id),
  );

  app.post(
    base,
    { config: { policy: def.writePolicy }, schema: { tags: TAGS, body: def.create, response: { 200: def.item } } },
    async (req) => {
      const auth = authOf(req);
      const input = req.body as Record<string, unknown>;
      const row = await def.prepare(app.db, auth, input);
      const id = await app.db.transaction().execute(async (tx) => {
        const created = await anyDb(tx)
          .insertInto(def.table)
          .values({ county_id: auth.user.countyId, ...row })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: def.table, entityId: created.id, after: input });
        return created.id as number;
      });
      return (await def.get(app.db, auth, id))!;
    },
  );

  app.patch(
    `${base}/:id`,
    {
      config: { policy: def.writePolicy },
      schema: { tags: TAGS, params: IdParams, body: def.update, response: { 200: def.item } },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await mustGet(auth, id);
      if (!def.canWrite(auth, before)) throw forbidden();
      const input = req.body as Record<string, unknown>;
      const row = await def.prepare(app.db, auth, input, before);
      await app.db.transaction().execute(async (tx) => {
        if (Object.keys(row).length > 0)
          await anyDb(tx)
            .updateTable(def.table)
            .set(def.table === 'activity_mentor_records' ? row : { ...row, updated_at: new Date() })
            .where('county_id', '=', auth.user.countyId)
            .where('id', '=', id)
            .execute();
        const after = await def.get(tx, auth, id);
        await audit(tx, actorOf(req), { action: 'update', entity: def.table, entityId: id, before, after });
      });
      return (await def.get(app.db, auth, id))!;
    },
  );

  app.delete(
    `${base}/:id`,
    { config: { policy: def.writePolicy }, schema: { tags: TAGS, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await mustGet(auth, id);
      if (!def.canWrite(auth, before)) throw forbidden();
      await app.db.transaction().execute(async (tx) => {
        const q = def.hardDelete
          ? anyDb(tx).deleteFrom(def.table)
          : anyDb(tx).updateTable(def.table).set({ archived_at: new Date() });
        await q.where('county_id', '=', auth.user.countyId).where('id', '=', id).execute();
        await audit(tx, actorOf(req), {
          action: def.hardDelete ? 'delete' : 'archive',
          entity: def.table,
          entityId: id,
          before,
        });
      });
      return { ok: true };
    },
  );

  /** Outside the caller's scope is 403; not in the county is 404. */
  async function mustGet(auth: AuthContext, id: number): Promise<Item> {
    const item = await def.get(app.db, auth, id);
    if (item) return item;
    let q = anyDb(app.db)
      .selectFrom(def.table)
      .select('id')
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', id);
    if (!def.hardDelete) q = q.where('archived_at', 'is', null);
    throw (await q.executeTakeFirst()) ? forbidden() : notFound();
  }
}
