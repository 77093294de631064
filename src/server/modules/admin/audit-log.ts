import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { AppError } from '../../platform/errors.js';
import { likePattern } from '../../platform/list.js';

export interface AuditQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  entity?: string;
  action?: string;
  userId?: number;
  entityId?: string;
  /** `YYYY-MM-DD` (a day in China time, inclusive) or an ISO date-time with its offset. */
  from?: string;
  to?: string;
}

export interface AuditItem {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** Days given as dates are days where the county is: China has one time zone. */
const COUNTY_TIME_ZONE = 'Asia/Shanghai';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The instant a `from`/`to` filter stands for: a date means the start of that day (`from`) or the start of the
 * next day (`to`, exclusive, so the whole day is included); a date-time means itself (`to` inclusive).
 */
function bound(value: string, field: 'from' | 'to'): { at: RawBuilder<Date>; inclusive: boolean } {
  const day = DATE_ONLY.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw badDate(field);
    const offset = field === 'to' ? 1 : 0;
    return {
      at: sql<Date>`((${value}::date + ${offset}::int)::timestamp AT TIME ZONE ${COUNTY_TIME_ZONE})`,
      inclusive: field === 'from',
    };
  }
  if (DATE_TIME.test(value) && Number.isFinite(Date.parse(value))) {
    return { at: sql<Date>`${new Date(value)}::timestamptz`, inclusive: true };
  }
  throw badDate(field);
}

function badDate(field: string) {
  return new AppError(400, 'validation_failed', 'admin_audit_bad_date', { field }, { field });
}

/** The county's audit log, newest first, filtered in SQL. */
export async function listAudit(
  db: Db,
  countyId: number,
  p: AuditQuery,
): Promise<{ items: AuditItem[]; total: number }> {
  let q = db.selectFrom('audit_log as a').where('a.county_id', '=', countyId);
  if (p.entity) q = q.where('a.entity', '=', p.entity);
  if (p.action) q = q.where('a.action', '=', p.action);
  if (p.userId != null) q = q.where('a.user_id', '=', p.userId);
  if (p.entityId) q = q.where('a.entity_id', '=', p.entityId);
  if (p.from) {
    const b = bound(p.from, 'from');
    q = q.where('a.at', '>=', b.at);
  }
  if (p.to) {
    const b = bound(p.to, 'to');
    q = q.where('a.at', b.inclusive ? '<=' : '<', b.at);
  }
  if (p.q?.trim()) {
    const like = likePattern(p.q);
    q = q.where((eb) => eb.or([eb('a.summary', 'ilike', like), eb('a.username', 'ilike', like)]));
  }
  const page = p.page ?? 1;
  const pageSize = p.pageSize ?? 20;
  const [count, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
    q
      .select([
        'a.id',
        'a.at',
        'a.user_id',
        'a.username',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.summary',
        'a.before',
        'a.after',
        'a.ip',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      summary: r.summary,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip,
    })),
  };
}
