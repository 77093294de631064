import { type RawBuilder, sql } from 'kysely';
import { Type } from 'typebox';
import type { AuthContext } from '../../platform/auth/types.js';
import { isValidDate, todayInChina } from '../org/shared.js';
import { invalid } from './messages.js';

export { todayInChina };
export const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IdRef = Type.Integer({ minimum: 1 });
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const Ok = Type.Object({ ok: Type.Boolean() });
export const TAGS = ['activities'];

/** A real date, not after today (China time): the refusal every dated record shares. */
export function checkPastDate(auth: AuthContext, field: string, date: string, today = todayInChina()): void {
  if (!isValidDate(date)) throw invalid(auth, 'date_invalid', { field });
  if (date > today) throw invalid(auth, 'date_future', { field, date });
}

/**
 * Rows of a school record the caller may read: the school seen whole (leadership, bureau, 教研组长), or the caller is
 * one of the people on the record (`ownColumns`: observer, teacher, visitor …).
 */
export function recordVisible(auth: AuthContext, schoolColumn: string, ownColumns: string[]): RawBuilder<boolean> {
  const own = auth.user.staffId == null ? [] : ownColumns.map((c) => sql`${sql.ref(c)} = ${auth.user.staffId}`);
  if (auth.scope.allSchools) return sql<boolean>`true`;
  const schoolWhole = sql<boolean>`${sql.ref(schoolColumn)} = ANY(${auth.scope.schoolIds}::bigint[])`;
  return sql<boolean>`(${sql.join([schoolWhole, ...own], sql` OR `)})`;
}
