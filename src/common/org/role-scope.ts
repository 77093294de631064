/**
 * What scope each granted role needs: the same rule the user_roles CHECK constraints state, as data, so the
 * account form asks for exactly the fields a grant needs and the server can validate a grant before insert.
 */
import type { Role } from './enums';

/**
 * - `region`: a region subtree (bureau roles).
 * - `region_or_school`: a region subtree, or one assigned school (督学, one grant per school).
 * - `school`: one school.
 * - `school_grade`: one grade of one school (年级组长).
 * - `school_subject`: one subject of one school (教研组长).
 */
export type RoleScopeKind = 'region' | 'region_or_school' | 'school' | 'school_grade' | 'school_subject';

/** 班主任 and 任课教师 are not granted: they follow from classes and teaching assignments. */
export type GrantableRole = Exclude<Role, 'head_teacher' | 'teacher'>;

export const ROLE_SCOPE: Readonly<Record<GrantableRole, RoleScopeKind>> = Object.freeze({
  bureau_admin: 'region',
  bureau_leader: 'region',
  researcher: 'region',
  inspector: 'region_or_school',
  school_admin: 'school',
  school_director: 'school',
  grade_leader: 'school_grade',
  subject_leader: 'school_subject',
  /** 心理健康教师: sees the school's mental-health records (health module). */
  psychologist: 'school',
});

export const GRANTABLE_ROLES = Object.freeze(Object.keys(ROLE_SCOPE) as GrantableRole[]);

export function isGrantableRole(role: string): role is GrantableRole {
  return Object.hasOwn(ROLE_SCOPE, role);
}

export interface GrantScope {
  regionId: number | null;
  schoolId: number | null;
  gradeLevel: number | null;
  subjectId: number | null;
}

/** Which scope fields a grant of this role is missing; empty when the grant is complete. */
export function missingScopeFields(role: GrantableRole, scope: GrantScope): (keyof GrantScope)[] {
  switch (ROLE_SCOPE[role]) {
    case 'region':
      return scope.regionId == null ? ['regionId'] : [];
    case 'region_or_school':
      return scope.regionId == null && scope.schoolId == null ? ['regionId', 'schoolId'] : [];
    case 'school':
      return scope.schoolId == null ? ['schoolId'] : [];
    case 'school_grade':
      return [
        ...(scope.schoolId == null ? (['schoolId'] as const) : []),
        ...(scope.gradeLevel == null ? (['gradeLevel'] as const) : []),
      ];
    case 'school_subject':
      return [
        ...(scope.schoolId == null ? (['schoolId'] as const) : []),
        ...(scope.subjectId == null ? (['subjectId'] as const) : []),
      ];
  }
}
