import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { labelOf, ROLES } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import { type AuditActor, audit } from '../../platform/audit.js';
import { forgetAuth } from '../../platform/auth/cache.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { loadGrants } from '../../platform/auth/session.js';
import type { AuthContext, RoleGrant } from '../../platform/auth/types.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { type ListParams, likePattern, paginate } from '../../platform/list.js';
import type { Lang } from '../../platform/messages.js';
import { type GrantInput, type GrantView, grantsOfUsers, normalizeGrants, sameGrants } from './grants.js';
import {
  type AccountDomain,
  type AccountFootprint,
  managedAccountsSql,
  managesAccount,
  mayGrant,
  type StaffLink,
  staffInDomain,
} from './policy.js';

/** Everything an account operation needs about its caller. */
export interface AdminContext {
  db: Db;
  auth: AuthContext;
  domain: AccountDomain;
  lang: Lang;
  actor: AuditActor;
}

export interface AccountItem {
  id: number;
  username: string;
  displayName: string;
  staffId: number | null;
  staffName: string | null;
  locale: string;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: GrantView[];
}

export interface AccountListParams extends ListParams {
  q?: string;
  role?: string;
  schoolId?: number;
  disabled?: boolean;
}

export interface AccountCreate {
  username: string;
  displayName: string;
  staffId?: number | null;
  password?: string;
  roles: GrantInput[];
  locale?: 'zh-CN' | 'en';
}

export interface AccountUpdate {
  displayName?: string;
  staffId?: number | null;
  locale?: 'zh-CN' | 'en';
  disabled?: boolean;
  roles?: GrantInput[];
  password?: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const ENTITY = 'user';

function baseQuery(ctx: AdminContext) {
  return ctx.db
    .selectFrom('users as u')
    .leftJoin('staff as st', (j) => j.onRef('st.county_id', '=', 'u.county_id').onRef('st.id', '=', 'u.staff_id'))
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.staff_id',
      'st.name as staff_name',
      'u.locale',
      'u.disabled_at',
      'u.locked_until',
      'u.must_change_password',
      'u.last_login_at',
    ])
    .where('u.county_id', '=', ctx.auth.user.countyId)
    .where(managedAccountsSql(ctx.domain, 'u'));
}
type AccountRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function toItems(ctx: AdminContext, rows: AccountRow[]): Promise<AccountItem[]> {
  const grants = await grantsOfUsers(
    ctx.db,
    ctx.auth.user.countyId,
    rows.map((r) => r.id),
    ctx.lang,
  );
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    staffId: r.staff_id,
    staffName: r.staff_name,
    locale: r.locale,
    disabled: r.disabled_at != null,
    locked: r.locked_until != null && r.locked_until.getTime() > now,
    mustChangePassword: r.must_change_password,
    lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
    roles: grants.get(r.id) ?? [],
  }));
}

/** Accounts the caller manages, filtered and paged in SQL (so `total` counts only those). */
export async function listAccounts(ctx: AdminContext, p: AccountListParams) {
  let q = baseQuery(ctx);
  if (p.role) {
    const role = p.role;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_roles as g')
          .select('g.id')
          .whereRef('g.county_id', '=', 'u.county_id')
          .whereRef('g.user_id', '=', 'u.id')
          .where('g.role', '=', role),
      ),
    );
  }
  if (p.schoolId != null) {
    const schoolId = p.schoolId;
    q = q.where(({ or, eb, exists, selectFrom }) =>
      or([
        eb('st.school_id', '=', schoolId),
        exists(
          selectFrom('user_roles as g')
            .select('g.id')
            .whereRef('g.county_id', '=', 'u.county_id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('g.school_id', '=', schoolId),
        ),
      ]),
    );
  }
  if (p.disabled !== undefined) q = q.where('u.disabled_at', p.disabled ? 'is not' : 'is', null);
  if (p.q?.trim()) {
    const like = likePattern(p.q);
    q = q.where((eb) =>
      eb.or([
        eb('u.username', 'ilike', like),
        eb('u.display_name', 'ilike', like),
        eb('st.name', 'ilike', like),
        eb('st.staff_no', 'ilike', like),
      ]),
    );
  }
  const page = await paginate(
    q,
    p,
    {
      username: 'u.username',
      displayName: 'u.display_name',
      staffName: 'st.name',
      lastLoginAt: 'u.last_login_at',
      createdAt: 'u.created_at',
    },
    'username',
    'u.id',
  );
  return { items: await toItems(ctx, page.items), total: page.total };
}

/** One account the caller manages; 403 when it exists in the county but is not theirs, 404 when it does not. */
export async function getAccount(ctx: AdminContext, id: number): Promise<AccountItem> {
  const row = await baseQuery(ctx).where('u.id', '=', id).executeTakeFirst();
  if (row) return (await toItems(ctx, [row]))[0];
  await loadAccount(ctx.db, ctx.auth.user.countyId, id); // 404 if missing
  throw forbidden();
}

/** The stored account with what the policy needs (grants, staff link) and what the audit log keeps. */
interface AccountRecord extends AccountFootprint {
  id: number;
  username: string;
  displayName: string;
  staffId: number | null;
  locale: string;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  failedLogins: number;
  mustChangePassword: boolean;
  grants: RoleGrant[];
}

async function loadAccount(db: Db, countyId: number, id: number): Promise<AccountRecord> {
  const u = await db
    .selectFrom('users as u')
    .leftJoin('staff as st', (j) => j.onRef('st.county_id', '=', 'u.county_id').onRef('st.id', '=', 'u.staff_id'))
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.staff_id',
      'u.locale',
      'u.disabled_at',
      'u.locked_until',
      'u.failed_logins',
      'u.must_change_password',
      'st.school_id as staff_school_id',
      'st.region_id as staff_region_id',
    ])
    .where('u.county_id', '=', countyId)
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!u) throw notFound();
  const grants = await loadGrants(db, countyId, id);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    staffId: u.staff_id,
    locale: u.locale,
    disabledAt: u.disabled_at,
    lockedUntil: u.locked_until,
    failedLogins: u.failed_logins,
    mustChangePassword: u.must_change_password,
    staff: u.staff_id == null ? null : { schoolId: u.staff_school_id, regionId: u.staff_region_id },
    grants,
  };
}

/** What the audit log keeps of an account: never the password or its hash. */
function snapshot(a: {
  username: string;
  displayName: string;
  staffId: number | null;
  locale: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: RoleGrant[];
}) {
  return {
    username: a.username,
    displayName: a.displayName,
    staffId: a.staffId,
    locale: a.locale,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    roles: a.grants.map((g) => ({ ...g })),
  };
}

async function checkStaff(ctx: AdminContext, staffId: number): Promise<StaffLink> {
  const staff = await ctx.db
    .selectFrom('staff')
    .select(['school_id', 'region_id'])
    .where('county_id', '=', ctx.auth.user.countyId)
    .where('id', '=', staffId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!staff)
    throw new AppError(400, 'validation_failed', 'admin_staff_invalid', { id: staffId }, { field: 'staffId' });
  return { schoolId: staff.school_id, regionId: staff.region_id };
}

/** The caller may hold the account afterwards: every grant theirs to give, the staff link in their units. */
function assertManages(ctx: AdminContext, footprint: AccountFootprint) {
  const d = ctx.domain;
  if (d.all) return;
  const denied = footprint.grants.findIndex((g) => !mayGrant(d, g));
  if (denied >= 0) {
    const g = footprint.grants[denied];
    throw new AppError(
      403,
      'forbidden',
      'admin_grant_forbidden',
      { label: labelOf(ROLES, g.role, ctx.lang) },
      { index: denied, field: 'role' },
    );
  }
  if (footprint.staff && !staffInDomain(d, footprint.staff)) {
    throw new AppError(403, 'forbidden', 'admin_staff_outside_scope', {}, { field: 'staffId' });
  }
  if (!managesAccount(d, footprint)) {
    throw new AppError(400, 'validation_failed', 'admin_account_needs_scope', {}, { field: 'roles' });
  }
}

/**
 * Account writes of a county take turns (a transaction-scoped advisory lock), so two admins cannot each remove
 * one of the last two county administrators at the same moment.
 */
async function lockCountyAccounts(tx: Db, countyId: number) {
  await sql`SELECT pg_advisory_xact_lock(7402, ${countyId}::int)`.execute(tx);
}

/** At least one enabled account must stay 教育局管理员 of the county itself. */
async function assertCountyAdminRemains(tx: Db, countyId: number) {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM users u
    WHERE u.county_id = ${countyId} AND u.disabled_at IS NULL
      AND EXISTS (SELECT 1 FROM user_roles g WHERE g.county_id = u.county_id AND g.user_id = u.id
                  AND g.role = 'bureau_admin' AND g.region_id = ${countyId})`.execute(tx);
  if ((row.rows[0]?.n ?? 0) === 0) throw new AppError(409, 'conflict', 'admin_last_admin');
}

async function assertUsernameFree(tx: Db, username: string) {
  const taken = await tx
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (taken) throw new AppError(409, 'conflict', 'admin_username_taken', { username }, { field: 'username' });
}

async function assertStaffFree(tx: Db, countyId: number, staffId: number, selfId?: number) {
  const holder = await tx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('county_id', '=', countyId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (holder && holder.id !== selfId) {
    throw new AppError(409, 'conflict', 'admin_staff_taken', { username: holder.username }, { field: 'staffId' });
  }
}

async function insertGrants(tx: Db, countyId: number, userId: number, grants: RoleGrant[]) {
  if (grants.length === 0) return;
  await tx
    .insertInto('user_roles')
    .values(
      grants.map((g) => ({
        county_id: countyId,
        user_id: userId,
        role: g.role,
        region_id: g.regionId,
        school_id: g.schoolId,
        grade_level: g.gradeLevel,
        subject_id: g.subjectId,
      })),
    )
    .execute();
}

async function endSessions(tx: Db, countyId: number, userId: number) {
  await tx.deleteFrom('sessions').where('county_id', '=', countyId).where('user_id', '=', userId).execute();
  forgetAuth(countyId, userId);
}

function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new AppError(400, 'bad_request', `password_${problem}`, {}, { field: 'password' });
}

function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed)
    throw new AppError(400, 'validation_failed', 'admin_display_name_required', {}, { field: 'displayName' });
  return trimmed;
}

/**
 * A password for a new account, shown once: 12 characters from letters and digits that cannot be mistaken for
 * one another on paper (no 0/O, 1/l/I), always with both letters and digits, so it meets passwordProblem.
 */
export function generatePassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    let p = '';
    for (let i = 0; i < 12; i++) p += all[randomInt(all.length)];
    if (passwordProblem(p) === null) return p;
  }
}

export async function createAccount(
  ctx: AdminContext,
  input: AccountCreate,
): Promise<{ item: AccountItem; initialPassword?: string }> {
  const countyId = ctx.auth.user.countyId;
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    throw new AppError(400, 'validation_failed', 'admin_username_invalid', {}, { field: 'username' });
  }
  const displayName = checkDisplayName(input.displayName);
  const grants = await normalizeGrants(ctx.db, countyId, input.roles, ctx.lang);
  const staff = input.staffId == null ? null : await checkStaff(ctx, input.staffId);
  assertManages(ctx, { grants, staff });
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  checkPassword(password);
  const passwordHash = await hashPassword(password);

  const id = await ctx.db.transaction().execute(async (tx) => {
    await lockCountyAccounts(tx, countyId);
    await assertUsernameFree(tx, username);
    if (input.staffId != null) await assertStaffFree(tx, countyId, input.staffId);
    const row = await tx
      .insertInto('users')
      .values({
        county_id: countyId,
        username,
        display_name: displayName,
        staff_id: input.staffId ?? null,
        password_hash: passwordHash,
        // Whoever knows a password the administrator set is not only its owner: the owner picks their own.
        must_change_password: true,
        locale: input.locale ?? 'zh-CN',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        // Usernames are unique across counties, and another county's admin may take one at the same moment.
        if ((err as { constraint?: string }).constraint === 'users_username') {
          throw new AppError(409, 'conflict', 'admin_username_taken', { username }, { field: 'username' });
        }
        throw err;
      });
    await insertGrants(tx, countyId, row.id, grants);
    await audit(tx, ctx.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      after: snapshot({
        username,
        displayName,
        staffId: input.staffId ?? null,
        locale: input.locale ?? 'zh-CN',
        disabled: false,
        mustChangePassword: true,
        grants,
      }),
      summary: `创建账号 ${username}（${displayName}）${generated ? '，生成初始密码' : ''}`,
    });
    return row.id;
  });
  return { item: await getAccount(ctx, id), initialPassword: generated };
}

export async function updateAccount(ctx: AdminContext, id: number, input: AccountUpdate): Promise<AccountItem> {
  const countyId = ctx.auth.user.countyId;
  const before = await loadAccount(ctx.db, countyId, id);
  if (!managesAccount(ctx.domain, before)) throw forbidden();
  const self = id === ctx.auth.user.id;
  if (self && input.disabled === true) throw badRequest('admin_cannot_disable_self');
  if (self && input.password !== undefined) throw badRequest('admin_own_password');

  const displayName = input.displayName === undefined ? before.displayName : checkDisplayName(input.displayName);
  const grants =
    input.roles === undefined ? before.grants : await normalizeGrants(ctx.db, countyId, input.roles, ctx.lang);
  const staffId = input.staffId === undefined ? before.staffId : input.staffId;
  const staff =
    input.staffId === undefined ? before.staff : input.staffId === null ? null : await checkStaff(ctx, input.staffId);
  assertManages(ctx, { grants, staff });
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    checkPassword(input.password);
    passwordHash = await hashPassword(input.password);
  }
  const disabled = input.disabled ?? before.disabledAt != null;
  const locale = input.locale ?? before.locale;
  const rolesChanged = !sameGrants(before.grants, grants);
  const disabling = disabled && before.disabledAt == null;
  const mustChangePassword = passwordHash ? true : before.mustChangePassword;

  const changes: string[] = [];
  if (displayName !== before.displayName) changes.push('姓名');
  if (staffId !== before.staffId) changes.push('关联教职工');
  if (locale !== before.locale) changes.push('语言');
  if (disabled !== (before.disabledAt != null)) changes.push(disabled ? '停用' : '启用');
  if (rolesChanged) changes.push('角色');
  if (passwordHash) changes.push('重置密码');

  if (changes.length === 0) return getAccount(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await lockCountyAccounts(tx, countyId);
    if (staffId != null && staffId !== before.staffId) await assertStaffFree(tx, countyId, staffId, id);
    await tx
      .updateTable('users')
      .set({
        // only what changed, so two admins editing different fields of one account do not undo each other
        ...(displayName !== before.displayName ? { display_name: displayName } : {}),
        ...(staffId !== before.staffId ? { staff_id: staffId } : {}),
        ...(locale !== before.locale ? { locale } : {}),
        ...(disabled !== (before.disabledAt != null) ? { disabled_at: disabled ? new Date() : null } : {}),
        // A reset restores access: it also lifts a lockout the forgotten password may have caused.
        ...(passwordHash
          ? { password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null }
          : {}),
        updated_at: new Date(),
      })
      .where('county_id', '=', countyId)
      .where('id', '=', id)
      .execute();
    if (rolesChanged) {
      await tx.deleteFrom('user_roles').where('county_id', '=', countyId).where('user_id', '=', id).execute();
      await insertGrants(tx, countyId, id, grants);
    }
    // A disabled account and a reset password end every session of the account at once.
    if (disabling || passwordHash) await endSessions(tx, countyId, id);
    if (rolesChanged || disabling) await assertCountyAdminRemains(tx, countyId);
    const common = { username: before.username };
    await audit(tx, ctx.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      before: {
        ...snapshot({ ...common, ...before, disabled: before.disabledAt != null }),
        ...(passwordHash ? { passwordReset: false } : {}),
      },
      after: {
        ...snapshot({ ...common, displayName, staffId, locale, disabled, mustChangePassword, grants }),
        ...(passwordHash ? { passwordReset: true } : {}),
      },
      summary: `修改账号 ${before.username}：${changes.join('、')}`,
    });
  });
  // New grants, a disable or a reset take effect on this node's next request, not after the cache's TTL.
  forgetAuth(countyId, id);
  return getAccount(ctx, id);
}

/** Clears a lockout (and the count of wrong passwords towards the next one). */
export async function unlockAccount(ctx: AdminContext, id: number): Promise<AccountItem> {
  const countyId = ctx.auth.user.countyId;
  const before = await loadAccount(ctx.db, countyId, id);
  if (!managesAccount(ctx.domain, before)) throw forbidden();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0, updated_at: new Date() })
      .where('county_id', '=', countyId)
      .where('id', '=', id)
      .execute();
    await audit(tx, ctx.actor, {
      action: 'unlock',
      entity: ENTITY,
      entityId: id,
      before: { lockedUntil: before.lockedUntil?.toISOString() ?? null, failedLogins: before.failedLogins },
      after: { lockedUntil: null, failedLogins: 0 },
      summary: `解锁账号 ${before.username}`,
    });
  });
  return getAccount(ctx, id);
}
