/**
 * Who sees mental-health records (issue 8: "visible only to the named roles"): in their own school, the
 * 心理健康教师 (psychologist), the head of student affairs (教导主任/德育主任, school_director) and the principal
 * (校长, school_admin). Nobody else — not the bureau, not 班主任 — sees a name; they get suppressed counts only
 * (mental-summary). Every read of a record is audited by the routes.
 */
import type { Role } from '../../../common/org/enums.js';
import type { AuthContext } from '../../platform/auth/types.js';

/** The roles named by the issue. */
export const MENTAL_ROLES: readonly Role[] = ['psychologist', 'school_director', 'school_admin'];

/** Schools whose mental-health records this user may see and keep. */
export function mentalSchools(auth: AuthContext): number[] {
  return [
    ...new Set(
      auth.user.roles.filter((g) => MENTAL_ROLES.includes(g.role) && g.schoolId != null).map((g) => g.schoolId!),
    ),
  ];
}

export const mentalPolicy = {
  /** Route level: a named role in some school (the record's school is checked again in the handler). */
  anySchool: (auth: AuthContext) => mentalSchools(auth).length > 0,
  school: (auth: AuthContext, schoolId: number) => mentalSchools(auth).includes(schoolId),
};
