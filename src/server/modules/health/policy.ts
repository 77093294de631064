import { hasRole, isCountyAdmin } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what in the health module. Reading fitness and vision data is open to signed-in users, filtered in
 * SQL by their scope (a teacher sees their classes, a principal their school, the bureau the county); a county
 * report needs the whole county, a school report the whole school. Importing needs management of the school
 * (checked per row). The standard is county data: only the county's 教育局管理员 corrects it.
 */
export const healthPolicy = {
  read: (_auth: AuthContext) => true,
  editStandard: (auth: AuthContext) => isCountyAdmin(auth),
  /** County-level report: a grant on the whole county. */
  seesCounty: (auth: AuthContext) => auth.scope.allSchools,
  /** School-level report: the whole school (not only a grade or some classes of it). */
  seesSchool: (auth: AuthContext, schoolId: number) => auth.scope.allSchools || auth.scope.schoolIds.includes(schoolId),
  /** A class: the whole school, the 年级组长's grade, or one of the teacher's own classes. */
  seesClass: (auth: AuthContext, c: { id: number; schoolId: number; gradeLevel: number }) =>
    auth.scope.allSchools ||
    auth.scope.schoolIds.includes(c.schoolId) ||
    auth.scope.gradeScopes.some((g) => g.schoolId === c.schoolId && g.gradeLevel === c.gradeLevel) ||
    auth.scope.classIds.includes(c.id),
  hasRole,
};
