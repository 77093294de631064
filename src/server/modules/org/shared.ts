import { type RawBuilder, sql } from 'kysely';
import { Type } from 'typebox';

/** Pieces several registry entities share. */

/** `column IN (the region and every region below it)`. */
export function inRegionSubtree(column: string, regionId: number): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN (
    WITH RECURSIVE t AS (SELECT id FROM regions WHERE id = ${regionId}
      UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id)
    SELECT id FROM t)`;
}

export const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IdRef = Type.Integer({ minimum: 1 });
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });

/** Removes keys whose value is undefined, so a PATCH only touches the fields it sends. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
