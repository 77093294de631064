import type { Role } from '../../../common/org/enums.js';
import type { AuthContext } from './types.js';

/** Small questions policies ask about a user's grants and scope. */

export function hasRole(auth: AuthContext, ...roles: Role[]): boolean {
  return auth.user.roles.some((g) => roles.includes(g.role));
}

/** 教育局管理员 of the whole county. */
export function isCountyAdmin(auth: AuthContext): boolean {
  return auth.scope.manageSchools === 'all';
}

/** May change the registry records (classes, staff, students, …) of this school. */
export function managesSchool(auth: AuthContext, schoolId: number | null | undefined): boolean {
  if (schoolId == null) return isCountyAdmin(auth);
  const m = auth.scope.manageSchools;
  return m === 'all' || m.includes(schoolId);
}

/** May change the registry records of at least one school. */
export function managesAnySchool(auth: AuthContext): boolean {
  const m = auth.scope.manageSchools;
  return m === 'all' || m.length > 0;
}
