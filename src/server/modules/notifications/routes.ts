import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { forbidden, notFound } from '../../platform/errors.js';
import { listOf, paginate } from '../../platform/list.js';

/**
 * The signed-in user's in-app messages (站内消息), under /api/v1/notifications. Every query is keyed by the
 * session's own user id: nobody lists, counts or marks anyone else's messages (another user's message id → 403).
 * Marking read is the user's own reading state, not a change of county data, so it is not written to the audit log.
 */
const Item = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  createdAt: Type.String(),
});

const ListFilters = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  unread: Type.Optional(Type.Boolean()),
});
type ListFilters = Static<typeof ListFilters>;

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
type IdParams = Static<typeof IdParams>;

export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: ListFilters }>(
    '/',
    {
      config: { policy: 'signedIn' },
      schema: { querystring: ListFilters, response: { 200: listOf(Item) } },
    },
    async (req) => {
      const me = req.auth!.user;
      let q = app.db
        .selectFrom('notifications')
        .select([
          'id',
          'kind',
          'title',
          'body',
          'link',
          sql<boolean>`read_at IS NOT NULL`.as('read'),
          sql<string>`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`.as('createdAt'),
        ])
        .where('county_id', '=', me.countyId)
        .where('user_id', '=', me.id);
      if (req.query.unread) q = q.where('read_at', 'is', null);
      // Newest first; the id breaks ties of one transaction's messages.
      return paginate(q, { ...req.query, order: 'desc' }, { created: 'created_at' }, 'created', 'id');
    },
  );

  app.get(
    '/unread-count',
    {
      config: { policy: 'signedIn' },
      schema: { response: { 200: Type.Object({ count: Type.Integer() }) } },
    },
    async (req) => {
      const me = req.auth!.user;
      const row = await app.db
        .selectFrom('notifications')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('county_id', '=', me.countyId)
        .where('user_id', '=', me.id)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { count: row.count };
    },
  );

  app.post<{ Params: IdParams }>(
    '/:id/read',
    {
      config: { policy: 'signedIn' },
      schema: { params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    },
    async (req) => {
      const me = req.auth!.user;
      const row = await app.db
        .selectFrom('notifications')
        .select('user_id')
        .where('county_id', '=', me.countyId)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!row) throw notFound();
      if (row.user_id !== me.id) throw forbidden();
      await app.db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('county_id', '=', me.countyId)
        .where('id', '=', req.params.id)
        .where('read_at', 'is', null)
        .execute();
      return { ok: true };
    },
  );

  app.post(
    '/read-all',
    {
      config: { policy: 'signedIn' },
      schema: { response: { 200: Type.Object({ marked: Type.Integer() }) } },
    },
    async (req) => {
      const me = req.auth!.user;
      const res = await app.db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('county_id', '=', me.countyId)
        .where('user_id', '=', me.id)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return { marked: Number(res.numUpdatedRows) };
    },
  );
}
