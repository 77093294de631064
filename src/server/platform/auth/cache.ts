import { forgetCounts } from '../count-cache.js';
import type { AuthContext } from './types.js';

/**
 * A short-lived in-process cache of resolved sessions (user, grants and scope), keyed by the session token's hash.
 * Without it every request costs about ten queries before its own work (session, user, grants, scope expansion),
 * which dominated list latency under load. Entries live AUTH_CACHE_TTL_MS: a change made elsewhere (another app
 * node disabling a user, a new teaching assignment) is seen within that time; this node forgets a user's entries at
 * once when it ends their sessions (sign-out, password change, disable, reset).
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

const entries = new Map<string, { auth: AuthContext; expires: number }>();

export function cachedAuth(tokenHash: string): AuthContext | undefined {
  const hit = entries.get(tokenHash);
  if (!hit) return undefined;
  if (hit.expires < Date.now()) {
    entries.delete(tokenHash);
    return undefined;
  }
  return hit.auth;
}

export function rememberAuth(auth: AuthContext): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(auth.tokenHash, { auth, expires: Date.now() + AUTH_CACHE_TTL_MS });
}

/** Forgets the cached sessions of one user (all of them when userId is omitted). */
export function forgetAuth(countyId: number, userId?: number): void {
  for (const [key, { auth }] of entries) {
    if (auth.user.countyId === countyId && (userId === undefined || auth.user.id === userId)) entries.delete(key);
  }
}

export function forgetToken(tokenHash: string): void {
  entries.delete(tokenHash);
}

/**
 * Data of a county changed (a write this node served, an import it committed): cached scopes of the county's users
 * and cached list totals are dropped, so the next request sees the change.
 */
export function dataChanged(countyId: number): void {
  forgetAuth(countyId);
  forgetCounts();
}
