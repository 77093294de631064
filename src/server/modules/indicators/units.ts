import { type RawBuilder, sql } from 'kysely';
import type { IndicatorUnit } from './sources.js';

/**
 * An org unit as the API spells it (`unit=` of /indicators/:code/values): `school:<schoolId>` or
 * `region:<regionId>` — a 学区, or the county itself (the county's region id is its county id). A bare number is a
 * region id. Targets are stored with unit_level 'county' | 'region' | 'school' and the id.
 */
export function parseUnit(text: string, countyId: number): IndicatorUnit | null {
  const m = /^(?:(school|region):)?(\d{1,15})$/.exec(text.trim());
  if (!m) return null;
  const id = Number(m[2]);
  if (m[1] === 'school') return { level: 'school', id };
  return { level: id === countyId ? 'county' : 'region', id };
}

export function unitText(unit: { level: string; id: number }): string {
  return unit.level === 'school' ? `school:${unit.id}` : `region:${unit.id}`;
}

/** `column` is a (not archived) school inside the unit: the school itself, a 学区's subtree, or the whole county. */
export function schoolInUnit(column: string, countyId: number, unit: IndicatorUnit): RawBuilder<boolean> {
  const col = sql.ref(column);
  if (unit.level === 'school') return sql<boolean>`${col} = ${unit.id}`;
  if (unit.level === 'county') return sql<boolean>`${col} IN (SELECT id FROM schools WHERE county_id = ${countyId})`;
  if (unit.level === 'region')
    return sql<boolean>`${col} IN (SELECT s.id FROM schools s WHERE s.county_id = ${countyId} AND s.region_id IN (
      WITH RECURSIVE t AS (SELECT id FROM regions WHERE id = ${unit.id} AND county_id = ${countyId}
        UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id)
      SELECT id FROM t))`;
  return sql<boolean>`false`;
}
