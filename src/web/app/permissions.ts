/**
 * What the signed-in user may change, from `user.permissions` (GET /auth/me). Pages hide the actions the
 * server would refuse; the server still checks every request, so this is about not offering dead buttons.
 */
import { GRANTABLE_ROLES, type GrantableRole } from '../../common/org/role-scope';
import type { ImportKind, Permissions, User } from './types';

/** Import kinds that are county-wide reference data (need 教育局管理员 of the county). */
const COUNTY_KINDS: ReadonlySet<ImportKind> = new Set(['regions', 'schools', 'terms', 'subjects']);

/** May change the records of this school; `null` (bureau staff without a school) needs the whole county. */
export function managesSchool(p: Permissions, schoolId: number | null | undefined): boolean {
  if (p.manageSchoolIds === null) return true;
  return schoolId != null && p.manageSchoolIds.includes(schoolId);
}

/** May import this kind: county reference data needs manageCounty, school records manageAnySchool. */
export function mayImport(p: Permissions, kind: ImportKind): boolean {
  return COUNTY_KINDS.has(kind) ? p.manageCounty : p.manageAnySchool;
}

/** May import anything at all (the 数据导入 menu). */
export function mayImportAnything(p: Permissions): boolean {
  return p.manageCounty || p.manageAnySchool;
}

/** The roles a 校长/学校管理员 may grant in their own school. */
const SCHOOL_GRANTS: readonly GrantableRole[] = ['school_director', 'grade_leader', 'subject_leader', 'psychologist'];

/**
 * The roles this user may grant (docs/api.md, administration): the county's 教育局管理员 every role; a
 * 学区-level 教育局管理员 every role but 教育局管理员; a school's 校长/学校管理员 only the school-level
 * leadership roles. The server checks the scope of each grant as well.
 */
export function grantableRoles(user: User): readonly GrantableRole[] {
  if (user.permissions.manageCounty) return GRANTABLE_ROLES;
  if (user.roles.some((r) => r.role === 'bureau_admin')) return GRANTABLE_ROLES.filter((r) => r !== 'bureau_admin');
  if (user.roles.some((r) => r.role === 'school_admin')) return SCHOOL_GRANTS;
  return [];
}

export interface Can {
  /** County-level records: regions, school years and terms, subjects, creating/importing/archiving schools. */
  county: boolean;
  /** Creating school records (staff, classes, students, …) somewhere. */
  anySchool: boolean;
  /** Editing or archiving a record of this school. */
  school: (schoolId: number | null | undefined) => boolean;
  import: (kind: ImportKind) => boolean;
  accounts: boolean;
  audit: boolean;
}

export function permissionsOf(user: User): Can {
  const p = user.permissions;
  return {
    county: p.manageCounty,
    anySchool: p.manageAnySchool,
    school: (schoolId) => managesSchool(p, schoolId),
    import: (kind) => mayImport(p, kind),
    accounts: p.manageAccounts,
    audit: p.readAudit,
  };
}
