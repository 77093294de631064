import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { type ListParams, ListQuery, listOf } from '../../platform/list.js';

/**
 * One registrar for the five routes every registry entity has (list, get, create, update, archive), so each
 * entity file only says what differs: its schemas, its scoped queries, and which school a record belongs to.
 * Writes run in one transaction with their audit row; "delete" archives (rows others refer to stay).
 */
export interface EntityDef<Item, Create, Update> {
  /** URL segment and audit entity name, e.g. 'schools'. */
  path: string;
  entity: string;
  /** The table, to tell "outside your scope" (403) from "does not exist" (404). */
  table:
    | 'regions'
    | 'schools'
    | 'school_years'
    | 'terms'
    | 'subjects'
    | 'staff'
    | 'classes'
    | 'teaching_assignments'
    | 'students'
    | 'guardians';
  item: TSchema;
  create: TSchema;
  update: TSchema;
  filters: Record<string, TSchema>;
  /** Route-level policies; the record-level check is `canWrite`. */
  mayList: (auth: AuthContext) => boolean;
  mayWrite: (auth: AuthContext) => boolean;
  list: (
    db: Db,
    auth: AuthContext,
    params: ListParams & Record<string, unknown>,
  ) => Promise<{ items: Item[]; total: number }>;
  /** One record if the user may see it (scope-filtered like the list), else undefined. */
  get: (db: Db, auth: AuthContext, id: number) => Promise<Item | undefined>;
  canWrite: (auth: AuthContext, record: Item | Create) => boolean;
  insert: (tx: Db, auth: AuthContext, input: Create) => Promise<number>;
  patch: (tx: Db, auth: AuthContext, id: number, input: Update, before: Item) => Promise<void>;
  archive: (tx: Db, auth: AuthContext, id: number) => Promise<void>;
  /**
   * What DELETE records in the audit log: 'archive' (the default), or 'delete' for tables without `archived_at`
   * (school years, terms, teaching assignments) whose `archive` removes a row nothing refers to.
   */
  deleteAction?: 'archive' | 'delete';
  /** Who may archive (delete) a record, when stricter than canWrite (a school's admin edits it, the bureau archives it). */
  canArchive?: (auth: AuthContext, record: Item) => boolean;
  /** Checks an update against the record (e.g. a school admin may not move a class to another school). */
  canUpdate?: (auth: AuthContext, before: Item, input: Update) => boolean;
}

/** Archives one row of the county: the usual end of an entity's `archive` (school years, terms and assignments delete). */
export async function archiveRow(
  tx: Db,
  table: 'regions' | 'subjects' | 'staff' | 'classes' | 'students' | 'guardians',
  countyId: number,
  id: number,
): Promise<void> {
  await tx
    .updateTable(table)
    .set({ archived_at: new Date(), updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .execute();
}

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Ok = Type.Object({ ok: Type.Boolean() });

export function registerEntity<Item, Create, Update>(app: FastifyInstance, def: EntityDef<Item, Create, Update>) {
  const tags = ['org'];
  const base = `/${def.path}`;
  const read = (auth: AuthContext) => def.mayList(auth);
  const write = (auth: AuthContext) => def.mayWrite(auth);

  app.get(
    base,
    {
      config: { policy: read },
      schema: { tags, querystring: Type.Object({ ...ListQuery, ...def.filters }), response: { 200: listOf(def.item) } },
    },
    async (req) => def.list(app.db, authOf(req), req.query as ListParams & Record<string, unknown>),
  );

  app.get(
    `${base}/:id`,
    { config: { policy: read }, schema: { tags, params: IdParams, response: { 200: def.item } } },
    async (req) => mustGet(app.db, authOf(req), req),
  );

  app.post(
    base,
    { config: { policy: write }, schema: { tags, body: def.create, response: { 200: def.item } } },
    async (req) => {
      const auth = authOf(req);
      const input = req.body as Create;
      if (!def.canWrite(auth, input)) throw forbidden();
      const id = await app.db.transaction().execute(async (tx) => {
        const newId = await def.insert(tx, auth, input);
        const after = await def.get(tx, auth, newId);
        await audit(tx, actorOf(req), { action: 'create', entity: def.entity, entityId: newId, after });
        return newId;
      });
      return (await def.get(app.db, auth, id))!;
    },
  );

  app.patch(
    `${base}/:id`,
    { config: { policy: write }, schema: { tags, params: IdParams, body: def.update, response: { 200: def.item } } },
    async (req) => {
      const auth = authOf(req);
      const before = await mustGet(app.db, auth, req);
      const input = req.body as Update;
      if (!def.canWrite(auth, before) || (def.canUpdate && !def.canUpdate(auth, before, input))) throw forbidden();
      const id = (req.params as { id: number }).id;
      await app.db.transaction().execute(async (tx) => {
        await def.patch(tx, auth, id, input, before);
        const after = await def.get(tx, auth, id);
        await audit(tx, actorOf(req), { action: 'update', entity: def.entity, entityId: id, before, after });
      });
      return (await def.get(app.db, auth, id))!;
    },
  );

  app.delete(
    `${base}/:id`,
    { config: { policy: write }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      const auth = authOf(req);
      const before = await mustGet(app.db, auth, req);
      if (!(def.canArchive ?? def.canWrite)(auth, before)) throw forbidden();
      const id = (req.params as { id: number }).id;
      await app.db.transaction().execute(async (tx) => {
        await def.archive(tx, auth, id);
        await audit(tx, actorOf(req), {
          action: def.deleteAction ?? 'archive',
          entity: def.entity,
          entityId: id,
          before,
        });
      });
      return { ok: true };
    },
  );

  /** A record outside the caller's scope is 403; one that does not exist in the county is 404. */
  async function mustGet(db: Db, auth: AuthContext, req: FastifyRequest): Promise<Item> {
    const id = (req.params as { id: number }).id;
    const item = await def.get(db, auth, id);
    if (item) return item;
    const exists = await db
      .selectFrom(def.table)
      .select('id')
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', id)
      .executeTakeFirst();
    throw exists ? forbidden() : notFound();
  }
}
