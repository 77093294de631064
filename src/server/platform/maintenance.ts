import { sql } from 'kysely';
import type { Db } from '../db/pool.js';

/**
 * Housekeeping of tables that only grow: sessions past their expiry and sign-in attempts older than a day (the
 * rate limit looks back minutes, the audit log keeps what matters). Runs on every node every few minutes; the
 * statements are idempotent, so nodes running them at once do no harm.
 */
export const MAINTENANCE_EVERY_MS = 10 * 60_000;

export async function runMaintenance(db: Db): Promise<{ sessions: number; attempts: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
  const attempts = await db
    .deleteFrom('login_attempts')
    .where('at', '<', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}

/** Starts the periodic housekeeping; returns a function that stops it. */
export function startMaintenance(db: Db, onError: (err: unknown) => void): () => void {
  const run = () => runMaintenance(db).catch(onError);
  void run();
  const timer = setInterval(run, MAINTENANCE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
