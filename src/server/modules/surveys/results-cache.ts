import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';

/**
 * Computed campaign results kept in memory, per node, so the results page (polled while a campaign runs, and
 * recomputed for the previous campaign's change column) does not recompute the engine over every answer on each
 * request. An entry is valid for one version of the campaign's answers: the count and the highest id of its
 * responses (answers are only ever inserted, so any new answer — from this node or another — changes the version
 * and the next request recomputes). The key also holds who asks (the units they see) and the options, so a cached
 * result is only ever served to a caller who would have computed exactly the same one.
 */
const MAX_ENTRIES = 64;
const entries = new Map<string, { version: string; value: unknown }>();

/** The version of a campaign's answers: "count:max id" (an index-only count over survey_responses_campaign). */
export async function answersVersion(db: Db, countyId: number, campaignId: number): Promise<string> {
  const { rows } = await sql<{ n: number; m: string | null }>`
    SELECT count(*)::int AS n, max(id)::text AS m FROM survey_responses
    WHERE county_id = ${countyId} AND campaign_id = ${campaignId}`.execute(db);
  return `${rows[0].n}:${rows[0].m ?? 0}`;
}

export function cached<T>(key: string, version: string): T | undefined {
  const e = entries.get(key);
  if (!e || e.version !== version) return undefined;
  // Most recently used last (Map keeps insertion order), so the oldest entry is evicted first.
  entries.delete(key);
  entries.set(key, e);
  return e.value as T;
}

export function remember(key: string, version: string, value: unknown): void {
  entries.delete(key);
  entries.set(key, { version, value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}
