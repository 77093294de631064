import { hasRole, managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what in the teaching routine. Lists are open to every signed-in user because every list is filtered
 * by scope in SQL (see scope.ts); writes need a staff identity (the observer, the visitor) or management of the
 * record's school, checked again per record in the service.
 */
export const activitiesPolicy = {
  read: (_auth: AuthContext) => true,
  /** Records a person makes themself (听课, 家访, own training): the account must be linked to a staff member. */
  asStaff: (auth: AuthContext) => auth.user.staffId != null,
  /** The county's quota rules, rubrics, homework caps and training courses: the bureau (county-wide grant). */
  manageRules: (auth: AuthContext) =>
    auth.scope.manageSchools === 'all' || (auth.scope.allSchools && hasRole(auth, 'bureau_leader', 'researcher')),
  /** School records (open lessons, groups, preps, mentoring): a school's managers, 教研组长 and 年级组长. */
  schoolRecords: (auth: AuthContext) =>
    managesAnySchool(auth) || hasRole(auth, 'subject_leader', 'grade_leader', 'bureau_admin', 'researcher'),
  /** Records a person makes for themself or a school's managers make for them (公开课, 培训, 家访, 师徒记录). */
  asStaffOrSchool: (auth: AuthContext) =>
    auth.user.staffId != null || managesAnySchool(auth) || (auth.scope.allSchools && hasRole(auth, 'researcher')),
  /** Homework declarations: teachers of a class, its 年级组长, the school's managers. */
  homework: (auth: AuthContext) => auth.user.staffId != null || managesAnySchool(auth),
};

/** May write the school records of this school (managers, its 教研组长/年级组长, the county's researchers). */
export function writesSchool(auth: AuthContext, schoolId: number): boolean {
  if (managesSchool(auth, schoolId)) return true;
  if (auth.scope.allSchools && hasRole(auth, 'researcher')) return true;
  return auth.user.roles.some(
    (g) => (g.role === 'subject_leader' || g.role === 'grade_leader') && g.schoolId === schoolId,
  );
}

/** Sees a school whole (its leadership, 教研组长, bureau roles over it): may read everyone's records there. */
export function seesSchoolWhole(auth: AuthContext, schoolId: number): boolean {
  return auth.scope.allSchools || auth.scope.schoolIds.includes(schoolId);
}
