import { describe, expect, it } from 'vitest';
import { type AccountDomain, managesAccount, mayGrant, staffInDomain } from './policy.js';

const county: AccountDomain = { countyId: 1, all: true, regionIds: [], regionSchoolIds: [], ownSchoolIds: [] };
/** 学区 admin of region 10 (with sub-region 11), whose schools are 100 and 101. */
const district: AccountDomain = {
  countyId: 1,
  all: false,
  regionIds: [10, 11],
  regionSchoolIds: [100, 101],
  ownSchoolIds: [],
};
/** 校长 of school 100. */
const principal: AccountDomain = { countyId: 1, all: false, regionIds: [], regionSchoolIds: [], ownSchoolIds: [100] };

const g = (role: string, regionId: number | null, schoolId: number | null) =>
  ({ role, regionId, schoolId }) as Parameters<typeof mayGrant>[1];

describe('admin policy', () => {
  it('lets the county admin grant everything', () => {
    expect(mayGrant(county, g('bureau_admin', 1, null))).toBe(true);
    expect(managesAccount(county, { grants: [], staff: null })).toBe(true);
  });

  it('lets a 学区 admin grant every role but bureau_admin, inside the subtree only', () => {
    expect(mayGrant(district, g('bureau_leader', 11, null))).toBe(true);
    expect(mayGrant(district, g('inspector', null, 101))).toBe(true);
    expect(mayGrant(district, g('school_admin', null, 100))).toBe(true);
    expect(mayGrant(district, g('bureau_admin', 11, null))).toBe(false);
    expect(mayGrant(district, g('researcher', 1, null))).toBe(false);
    expect(mayGrant(district, g('school_director', null, 200))).toBe(false);
  });

  it('lets a school admin grant the school roles below theirs in their school only', () => {
    expect(mayGrant(principal, g('school_director', null, 100))).toBe(true);
    expect(mayGrant(principal, g('grade_leader', null, 100))).toBe(true);
    expect(mayGrant(principal, g('subject_leader', null, 100))).toBe(true);
    expect(mayGrant(principal, g('school_admin', null, 100))).toBe(false);
    expect(mayGrant(principal, g('inspector', null, 100))).toBe(false);
    expect(mayGrant(principal, g('school_director', null, 101))).toBe(false);
  });

  it('places an account by all its grants and its staff record', () => {
    const teacherOf100 = { grants: [], staff: { schoolId: 100, regionId: null } };
    expect(managesAccount(principal, teacherOf100)).toBe(true);
    expect(managesAccount(principal, { grants: [], staff: { schoolId: 101, regionId: null } })).toBe(false);
    // a grant in the school, but linked to staff elsewhere: not wholly theirs
    expect(
      managesAccount(principal, { grants: [g('grade_leader', null, 100)], staff: { schoolId: 200, regionId: null } }),
    ).toBe(false);
    // one grant outside is enough to make the account someone else's
    expect(
      managesAccount(principal, { grants: [g('school_director', null, 100), g('researcher', 1, null)], staff: null }),
    ).toBe(false);
    // no grants and no staff: the county's
    expect(managesAccount(principal, { grants: [], staff: null })).toBe(false);
    expect(managesAccount(district, { grants: [], staff: { schoolId: null, regionId: 11 } })).toBe(true);
    expect(staffInDomain(district, { schoolId: null, regionId: 1 })).toBe(false);
  });
});
