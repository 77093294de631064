import { type RawBuilder, sql } from 'kysely';
import type { Scope } from './types.js';

/**
 * SQL conditions that enforce a Scope inside list queries, so `total` counts only what the caller may see.
 * Column names are passed as references (e.g. 's.id'); values are bound parameters.
 */

/** Rows belonging to a school the user touches (whole, by grade, or through one of their classes). */
export function schoolVisible(scope: Scope, schoolColumn: string): RawBuilder<boolean> {
  if (scope.allSchools) return sql<boolean>`true`;
  const col = sql.ref(schoolColumn);
  const gradeSchools = scope.gradeScopes.map((g) => g.schoolId);
  return sql<boolean>`(${col} = ANY(${scope.schoolIds}::bigint[])
    OR ${col} = ANY(${gradeSchools}::bigint[])
    OR ${col} IN (SELECT school_id FROM classes WHERE county_id = ${scope.countyId} AND id = ANY(${scope.classIds}::bigint[])))`;
}

/** Rows of a class the user sees: the whole school, the 年级组长's grade, or the teacher's own classes. */
export function classVisible(
  scope: Scope,
  columns: { school: string; grade: string; classId: string },
): RawBuilder<boolean> {
  if (scope.allSchools) return sql<boolean>`true`;
  const school = sql.ref(columns.school);
  const grade = sql.ref(columns.grade);
  const classId = sql.ref(columns.classId);
  const gradePairs =
    scope.gradeScopes.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${school}, ${grade}) IN (${sql.join(scope.gradeScopes.map((g) => sql`(${g.schoolId}::bigint, ${g.gradeLevel}::smallint)`))})`;
  return sql<boolean>`(${school} = ANY(${scope.schoolIds}::bigint[]) OR ${gradePairs} OR ${classId} = ANY(${scope.classIds}::bigint[]))`;
}

/** Staff rows: staff of visible schools; bureau staff (no school) only for bureau roles. */
export function staffVisible(scope: Scope, schoolColumn: string): RawBuilder<boolean> {
  const col = sql.ref(schoolColumn);
  const bureau = scope.bureau ? sql<boolean>`${col} IS NULL` : sql<boolean>`false`;
  if (scope.allSchools) return sql<boolean>`(${col} IS NOT NULL OR ${bureau})`;
  return sql<boolean>`(${schoolVisible(scope, schoolColumn)} OR ${bureau})`;
}

/** Regions shown in the tree. */
export function regionVisible(scope: Scope, idColumn: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(idColumn)} = ANY(${scope.regionIds}::bigint[])`;
}
