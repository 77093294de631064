import type { Transaction } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/types.js';
import { type Recipient, resolveRecipients } from './recipients.js';

export interface Notification {
  countyId: number;
  recipients: Recipient[];
  /** Module and event, e.g. 'inspections.escalation'. */
  kind: string;
  title: string;
  body?: string;
  /** A path in the web app the message opens. */
  link?: string | null;
  /** A user gets at most one message per key (e.g. 'insp:problem:12:bureau:2026-11-20'): re-runs send nothing. */
  dedupeKey?: string | null;
}

/**
 * Stores one message per recipient user. Call it with the transaction of the event that causes it, so the message
 * exists exactly when the event does. Returns how many users got a new message (already-delivered keys count 0).
 */
export async function notify(trx: Transaction<Database> | Db, n: Notification): Promise<number> {
  const users = await resolveRecipients(trx, n.countyId, n.recipients);
  if (users.length === 0) return 0;
  const rows = await trx
    .insertInto('notifications')
    .values(
      users.map((userId) => ({
        county_id: n.countyId,
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        dedupe_key: n.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['county_id', 'user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .execute();
  return rows.length;
}
