import { describe, expect, it } from 'vitest';
import { grantableRoles, managesSchool, mayImport, mayImportAnything, permissionsOf } from './permissions';
import type { Permissions, RoleGrant, User } from './types';

const grant = (role: RoleGrant['role'], scope: Partial<RoleGrant> = {}): RoleGrant => ({
  role,
  regionId: null,
  schoolId: null,
  gradeLevel: null,
  subjectId: null,
  label: role,
  ...scope,
});

function user(permissions: Permissions, roles: RoleGrant[] = []): User {
  return {
    id: 1,
    username: 'u',
    displayName: 'U',
    countyId: 3,
    countyName: '示范县',
    locale: 'zh-CN',
    mustChangePassword: false,
    staffId: null,
    roles,
    isHeadTeacher: false,
    isTeacher: false,
    permissions,
  };
}

// The shapes GET /auth/me answers for the demo accounts.
const countyAdmin: Permissions = {
  manageCounty: true,
  manageSchoolIds: null,
  manageAnySchool: true,
  manageAccounts: true,
  readAudit: true,
};
const principal: Permissions = {
  manageCounty: false,
  manageSchoolIds: [23],
  manageAnySchool: true,
  manageAccounts: true,
  readAudit: false,
};
const teacher: Permissions = {
  manageCounty: false,
  manageSchoolIds: [],
  manageAnySchool: false,
  manageAccounts: false,
  readAudit: false,
};

describe('permissions', () => {
  it('manages every school with manageSchoolIds null, else only the listed ones', () => {
    expect(managesSchool(countyAdmin, 5)).toBe(true);
    expect(managesSchool(countyAdmin, null)).toBe(true); // bureau staff without a school
    expect(managesSchool(principal, 23)).toBe(true);
    expect(managesSchool(principal, 5)).toBe(false);
    expect(managesSchool(principal, null)).toBe(false);
    expect(managesSchool(teacher, 23)).toBe(false);
  });

  it('lets county reference data be imported by the county only, school records by school managers', () => {
    expect(mayImport(countyAdmin, 'regions')).toBe(true);
    expect(mayImport(principal, 'schools')).toBe(false);
    expect(mayImport(principal, 'terms')).toBe(false);
    expect(mayImport(principal, 'students')).toBe(true);
    expect(mayImport(teacher, 'students')).toBe(false);
    expect(mayImportAnything(principal)).toBe(true);
    expect(mayImportAnything(teacher)).toBe(false);
  });

  it('offers each admin the roles they may grant', () => {
    expect(grantableRoles(user(countyAdmin, [grant('bureau_admin', { regionId: 3 })]))).toContain('bureau_admin');
    const district = grantableRoles(
      user({ ...principal, manageSchoolIds: [5, 12] }, [grant('bureau_admin', { regionId: 4 })]),
    );
    expect(district).not.toContain('bureau_admin');
    expect(district).toContain('school_admin');
    expect(grantableRoles(user(principal, [grant('school_admin', { schoolId: 23 })]))).toEqual([
      'school_director',
      'grade_leader',
      'subject_leader',
      'psychologist',
    ]);
    expect(grantableRoles(user(teacher))).toEqual([]);
  });

  it('turns the answer into predicates for the pages', () => {
    const can = permissionsOf(user(principal));
    expect(can.county).toBe(false);
    expect(can.anySchool).toBe(true);
    expect(can.school(23)).toBe(true);
    expect(can.school(24)).toBe(false);
    expect(can.import('regions')).toBe(false);
    expect(can.accounts).toBe(true);
    expect(can.audit).toBe(false);
  });
});
