import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../../platform/audit.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { destroySession, loadUser, SESSION_COOKIE, SESSION_TTL_MS } from '../../platform/auth/session.js';
import { actorOf, authOf } from '../../platform/http.js';
import { changePassword, login, publicUser } from './service.js';

const RoleGrant = Type.Object({
  role: Type.String(),
  regionId: Type.Union([Type.Integer(), Type.Null()]),
  schoolId: Type.Union([Type.Integer(), Type.Null()]),
  gradeLevel: Type.Union([Type.Integer(), Type.Null()]),
  subjectId: Type.Union([Type.Integer(), Type.Null()]),
  label: Type.String(),
});
const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  countyId: Type.Integer(),
  countyName: Type.String(),
  locale: Type.String(),
  mustChangePassword: Type.Boolean(),
  staffId: Type.Union([Type.Integer(), Type.Null()]),
  roles: Type.Array(RoleGrant),
  isHeadTeacher: Type.Boolean(),
  isTeacher: Type.Boolean(),
  permissions: Type.Object({
    manageCounty: Type.Boolean(),
    /** null: every school of the county. */
    manageSchoolIds: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
    manageAnySchool: Type.Boolean(),
    manageAccounts: Type.Boolean(),
    readAudit: Type.Boolean(),
  }),
});
const Me = Type.Object({ user: User, csrfToken: Type.String() });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const secure = process.env.TISHENG_SECURE_COOKIES === '1';

  app.post(
    '/login',
    {
      config: { policy: 'public', noCsrf: true },
      schema: {
        tags: ['auth'],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as { username: string; password: string };
      const result = await login(app.db, username, password, req.ip);
      // A session left from an earlier sign-in on this browser ends: login always rotates the session.
      const old = req.cookies[SESSION_COOKIE];
      if (old && req.auth) await destroySession(app.db, req.auth.tokenHash);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: SESSION_TTL_MS / 1000,
      });
      const user = (await loadUser(app.db, result.user.county_id, result.user.id))!;
      const scope = await resolveScope(app.db, user);
      const auth = { user, scope, csrfToken: result.csrfToken, tokenHash: '' };
      return { user: await publicUser(app.db, auth), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/logout',
    {
      config: { policy: 'signedIn' },
      schema: { tags: ['auth'], response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await destroySession(app.db, auth.tokenHash);
      await audit(
        app.db,
        { countyId: auth.user.countyId, userId: auth.user.id, username: auth.user.username, ip: req.ip },
        {
          action: 'logout',
          entity: 'user',
          entityId: auth.user.id,
        },
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get('/me', { config: { policy: 'signedIn' }, schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
    const auth = authOf(req);
    return { user: await publicUser(app.db, auth), csrfToken: auth.csrfToken };
  });

  app.patch(
    '/me',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) }),
        response: { 200: Type.Object({ user: User }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { locale } = req.body as { locale: 'zh-CN' | 'en' };
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ locale, updated_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', auth.user.id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'user',
          entityId: auth.user.id,
          before: { locale: auth.user.locale },
          after: { locale },
        });
      });
      return { user: await publicUser(app.db, { ...auth, user: { ...auth.user, locale } }) };
    },
  );

  app.post(
    '/password',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags: ['auth'],
        body: Type.Object({
          oldPassword: Type.String({ maxLength: 200 }),
          newPassword: Type.String({ maxLength: 200 }),
        }),
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    async (req) => {
      const { oldPassword, newPassword } = req.body as { oldPassword: string; newPassword: string };
      await changePassword(app.db, authOf(req).user, oldPassword, newPassword, req.ip);
      return { ok: true };
    },
  );
}
