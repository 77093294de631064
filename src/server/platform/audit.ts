import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

export interface AuditActor {
  countyId: number;
  userId: number | null;
  username: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: 'create' | 'update' | 'archive' | 'delete' | 'import' | 'export' | 'login' | 'logout' | string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  summary?: string;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the change and its record
 * commit or roll back together. For updates, only changed fields are kept in before/after.
 */
export async function audit(db: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const [before, after] =
    entry.action === 'update' ? changedFields(entry.before, entry.after) : [entry.before, entry.after];
  await db
    .insertInto('audit_log')
    .values({
      county_id: actor.countyId,
      user_id: actor.userId,
      username: actor.username,
      ip: actor.ip ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before: before == null ? null : JSON.stringify(before),
      after: after == null ? null : JSON.stringify(after),
      summary: entry.summary ?? null,
    })
    .execute();
  if (!READ_ONLY_ACTIONS.has(entry.action)) for (const hook of writeHooks) await hook(db, actor.countyId, entry);
}

/** Audited actions that change nothing (an export, a sign-in): they do not run the write hooks. */
const READ_ONLY_ACTIONS = new Set(['export', 'login', 'logout', 'read', 'view']);

type WriteHook = (db: Kysely<Database>, countyId: number, entry: AuditEntry) => Promise<void>;
const writeHooks = new Set<WriteHook>();

/**
 * Runs `hook` in the transaction of every audited write (every write is audited, so this sees them all) — how a
 * module learns that data it derives from changed without every writer knowing about it. Registering the same
 * function twice keeps one.
 */
export function onAuditedWrite(hook: WriteHook): void {
  writeHooks.add(hook);
}

/** Keeps only the keys whose values differ (compared as JSON). */
export function changedFields(
  before: unknown,
  after: unknown,
): [Record<string, unknown> | null, Record<string, unknown> | null] {
  if (!isObject(before) || !isObject(after)) return [before as never, after as never];
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updated_at' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return [b, a];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
