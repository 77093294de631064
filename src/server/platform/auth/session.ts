import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/pool.js';
import { forgetToken } from './cache.js';
import type { RoleGrant, SessionUser } from './types.js';

export const SESSION_COOKIE = 'tisheng_session';
/** Sessions last 12 hours from the last request (a school day plus the evening); data, not a secret. */
export const SESSION_TTL_MS = 12 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session (a new random token: login rotates it) and returns the cookie token and CSRF token. */
export async function createSession(db: Db, countyId: number, userId: number) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      county_id: countyId,
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + SESSION_TTL_MS),
    })
    .execute();
  return { token, csrfToken };
}

export async function destroySession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  forgetToken(tokenHash);
}

/** Loads the session and its user; slides the expiry at most once a minute to keep writes rare. */
export async function loadSession(db: Db, token: string) {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.county_id', '=', 's.county_id').onRef('u.id', '=', 's.user_id'))
    .select([
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.county_id',
      'u.locale',
      'u.staff_id',
      'u.must_change_password',
      'u.disabled_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at.getTime() < Date.now()) return null;
  if (Date.now() - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_TTL_MS) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const user = await loadUser(db, row.county_id, row.id);
  return user ? { user, csrfToken: row.csrf_token, tokenHash } : null;
}

export async function loadUser(db: Db, countyId: number, userId: number): Promise<SessionUser | null> {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) return null;
  const roles = await loadGrants(db, countyId, userId);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    countyId: u.county_id,
    locale: u.locale,
    staffId: u.staff_id,
    mustChangePassword: u.must_change_password,
    roles,
  };
}

/** A user's granted roles with their scopes, in the order they were granted. */
export async function loadGrants(db: Db, countyId: number, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select(['role', 'region_id', 'school_id', 'grade_level', 'subject_id'])
    .where('county_id', '=', countyId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    role: r.role as RoleGrant['role'],
    regionId: r.region_id,
    schoolId: r.school_id,
    gradeLevel: r.grade_level,
    subjectId: r.subject_id,
  }));
}
