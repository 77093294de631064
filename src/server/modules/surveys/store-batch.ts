import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { todayInChina } from '../org/shared.js';
import { storeSubmission } from './public.js';

/**
 * Many submissions in one statement (the public endpoint batches concurrent ones, batcher.ts), with the guarantees
 * of the single path (public.ts storeSubmission): per submission, the token is marked used, the receipt and the
 * answer are inserted — or nothing is. The statement skips submissions whose nonce was received before (a retry:
 * "duplicate") and those whose code is already used; a nonce that arrives twice at the same moment makes the
 * receipt's key fail, the statement rolls back whole, and the batch is stored one by one instead.
 */
export interface Submission {
  countyId: number;
  campaignId: number;
  unitId: number;
  schoolId: number;
  classId: number | null;
  nonce: string;
  answers: Record<string, unknown>;
  tokenHash?: string;
}
export type Stored = 'stored' | 'duplicate' | 'token_used';

export async function storeBatch(db: Db, items: Submission[]): Promise<Stored[]> {
  if (items.length === 1) {
    const s = items[0];
    return [await storeSubmission(db, s, s.nonce, s.answers, s.tokenHash)];
  }
  const input = JSON.stringify(
    items.map((s, i) => ({
      i,
      nonce: s.nonce,
      county_id: s.countyId,
      campaign_id: s.campaignId,
      unit_id: s.unitId,
      school_id: s.schoolId,
      class_id: s.classId,
      answers: s.answers,
      token: s.tokenHash ?? null,
    })),
  );
  const today = todayInChina();
  try {
    const { rows } = await sql<{ stored: number[] | null; seen: number[] | null }>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(i int, nonce uuid, county_id bigint, campaign_id bigint,
          unit_id bigint, school_id bigint, class_id bigint, answers jsonb, token text)),
      seen AS (SELECT input.i FROM input JOIN survey_receipts r ON r.nonce = input.nonce),
      fresh AS (SELECT * FROM input WHERE i NOT IN (SELECT i FROM seen)),
      t AS (UPDATE survey_tokens st SET used = true FROM fresh
            WHERE fresh.token IS NOT NULL AND st.code_hash = fresh.token AND st.county_id = fresh.county_id AND NOT st.used
            RETURNING fresh.i),
      ok AS (SELECT i FROM fresh WHERE token IS NULL UNION ALL SELECT i FROM t),
      r AS (INSERT INTO survey_receipts (nonce, county_id, received_on)
            SELECT fresh.nonce, fresh.county_id, ${today}::date FROM fresh JOIN ok USING (i) RETURNING nonce),
      a AS (INSERT INTO survey_responses (county_id, campaign_id, unit_id, school_id, class_id, answers, submitted_on)
            SELECT fresh.county_id, fresh.campaign_id, fresh.unit_id, fresh.school_id, fresh.class_id, fresh.answers, ${today}::date
            FROM fresh JOIN ok USING (i) JOIN r USING (nonce) RETURNING 1)
      SELECT (SELECT array_agg(i) FROM ok) AS stored, (SELECT array_agg(i) FROM seen) AS seen, (SELECT count(*) FROM a) AS n`.execute(
      db,
    );
    const stored = new Set(rows[0].stored ?? []);
    const seen = new Set(rows[0].seen ?? []);
    // The same submission twice in one batch (a retry racing its original): one is stored, the other is its duplicate.
    const storedNonces = new Set(items.filter((_, i) => stored.has(i)).map((s) => s.nonce));
    return items.map((s, i) =>
      stored.has(i) ? 'stored' : seen.has(i) || storedNonces.has(s.nonce) ? 'duplicate' : 'token_used',
    );
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    const out: Stored[] = [];
    for (const s of items) out.push(await storeSubmission(db, s, s.nonce, s.answers, s.tokenHash));
    return out;
  }
}
