import { sql } from 'kysely';
import { BUREAU_ROLES } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import type { Scope, SessionUser } from './types.js';

/**
 * Resolves what a user may see (see Scope). Region grants are expanded to the schools of the subtree here,
 * once per request, so list queries filter with a plain `school_id = ANY($ids)` in SQL.
 */
export async function resolveScope(db: Db, user: SessionUser): Promise<Scope> {
  const countyId = user.countyId;
  const regionGrants = user.roles.filter((g) => g.regionId != null).map((g) => g.regionId!);
  const schoolIds = new Set<number>();
  const regionIds = new Set<number>();
  let allSchools = false;
  const bureau = user.roles.some((g) => BUREAU_ROLES.includes(g.role));

  if (regionGrants.length > 0) {
    // The granted subtrees; a grant on the county itself (or an ancestor in the same tree) means every school.
    const subtree = await sql<{ id: number; level: string }>`
      WITH RECURSIVE t AS (
        SELECT id, level FROM regions WHERE id = ANY(${regionGrants}::bigint[])
        UNION SELECT r.id, r.level FROM regions r JOIN t ON r.parent_id = t.id
      ) SELECT id, level FROM t`.execute(db);
    for (const r of subtree.rows) regionIds.add(r.id);
    allSchools = regionIds.has(countyId);
    if (!allSchools) {
      const rows = await db
        .selectFrom('schools')
        .select('id')
        .where('county_id', '=', countyId)
        .where('region_id', 'in', [...regionIds])
        .execute();
      for (const r of rows) schoolIds.add(r.id);
    }
  }
  const manageSchools = await managedSchools(db, user);
  const gradeScopes: Scope['gradeScopes'] = [];
  for (const g of user.roles) {
    if (g.schoolId == null) continue;
    if (g.role === 'grade_leader' && g.gradeLevel != null)
      gradeScopes.push({ schoolId: g.schoolId, gradeLevel: g.gradeLevel });
    else schoolIds.add(g.schoolId);
  }
  let classIds: number[] = [];
  if (user.staffId != null) {
    // 班主任 and 任课教师 of the current school year: their classes follow from the registry, not from grants.
    const rows = await sql<{ id: number }>`
      SELECT c.id FROM classes c JOIN school_years y ON y.county_id = c.county_id AND y.id = c.school_year_id AND y.is_current
      WHERE c.county_id = ${countyId} AND c.head_teacher_id = ${user.staffId}
      UNION
      SELECT ta.class_id FROM teaching_assignments ta JOIN terms t ON t.county_id = ta.county_id AND t.id = ta.term_id
        JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id AND y.is_current
      WHERE ta.county_id = ${countyId} AND ta.staff_id = ${user.staffId}`.execute(db);
    classIds = rows.rows.map((r) => r.id);
  }
  // Regions shown in the tree: granted subtrees plus the way up to the county, and the regions of seen schools.
  const extraSchools = [...schoolIds, ...gradeScopes.map((g) => g.schoolId)];
  if (classIds.length > 0) {
    const rows = await db
      .selectFrom('classes')
      .select('school_id')
      .distinct()
      .where('county_id', '=', countyId)
      .where('id', 'in', classIds)
      .execute();
    for (const r of rows) extraSchools.push(r.school_id);
  }
  if (extraSchools.length > 0) {
    const rows = await db
      .selectFrom('schools')
      .select('region_id')
      .distinct()
      .where('county_id', '=', countyId)
      .where('id', 'in', extraSchools)
      .execute();
    for (const r of rows) regionIds.add(r.region_id);
  }
  if (regionIds.size > 0) {
    const up = await sql<{ id: number }>`
      WITH RECURSIVE t AS (
        SELECT id, parent_id FROM regions WHERE id = ANY(${[...regionIds]}::bigint[])
        UNION SELECT r.id, r.parent_id FROM regions r JOIN t ON r.id = t.parent_id WHERE r.county_id = ${countyId}
      ) SELECT id FROM t`.execute(db);
    for (const r of up.rows) regionIds.add(r.id);
  }
  return {
    countyId,
    allSchools,
    schoolIds: [...schoolIds].sort((a, b) => a - b),
    gradeScopes,
    classIds,
    regionIds: [...regionIds].sort((a, b) => a - b),
    bureau,
    manageSchools,
  };
}

/** Schools whose records the user may change (see Scope.manageSchools). */
async function managedSchools(db: Db, user: SessionUser): Promise<number[] | 'all'> {
  const adminRegions = user.roles
    .filter((g) => g.role === 'bureau_admin' && g.regionId != null)
    .map((g) => g.regionId!);
  if (adminRegions.includes(user.countyId)) return 'all';
  const ids = new Set(
    user.roles
      .filter((g) => (g.role === 'school_admin' || g.role === 'school_director') && g.schoolId != null)
      .map((g) => g.schoolId!),
  );
  if (adminRegions.length > 0) {
    const rows = await sql<{ id: number }>`
      WITH RECURSIVE t AS (
        SELECT id FROM regions WHERE id = ANY(${adminRegions}::bigint[])
        UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id
      ) SELECT s.id FROM schools s JOIN t ON s.region_id = t.id WHERE s.county_id = ${user.countyId}`.execute(db);
    for (const r of rows.rows) ids.add(r.id);
  }
  return [...ids].sort((a, b) => a - b);
}
