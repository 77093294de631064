import { type SelectQueryBuilder, sql } from 'kysely';
import { Type } from 'typebox';
import { cachedCount } from './count-cache.js';

/** Query parameters every list accepts. */
export const ListQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.String({ maxLength: 40 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
};

export interface ListParams {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/** `{ items, total }` for any list. */
export function listOf<T extends import('typebox').TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer() });
}

/**
 * Runs a filtered query as one page plus its total. `sortable` maps the public sort names to SQL columns (or to a
 * list of columns, e.g. school, year, grade, class — an order an index can serve, so a page is read without sorting
 * the whole table), so a client can never sort by an arbitrary expression; `tieBreak` keeps pages stable.
 */
export async function paginate<O>(
  // biome-ignore lint/suspicious/noExplicitAny: the builder's table and selection types vary per list
  query: SelectQueryBuilder<any, any, O>,
  params: ListParams,
  sortable: Record<string, string | readonly string[]>,
  defaultSort: string,
  tieBreak: string,
): Promise<{ items: O[]; total: number }> {
  const page = params.page ?? 1;
  const pageSize = params.pageSize ?? 20;
  const columns = [sortable[params.sort ?? ''] ?? sortable[defaultSort] ?? defaultSort].flat();
  const direction = params.order === 'desc' ? sql`desc` : sql`asc`;
  const countQuery = query.clearSelect().clearOrderBy().select(sql<number>`count(*)::int`.as('n'));
  const compiled = countQuery.compile();
  const [total, items] = await Promise.all([
    cachedCount(`${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`, async () => {
      const row = (await countQuery.executeTakeFirst()) as { n: number } | undefined;
      return row?.n ?? 0;
    }),
    columns
      .reduce((q, column) => q.orderBy(sql`${sql.ref(column)} ${direction} nulls last`), query)
      .orderBy(sql.ref(tieBreak))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total };
}

/** `%text%` for ILIKE with the wildcards in the user's text escaped. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** 138****5678: phone numbers in lists are masked (PIPL: show only what a role needs). */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const p = phone.trim();
  if (p.length < 7) return '****';
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}
