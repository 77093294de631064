import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import {
  CASE_ACTION_LABELS,
  CASE_CATEGORIES,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseState,
} from '../../../common/surveys/cases.js';
import { describeProblem, type SurveyDefinition, submissionProblems } from '../../../common/surveys/definition.js';
import type { Answer } from '../../../common/surveys/types.js';
import type { Db } from '../../db/pool.js';
import { todayInChina } from '../org/shared.js';
import { Batcher } from './batcher.js';
import { createCase } from './cases.js';
import { hashCode, normalizeCode } from './codes.js';
import { PUBLIC_MESSAGES, type PublicMessage } from './messages.js';
import { PUBLIC_LIMITS, WindowLimiter } from './rate-limit.js';
import { type Stored, type Submission, storeBatch } from './store-batch.js';

/**
 * The public answer endpoints (policy 'public': no account). A family opens the form with its class's open-link
 * code (`c`) or its single-use roster code (`t`) and submits once.
 *
 * One submission is one SQL statement, so it is stored whole or not at all:
 * - roster code: mark the token used (only if unused) → insert the receipt → insert the answer, each step fed by
 *   the one before; a reused code changes nothing, a repeated nonce aborts the statement on the receipt's key;
 * - open link: insert the receipt (the page's random nonce) → insert the answer.
 * A retry of a submission whose answer was lost on the way back finds its receipt and is told "already received",
 * never stored twice. Nothing identifying is written: no account, IP, user agent or code next to the answer.
 */
const LoadQuery = Type.Object({
  c: Type.Optional(Type.String({ maxLength: 40 })),
  t: Type.Optional(Type.String({ maxLength: 40 })),
});
const SubmitBody = Type.Object({
  c: Type.Optional(Type.String({ maxLength: 40 })),
  t: Type.Optional(Type.String({ maxLength: 40 })),
  nonce: Type.String({ format: 'uuid' }),
  answers: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 200 }),
});

/** What the server knows of a unit the public page points at (cached: the hot path reads no campaign row). */
interface UnitInfo {
  countyId: number;
  unitId: number;
  campaignId: number;
  schoolId: number;
  classId: number | null;
  name: string;
  campaignTitle: string;
  mode: string;
  definition: SurveyDefinition;
  opensAt: number;
  closesAt: number;
}

/** Units by link code and by id, kept for a short while (a campaign's close time may be moved). */
const CACHE_MS = 10_000;
class UnitCache {
  private byKey = new Map<string, { at: number; info: UnitInfo | null }>();
  async get(db: Db, key: { code?: string; unitId?: number; countyId?: number }): Promise<UnitInfo | null> {
    const k = key.code ? `c:${key.code}` : `u:${key.countyId}:${key.unitId}`;
    const hit = this.byKey.get(k);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.info;
    let q = db
      .selectFrom('survey_units as u')
      .innerJoin('survey_campaigns as c', (j) =>
        j.onRef('c.county_id', '=', 'u.county_id').onRef('c.id', '=', 'u.campaign_id'),
      )
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'u.county_id').onRef('s.id', '=', 'u.school_id'))
      .leftJoin('classes as cl', (j) => j.onRef('cl.county_id', '=', 'u.county_id').onRef('cl.id', '=', 'u.class_id'))
      .select([
        'u.county_id as countyId',
        'u.id as unitId',
        'u.campaign_id as campaignId',
        'u.school_id as schoolId',
        'u.class_id as classId',
        's.name as schoolName',
        'cl.name as className',
        'c.title as campaignTitle',
        'c.mode',
        'c.definition',
        'c.opens_at as opensAt',
        'c.closes_at as closesAt',
      ]);
    q = key.code
      ? q.where('u.link_code', '=', key.code)
      : q.where('u.county_id', '=', key.countyId!).where('u.id', '=', key.unitId!);
    const row = await q.executeTakeFirst();
    const info: UnitInfo | null = row
      ? {
          countyId: row.countyId,
          unitId: row.unitId,
          campaignId: row.campaignId,
          schoolId: row.schoolId,
          classId: row.classId,
          name: row.className ? `${row.schoolName} ${row.className}` : row.schoolName,
          campaignTitle: row.campaignTitle,
          mode: row.mode,
          definition: row.definition as SurveyDefinition,
          opensAt: row.opensAt.getTime(),
          closesAt: row.closesAt.getTime(),
        }
      : null;
    if (this.byKey.size > 50_000) this.byKey.clear();
    this.byKey.set(k, { at: Date.now(), info });
    return info;
  }
}

function refuse(reply: FastifyReply, status: number, code: PublicMessage, detail = '') {
  return reply.status(status).send({ error: { code, message: PUBLIC_MESSAGES[code].replace('{detail}', detail) } });
}

export interface PublicOptions {
  /** Overrides of the per-client limits (the load benchmark spreads over many addresses instead). */
  limits?: Partial<typeof PUBLIC_LIMITS>;
}

export function publicRoutes(app: FastifyInstance, opts: PublicOptions = {}) {
  const limits = { ...PUBLIC_LIMITS, ...opts.limits };
  const loads = new WindowLimiter(limits.loadPerMinute, limits.windowMs);
  const submits = new WindowLimiter(limits.submitPerMinute, limits.windowMs);
  const cache = new UnitCache();
  // Concurrent submissions share statements (batcher.ts): one token look-up and one store per batch.
  const tokens = new Batcher<string, { county_id: number; unit_id: number; used: boolean } | undefined>(
    async (hashes) => {
      const rows = await app.db
        .selectFrom('survey_tokens')
        .select(['code_hash', 'county_id', 'unit_id', 'used'])
        .where('code_hash', 'in', [...new Set(hashes)])
        .execute();
      const byHash = new Map(rows.map((r) => [r.code_hash, r]));
      return hashes.map((h) => byHash.get(h));
    },
  );
  const stores = new Batcher<Submission, Stored>((items) => storeBatch(app.db, items));

  /** The unit of a link code, or of an unused roster code ({used: true} when it was used). */
  async function resolve(
    c: string | undefined,
    t: string | undefined,
  ): Promise<{ info: UnitInfo | null; tokenHash?: string; used?: boolean }> {
    if (c) {
      const info = await cache.get(app.db, { code: normalizeCode(c) });
      return { info: info && info.mode === 'open' ? info : null };
    }
    if (!t) return { info: null };
    const tokenHash = hashCode(t);
    const token = await tokens.call(tokenHash);
    if (!token) return { info: null };
    const info = await cache.get(app.db, { countyId: token.county_id, unitId: token.unit_id });
    return { info, tokenHash, used: token.used };
  }

  function windowProblem(info: UnitInfo): PublicMessage | null {
    const now = Date.now();
    if (now < info.opensAt) return 'not_open';
    if (now >= info.closesAt) return 'closed';
    return null;
  }

  app.get(
    '/public/form',
    { config: { policy: 'public' }, schema: { tags: ['surveys'], querystring: LoadQuery } },
    async (req, reply) => {
      if (!loads.take(req.ip)) return refuse(reply, 429, 'rate_limited');
      const { c, t } = req.query as Static<typeof LoadQuery>;
      const { info, used } = await resolve(c, t);
      if (!info) return refuse(reply, 404, 'not_found');
      if (used) return refuse(reply, 409, 'token_used');
      const w = windowProblem(info);
      if (w) return refuse(reply, 409, w);
      reply.header('cache-control', 'no-store');
      return {
        campaignTitle: info.campaignTitle,
        unitName: info.name,
        closesAt: new Date(info.closesAt).toISOString(),
        definition: info.definition,
      };
    },
  );

  app.post(
    '/public/responses',
    {
      config: { policy: 'public' },
      bodyLimit: 256 * 1024,
      schema: { tags: ['surveys'], body: SubmitBody },
    },
    async (req, reply) => {
      if (!submits.take(req.ip)) return refuse(reply, 429, 'rate_limited');
      const body = req.body as Static<typeof SubmitBody>;
      const { info, tokenHash, used } = await resolve(body.c, body.t);
      if (!info) return refuse(reply, 404, 'not_found');
      const w = windowProblem(info);
      if (w) return refuse(reply, 409, w);
      const answers = body.answers as Record<string, Answer | null>;
      const problems = submissionProblems(info.definition, answers);
      if (problems.length > 0) {
        const detail = problems
          .slice(0, 5)
          .map((p) => describeProblem(info.definition, p))
          .join('；');
        return reply.status(400).send({
          error: { code: 'invalid', message: PUBLIC_MESSAGES.invalid.replace('{detail}', detail), details: problems },
        });
      }
      if (used && !(await receiptExists(app.db, body.nonce))) return refuse(reply, 409, 'token_used');
      const stored = await stores.call({ ...info, nonce: body.nonce, answers, tokenHash });
      if (stored === 'token_used') return refuse(reply, 409, 'token_used');
      return reply.status(stored === 'stored' ? 201 : 200).send({ ok: true, duplicate: stored === 'duplicate' });
    },
  );
}

const ConcernBody = Type.Object({
  county: Type.String({ maxLength: 40 }),
  schoolId: Type.Integer({ minimum: 1 }),
  category: Type.Union(CASE_CATEGORIES.map((c) => Type.Literal(c))),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 5000 }),
  anonymous: Type.Boolean(),
  contactName: Type.Optional(Type.String({ maxLength: 50 })),
  contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
});

/**
 * The public concern form (诉求): the county's schools and categories, a submission that answers with a tracking
 * code (anonymous allowed: then no name or phone is kept), and the progress of a case by its code (state, dates and
 * the reply — never the content or who handled it).
 */
export function publicCaseRoutes(app: FastifyInstance, opts: PublicOptions = {}) {
  const limits = { ...PUBLIC_LIMITS, ...opts.limits };
  const loads = new WindowLimiter(limits.loadPerMinute, limits.windowMs);
  const submits = new WindowLimiter(limits.submitPerMinute, limits.windowMs);
  const countyOf = async (code: string) =>
    app.db
      .selectFrom('regions')
      .select(['id', 'name'])
      .where('code', '=', code)
      .where('level', '=', 'county')
      .executeTakeFirst();

  app.get(
    '/public/concern-form',
    {
      config: { policy: 'public' },
      schema: { tags: ['cases'], querystring: Type.Object({ county: Type.String({ maxLength: 40 }) }) },
    },
    async (req, reply) => {
      if (!loads.take(req.ip)) return refuse(reply, 429, 'rate_limited');
      const county = await countyOf((req.query as { county: string }).county);
      if (!county) return refuse(reply, 404, 'not_found');
      const schools = await app.db
        .selectFrom('schools')
        .select(['id', 'name'])
        .where('county_id', '=', county.id)
        .where('archived_at', 'is', null)
        .orderBy('code')
        .execute();
      return { countyName: county.name, schools, categories: CASE_CATEGORIES };
    },
  );

  app.post(
    '/public/cases',
    { config: { policy: 'public' }, bodyLimit: 64 * 1024, schema: { tags: ['cases'], body: ConcernBody } },
    async (req, reply) => {
      if (!submits.take(req.ip)) return refuse(reply, 429, 'rate_limited');
      const b = req.body as Static<typeof ConcernBody>;
      const county = await countyOf(b.county);
      if (!county) return refuse(reply, 404, 'not_found');
      const school = await app.db
        .selectFrom('schools')
        .select('id')
        .where('county_id', '=', county.id)
        .where('id', '=', b.schoolId)
        .executeTakeFirst();
      if (!school) return refuse(reply, 404, 'not_found');
      const r = await createCase(
        app.db,
        county.id,
        {
          channel: 'public',
          category: b.category,
          schoolId: b.schoolId,
          title: b.title,
          content: b.content,
          anonymous: b.anonymous,
          contactName: b.contactName,
          contactPhone: b.contactPhone,
        },
        { userId: null, username: null },
      );
      return reply.status(201).send({ trackingCode: r.trackingCode });
    },
  );

  app.get(
    '/public/cases/:code',
    {
      config: { policy: 'public' },
      schema: { tags: ['cases'], params: Type.Object({ code: Type.String({ maxLength: 20 }) }) },
    },
    async (req, reply) => {
      if (!loads.take(req.ip)) return refuse(reply, 429, 'rate_limited');
      const code = normalizeCode((req.params as { code: string }).code);
      const c = await app.db
        .selectFrom('cases')
        .select(['county_id', 'id', 'category', 'title', 'state', 'received_at', 'replied_at', 'closed_at', 'reply'])
        .where('tracking_code', '=', code)
        .executeTakeFirst();
      if (!c) return refuse(reply, 404, 'not_found');
      const events = await app.db
        .selectFrom('case_events')
        .select(['at', 'action'])
        .where('county_id', '=', c.county_id)
        .where('case_id', '=', c.id)
        .orderBy('id')
        .execute();
      return {
        category: c.category,
        title: c.title,
        state: CASE_STATE_LABELS[c.state as CaseState],
        receivedAt: c.received_at.toISOString(),
        repliedAt: c.replied_at?.toISOString() ?? null,
        closedAt: c.closed_at?.toISOString() ?? null,
        reply: c.reply,
        steps: events.map((e) => ({
          at: e.at.toISOString(),
          step: e.action === 'receive' ? '受理' : (CASE_ACTION_LABELS[e.action as CaseAction] ?? e.action),
        })),
      };
    },
  );
}

async function receiptExists(db: Db, nonce: string): Promise<boolean> {
  const r = await db.selectFrom('survey_receipts').select('nonce').where('nonce', '=', nonce).executeTakeFirst();
  return r !== undefined;
}

/** Stores one submission in one statement (see the header); 'duplicate' when its nonce was already received. */
export async function storeSubmission(
  db: Db,
  info: Pick<UnitInfo, 'countyId' | 'campaignId' | 'unitId' | 'schoolId' | 'classId'>,
  nonce: string,
  answers: Record<string, unknown>,
  tokenHash?: string,
): Promise<'stored' | 'duplicate' | 'token_used'> {
  const json = JSON.stringify(answers);
  const today = todayInChina();
  const values = sql`${info.countyId}::bigint, ${info.campaignId}::bigint, ${info.unitId}::bigint, ${info.schoolId}::bigint, ${info.classId}::bigint, ${json}::jsonb, ${today}::date`;
  const columns = sql`(county_id, campaign_id, unit_id, school_id, class_id, answers, submitted_on)`;
  try {
    const result = tokenHash
      ? await sql<{ n: number }>`
          WITH t AS (
            UPDATE survey_tokens SET used = true
            WHERE code_hash = ${tokenHash} AND county_id = ${info.countyId} AND NOT used RETURNING county_id),
          r AS (INSERT INTO survey_receipts (nonce, county_id, received_on) SELECT ${nonce}::uuid, county_id, ${today}::date FROM t RETURNING nonce),
          a AS (INSERT INTO survey_responses ${columns} SELECT ${values} FROM r RETURNING id)
          SELECT count(*)::int AS n FROM a`.execute(db)
      : await sql<{ n: number }>`
          WITH r AS (INSERT INTO survey_receipts (nonce, county_id, received_on) VALUES (${nonce}::uuid, ${info.countyId}, ${today}::date)
            ON CONFLICT DO NOTHING RETURNING nonce),
          a AS (INSERT INTO survey_responses ${columns} SELECT ${values} FROM r RETURNING id)
          SELECT count(*)::int AS n FROM a`.execute(db);
    if (result.rows[0].n === 1) return 'stored';
    if (!tokenHash) return 'duplicate';
    return (await receiptExists(db, nonce)) ? 'duplicate' : 'token_used';
  } catch (err) {
    // The receipt's key: this nonce was received before (the statement, token update included, rolled back).
    if ((err as { code?: string }).code === '23505') return 'duplicate';
    throw err;
  }
}

/** A nonce for server-side callers (tests, the demo seeder) that submit without the page. */
export const newNonce = randomUUID;
