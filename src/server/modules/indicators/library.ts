import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { LIBRARY } from './library-seed.js';

/** Puts the seeded library into a county (idempotent: codes already there are left as the county edited them). */
export async function ensureLibrary(db: Db, countyId: number): Promise<void> {
  const have = await db
    .selectFrom('indicators')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_id', '=', countyId)
    .executeTakeFirstOrThrow();
  if (have.n >= LIBRARY.length) return;
  await db
    .insertInto('indicators')
    .values(
      LIBRARY.map((e) => ({
        county_id: countyId,
        code: e.code,
        name: e.name,
        unit: e.unit,
        direction: e.direction,
        definition: e.definition,
        level: e.level,
        source_key: e.source,
        params: JSON.stringify(e.params ?? {}),
      })),
    )
    .onConflict((oc) => oc.columns(['county_id', 'code']).doNothing())
    .execute();
}

/**
 * Makes the county's school years and terms available as target periods, and the calendar years they touch
 * (idempotent). Names: the school year's name; "<school year> <term>"; "2025年".
 */
export async function ensurePeriods(db: Db, countyId: number): Promise<void> {
  await sql`
    INSERT INTO indicator_periods (county_id, kind, name, start_date, end_date, school_year_id)
    SELECT county_id, 'school_year', name, start_date, end_date, id FROM school_years WHERE county_id = ${countyId}
    ON CONFLICT (county_id, kind, name) DO NOTHING`.execute(db);
  await sql`
    INSERT INTO indicator_periods (county_id, kind, name, start_date, end_date, school_year_id, term_id)
    SELECT t.county_id, 'term', y.name || ' ' || t.name, t.start_date, t.end_date, y.id, t.id
    FROM terms t JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id
    WHERE t.county_id = ${countyId}
    ON CONFLICT (county_id, kind, name) DO NOTHING`.execute(db);
  await sql`
    INSERT INTO indicator_periods (county_id, kind, name, start_date, end_date)
    SELECT DISTINCT ${countyId}::bigint, 'year', y || '年', make_date(y, 1, 1), make_date(y, 12, 31)
    FROM school_years sy, generate_series(extract(year FROM sy.start_date)::int, extract(year FROM sy.end_date)::int) AS y
    WHERE sy.county_id = ${countyId}
      AND NOT EXISTS (SELECT 1 FROM indicator_periods p WHERE p.county_id = ${countyId} AND p.kind = 'year'
        AND p.start_date <= make_date(y, 12, 31) AND p.end_date >= make_date(y, 1, 1))
    ON CONFLICT (county_id, kind, name) DO NOTHING`.execute(db);
}
