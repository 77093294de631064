import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { actorOf, authOf } from '../../platform/http.js';
import { ListQuery, listOf } from '../../platform/list.js';
import { type AuditQuery, listAudit } from './audit-log.js';
import { calendarRoutes } from './calendar.js';
import { adminPolicy, resolveAccountDomain } from './policy.js';
import {
  type AccountCreate,
  type AccountListParams,
  type AccountUpdate,
  type AdminContext,
  createAccount,
  getAccount,
  listAccounts,
  unlockAccount,
  updateAccount,
} from './users.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IdRef = Type.Integer({ minimum: 1 });
const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

/** A grant as sent: scope fields that do not apply to the role may be left out (extra fields, e.g. label, are ignored). */
const GrantIn = Type.Object({
  role: Type.String({ maxLength: 40 }),
  regionId: Type.Optional(Nullable(IdRef)),
  schoolId: Type.Optional(Nullable(IdRef)),
  gradeLevel: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
  subjectId: Type.Optional(Nullable(IdRef)),
});
const GrantOut = Type.Object({
  role: Type.String(),
  regionId: Nullable(Type.Integer()),
  schoolId: Nullable(Type.Integer()),
  gradeLevel: Nullable(Type.Integer()),
  subjectId: Nullable(Type.Integer()),
  label: Type.String(),
  scopeName: Type.String(),
});
const Account = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String()),
  locale: Type.String(),
  disabled: Type.Boolean(),
  locked: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  roles: Type.Array(GrantOut),
});
const Username = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    '3–32 letters, digits, _ . - ; unique case-insensitively (checked with a message in the user’s language)',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 40 });
const Password = Type.String({ maxLength: 200, description: 'at least 8 characters with letters and digits' });
const Grants = Type.Array(GrantIn, { maxItems: 100 });

const AccountCreateBody = Type.Object({
  username: Username,
  displayName: DisplayName,
  staffId: Type.Optional(Nullable(IdRef)),
  password: Type.Optional(Password),
  roles: Grants,
  locale: Type.Optional(Locale),
});
const AccountUpdateBody = Type.Object({
  displayName: Type.Optional(DisplayName),
  staffId: Type.Optional(Nullable(IdRef)),
  locale: Type.Optional(Locale),
  disabled: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Grants),
  password: Type.Optional(Password),
});
const Created = Type.Object({
  ...Account.properties,
  initialPassword: Type.Optional(Type.String({ description: 'the generated password, shown this once' })),
});
const AccountFilters = Type.Object({
  ...ListQuery,
  role: Type.Optional(Type.String({ maxLength: 40 })),
  schoolId: Type.Optional(IdRef),
  disabled: Type.Optional(Type.Boolean()),
});
const IdParams = Type.Object({ id: IdRef });

const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  userId: Nullable(Type.Integer()),
  username: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
});
const AuditFilters = Type.Object({
  page: ListQuery.page,
  pageSize: ListQuery.pageSize,
  q: ListQuery.q,
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  action: Type.Optional(Type.String({ maxLength: 40 })),
  userId: Type.Optional(IdRef),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (China time) or an ISO date-time' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (whole day included) or an ISO date-time' })),
});

/** Accounts and the audit log under /api/v1/admin. Which accounts a caller manages: see policy.ts. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin'];
  const manage = { policy: adminPolicy.manageAccounts };

  async function context(req: FastifyRequest): Promise<AdminContext> {
    const auth = authOf(req);
    return { db: app.db, auth, domain: await resolveAccountDomain(app.db, auth), lang: req.lang, actor: actorOf(req) };
  }
  const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

  app.get(
    '/users',
    { config: manage, schema: { tags, querystring: AccountFilters, response: { 200: listOf(Account) } } },
    async (req) => listAccounts(await context(req), req.query as AccountListParams),
  );

  app.get(
    '/users/:id',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Account } } },
    async (req) => getAccount(await context(req), idOf(req)),
  );

  app.post(
    '/users',
    { config: manage, schema: { tags, body: AccountCreateBody, response: { 200: Created } } },
    async (req) => {
      const { item, initialPassword } = await createAccount(await context(req), req.body as AccountCreate);
      return initialPassword === undefined ? item : { ...item, initialPassword };
    },
  );

  app.patch(
    '/users/:id',
    { config: manage, schema: { tags, params: IdParams, body: AccountUpdateBody, response: { 200: Account } } },
    async (req) => updateAccount(await context(req), idOf(req), req.body as AccountUpdate),
  );

  app.post(
    '/users/:id/unlock',
    { config: manage, schema: { tags, params: IdParams, response: { 200: Account } } },
    async (req) => unlockAccount(await context(req), idOf(req)),
  );

  app.get(
    '/audit',
    {
      config: { policy: adminPolicy.readAudit },
      schema: { tags, querystring: AuditFilters, response: { 200: listOf(AuditItem) } },
    },
    async (req) => listAudit(app.db, authOf(req).user.countyId, req.query as AuditQuery),
  );

  await calendarRoutes(app);
}
