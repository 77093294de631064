import { sql } from 'kysely';
import { labelOf, ROLES } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { forgetAuth } from '../../platform/auth/cache.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { createSession } from '../../platform/auth/session.js';
import type { AuthContext, SessionUser } from '../../platform/auth/types.js';
import { AppError, badRequest, unauthenticated } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { adminPolicy } from '../admin/policy.js';
import { orgPolicy } from '../org/policy.js';

/**
 * Sign-in with two brakes: per account, N wrong passwords lock it for M minutes (both settings); per source
 * address, too many failures in a window answer 429 whatever the username, so guessing across accounts is slow.
 */
export async function login(db: Db, username: string, password: string, ip: string) {
  const limit = await getSetting(db, null, 'security.loginRateLimit');
  const recent = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('at', '>', new Date(Date.now() - limit.windowMinutes * 60_000))
    .executeTakeFirstOrThrow();
  if (recent.n >= limit.failures) throw new AppError(429, 'rate_limited');

  const user = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const fail = async () => {
    await db.insertInto('login_attempts').values({ username, ip, success: false }).execute();
  };
  if (!user) {
    await verifyPassword(await dummyHash(), password); // same time as a real check: no username probing by timing
    await fail();
    throw unauthenticated('bad_credentials');
  }
  if (user.disabled_at) throw new AppError(403, 'forbidden', 'disabled');
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    throw new AppError(423, 'locked', 'locked', { minutes });
  }
  const ok = await verifyPassword(user.password_hash, password);
  const actor = { countyId: user.county_id, userId: user.id, username: user.username, ip };
  if (!ok) {
    const lockout = await getSetting(db, user.county_id, 'security.lockout');
    const failures = user.failed_logins + 1;
    const lock = failures >= lockout.failures;
    await db
      .updateTable('users')
      .set({
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(Date.now() + lockout.minutes * 60_000) : user.locked_until,
      })
      .where('county_id', '=', user.county_id)
      .where('id', '=', user.id)
      .execute();
    await fail();
    if (lock) {
      await audit(db, actor, {
        action: 'lock',
        entity: 'user',
        entityId: user.id,
        summary: `${failures} 次密码错误，账号锁定`,
      });
      throw new AppError(423, 'locked', 'locked', { minutes: lockout.minutes });
    }
    throw unauthenticated('bad_credentials');
  }
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
    .where('county_id', '=', user.county_id)
    .where('id', '=', user.id)
    .execute();
  await db.insertInto('login_attempts').values({ username, ip, success: true }).execute();
  await audit(db, actor, { action: 'login', entity: 'user', entityId: user.id });
  return { user, ...(await createSession(db, user.county_id, user.id)) };
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(globalThis.crypto.randomUUID());
  return dummy;
}

export async function changePassword(db: Db, user: SessionUser, oldPassword: string, newPassword: string, ip: string) {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('county_id', '=', user.countyId)
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, oldPassword))) throw badRequest('password_wrong');
  const problem = passwordProblem(newPassword);
  if (problem) throw badRequest(`password_${problem}`);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: await hashPassword(newPassword), must_change_password: false, updated_at: new Date() })
      .where('county_id', '=', user.countyId)
      .where('id', '=', user.id)
      .execute();
    await audit(
      tx,
      { countyId: user.countyId, userId: user.id, username: user.username, ip },
      {
        action: 'password',
        entity: 'user',
        entityId: user.id,
        summary: '修改密码',
      },
    );
  });
  forgetAuth(user.countyId, user.id);
}

/**
 * What the web app may offer this user (it hides what the server would refuse; the server still checks).
 * The same policy functions the routes ask.
 */
export function permissionsOf(auth: AuthContext) {
  return {
    manageCounty: orgPolicy.manageCounty(auth),
    manageSchoolIds: auth.scope.manageSchools === 'all' ? null : auth.scope.manageSchools,
    manageAnySchool: orgPolicy.manageSomeSchool(auth),
    manageAccounts: adminPolicy.manageAccounts(auth),
    readAudit: adminPolicy.readAudit(auth),
  };
}

/** The user as the web app sees it. */
export async function publicUser(db: Db, auth: AuthContext) {
  const { user } = auth;
  const classIds = auth.scope.classIds;
  const county = await db.selectFrom('regions').select('name').where('id', '=', user.countyId).executeTakeFirst();
  const isHeadTeacher =
    user.staffId != null &&
    classIds.length > 0 &&
    !!(await db
      .selectFrom('classes')
      .select('id')
      .where('county_id', '=', user.countyId)
      .where('head_teacher_id', '=', user.staffId)
      .where('id', 'in', classIds)
      .executeTakeFirst());
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    countyId: user.countyId,
    countyName: county?.name ?? '',
    locale: user.locale,
    mustChangePassword: user.mustChangePassword,
    staffId: user.staffId,
    roles: user.roles.map((r) => ({ ...r, label: labelOf(ROLES, r.role, user.locale === 'en' ? 'en' : 'zh') })),
    isHeadTeacher,
    isTeacher: classIds.length > 0,
    permissions: permissionsOf(auth),
  };
}
