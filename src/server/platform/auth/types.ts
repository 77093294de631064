import type { Role } from '../../../common/org/enums.js';

/** A granted role with its scope, as stored in user_roles. */
export interface RoleGrant {
  role: Role;
  regionId: number | null;
  schoolId: number | null;
  gradeLevel: number | null;
  subjectId: number | null;
}

/** The signed-in user as every route sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  countyId: number;
  locale: string;
  staffId: number | null;
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

/**
 * What a user may see, resolved once per request from the grants and the registry:
 * - `allSchools`: a grant on the county (or above) — every school of the county;
 * - `schoolIds`: schools seen whole (region subtree grants, 校长/主任, 督学's assigned schools, 教研组长);
 * - `gradeScopes`: (school, grade) pairs of 年级组长;
 * - `classIds`: classes a 班主任 or 任课教师 has in the current school year;
 * - `regionIds`: regions visible in the tree (granted subtrees, plus the path up to the county).
 */
export interface Scope {
  countyId: number;
  allSchools: boolean;
  schoolIds: number[];
  gradeScopes: { schoolId: number; gradeLevel: number }[];
  classIds: number[];
  regionIds: number[];
  /** Bureau roles see bureau staff (staff without a school). */
  bureau: boolean;
  /**
   * Schools whose registry records the user may change: a 教育局管理员's subtree ('all' on the county),
   * the school of a 校长/学校管理员 or 教导主任/德育主任.
   */
  manageSchools: number[] | 'all';
}

export interface AuthContext {
  user: SessionUser;
  csrfToken: string;
  tokenHash: string;
  scope: Scope;
}
