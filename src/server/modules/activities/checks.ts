import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { type ListParams, paginate } from '../../platform/list.js';
import { invalid } from './messages.js';
import { writesSchool } from './policy.js';

/** Checks the records of this module share: people of a school, schools the caller writes, visible schools. */

export async function staffOf(db: Db, auth: AuthContext, staffId: number, schoolId?: number | null) {
  const s = await db
    .selectFrom('staff')
    .select(['id', 'name', 'school_id'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', staffId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!s || (schoolId !== undefined && s.school_id !== schoolId)) throw invalid(auth, 'staff_invalid');
  return s;
}

export function mustWriteSchool(auth: AuthContext, schoolId: number): void {
  if (!writesSchool(auth, schoolId)) throw invalid(auth, 'school_outside_scope');
}

export async function schoolSeen(db: Db, auth: AuthContext, schoolId: number): Promise<boolean> {
  return !!(await db
    .selectFrom('schools as s')
    .select('s.id')
    .where('s.county_id', '=', auth.user.countyId)
    .where('s.id', '=', schoolId)
    .where(schoolVisible(auth.scope, 's.id'))
    .executeTakeFirst());
}

export async function subjectExists(db: Db, auth: AuthContext, subjectId: number) {
  const s = await db
    .selectFrom('subjects')
    .select('id')
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', subjectId)
    .executeTakeFirst();
  if (!s) throw invalid(auth, 'subject_invalid');
}

/** Keeps only the keys the input sent (PATCH), renamed to columns. */
export function columns(input: Record<string, unknown>, map: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) if (input[key] !== undefined) out[column] = input[key];
  return out;
}

/** Date-range filter pieces every dated list takes. */
export const DateFilters = {
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
};
const DateFilterSchema = Type.Object(DateFilters);
export type DateFilterParams = Static<typeof DateFilterSchema> & ListParams;

/** A list page, newest first unless asked otherwise. */
export function page<O>(
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table and selection types vary per record
  q: any,
  params: ListParams,
  sortable: Record<string, string | readonly string[]>,
  defaultSort: string,
  tieBreak: string,
): Promise<{ items: O[]; total: number }> {
  return paginate(
    q,
    { ...params, order: params.order ?? (params.sort ? 'asc' : 'desc') },
    sortable,
    defaultSort,
    tieBreak,
  );
}
