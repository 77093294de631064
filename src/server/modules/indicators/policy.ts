import { hasRole, isCountyAdmin, managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what with indicators, targets and plans. Everyone signed in reads (values of a school only inside
 * their scope, checked per request); the bureau — 教育局管理员, or a 局领导/教研员 over the whole county — keeps the
 * library, sets targets, approves hand-entered values, owns county plans and reviews school filings. A school's
 * 校长/教导主任 (who manage its records) enter their school's values, report on its tasks and file its plan.
 */
export const indicatorsPolicy = {
  read: (_auth: AuthContext) => true,
  bureau: (auth: AuthContext) =>
    isCountyAdmin(auth) || (auth.scope.allSchools && hasRole(auth, 'bureau_leader', 'researcher')),
  forSchool: (auth: AuthContext, schoolId: number) => indicatorsPolicy.bureau(auth) || managesSchool(auth, schoolId),
  /** A school manager of at least one school, or the bureau. */
  someSchool: (auth: AuthContext) =>
    indicatorsPolicy.bureau(auth) || auth.scope.manageSchools === 'all' || auth.scope.manageSchools.length > 0,
  seesSchool: (auth: AuthContext, schoolId: number) =>
    auth.scope.allSchools ||
    auth.scope.schoolIds.includes(schoolId) ||
    auth.scope.gradeScopes.some((g) => g.schoolId === schoolId),
};
