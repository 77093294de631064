import { type RawBuilder, sql } from 'kysely';
import { hasRole } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what in inspections (docs/modules/inspections.md, roles):
 * - managers: 督学 (inspector), 教育局管理员 (督导室) and 教研员 (教学视导) manage templates, plans, visits and
 *   verification — on the schools of their scope;
 * - bureau leaders (局领导) read everything in their scope;
 * - a school's 校长/学校管理员 and 教导主任 see their own school's published results and problems and answer them.
 * Teachers and class-level roles see nothing here.
 */
export function isManager(auth: AuthContext): boolean {
  return hasRole(auth, 'bureau_admin', 'inspector', 'researcher');
}

export function isBureau(auth: AuthContext): boolean {
  return isManager(auth) || hasRole(auth, 'bureau_leader');
}

/** Schools whose school-side records (results, problems) this user answers for: 校长/主任 grants. */
export function ownSchools(auth: AuthContext): number[] {
  return auth.user.roles
    .filter((g) => (g.role === 'school_admin' || g.role === 'school_director') && g.schoolId !== null)
    .map((g) => g.schoolId!);
}

/** May use the module at all (bureau side or school side). */
export function mayRead(auth: AuthContext): boolean {
  return isBureau(auth) || ownSchools(auth).length > 0;
}

/** The bureau side sees this school (its scope covers it). */
export function bureauSees(auth: AuthContext, schoolId: number): boolean {
  return isBureau(auth) && (auth.scope.allSchools || auth.scope.schoolIds.includes(schoolId));
}

/** A manager whose scope covers the school. */
export function managesVisitsOf(auth: AuthContext, schoolId: number): boolean {
  return isManager(auth) && bureauSees(auth, schoolId);
}

/** The school side of this school. */
export function answersFor(auth: AuthContext, schoolId: number): boolean {
  return ownSchools(auth).includes(schoolId);
}

export function seesSchool(auth: AuthContext, schoolId: number): boolean {
  return bureauSees(auth, schoolId) || answersFor(auth, schoolId);
}

/** SQL: rows of schools the user sees (bureau scope or own school). */
export function schoolFilter(auth: AuthContext, column: string): RawBuilder<boolean> {
  if (isBureau(auth) && auth.scope.allSchools) return sql<boolean>`true`;
  const ids = new Set<number>(ownSchools(auth));
  if (isBureau(auth)) for (const id of auth.scope.schoolIds) ids.add(id);
  return sql<boolean>`${sql.ref(column)} = ANY(${[...ids]}::bigint[])`;
}
