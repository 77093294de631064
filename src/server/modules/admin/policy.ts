import { type RawBuilder, sql } from 'kysely';
import type { Role } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import { hasRole, isCountyAdmin } from '../../platform/auth/roles.js';
import type { AuthContext, RoleGrant } from '../../platform/auth/types.js';

/**
 * Who may manage which accounts.
 *
 * - The county's 教育局管理员 (bureau_admin on the county region) manages every account of the county and may grant
 *   every role.
 * - A 学区's 教育局管理员 (bureau_admin on a region below the county) manages the accounts that lie wholly in their
 *   subtree, and may grant any role except bureau_admin within it: bureau roles on regions of the subtree, 督学 on
 *   its schools, school roles in its schools.
 * - A school's 校长/学校管理员 (school_admin) manages the accounts that lie wholly in their school, and may grant
 *   教导主任/德育主任, 年级组长, 教研组长 and 心理健康教师 of that school — never bureau roles and never school_admin.
 *
 * Decision: an administrator role is granted and managed one level up. A 学区 admin cannot create or edit other
 * 教育局管理员 accounts, and a school admin cannot create, edit, disable or reset the password of a school_admin
 * account (their own included: they change their own password under 修改密码). So no administrator can make a
 * peer administrator, and peers cannot lock each other out; the county admin (or the 学区 admin for a school's
 * admin) appoints principals.
 *
 * "Lies wholly in" means: every grant of the account is one the manager may grant, and the staff record the
 * account is linked to (if any) belongs to the manager's schools (or, for bureau staff, their regions). An
 * account with neither grants nor staff link belongs to the county: only the county admin manages it.
 *
 * A user may hold several of these capacities; a grant is grantable if any of them allows it.
 */
export interface AccountDomain {
  countyId: number;
  /** The county's 教育局管理员: everything. */
  all: boolean;
  /** Regions of the subtrees of the caller's 学区-level bureau_admin grants. */
  regionIds: number[];
  /** Schools in those subtrees. */
  regionSchoolIds: number[];
  /** Schools where the caller is school_admin. */
  ownSchoolIds: number[];
}

/** Roles a school's 校长/学校管理员 may grant in their own school. */
export const SCHOOL_ADMIN_GRANTABLE: readonly Role[] = [
  'school_director',
  'grade_leader',
  'subject_leader',
  'psychologist',
];

type Grant = Pick<RoleGrant, 'role' | 'regionId' | 'schoolId'>;
export interface StaffLink {
  schoolId: number | null;
  regionId: number | null;
}
export interface AccountFootprint {
  grants: Grant[];
  /** The linked staff record, or null when the account has none. */
  staff: StaffLink | null;
}

export const adminPolicy = {
  /** Route rule for the account routes; which accounts is decided by the AccountDomain. */
  manageAccounts: (auth: AuthContext) => isCountyAdmin(auth) || hasRole(auth, 'bureau_admin', 'school_admin'),
  /** The audit log is the county's: only its 教育局管理员 reads it. */
  readAudit: (auth: AuthContext) => isCountyAdmin(auth),
};

export async function resolveAccountDomain(db: Db, auth: AuthContext): Promise<AccountDomain> {
  const countyId = auth.user.countyId;
  const empty = { countyId, regionIds: [], regionSchoolIds: [], ownSchoolIds: [] };
  if (isCountyAdmin(auth)) return { ...empty, all: true };
  const adminRegions = auth.user.roles
    .filter((g) => g.role === 'bureau_admin' && g.regionId != null)
    .map((g) => g.regionId!);
  const ownSchoolIds = [
    ...new Set(auth.user.roles.filter((g) => g.role === 'school_admin' && g.schoolId != null).map((g) => g.schoolId!)),
  ];
  let regionIds: number[] = [];
  let regionSchoolIds: number[] = [];
  if (adminRegions.length > 0) {
    const regions = await sql<{ id: number }>`
      WITH RECURSIVE t AS (
        SELECT id FROM regions WHERE id = ANY(${adminRegions}::bigint[]) AND county_id = ${countyId}
        UNION SELECT r.id FROM regions r JOIN t ON r.parent_id = t.id
      ) SELECT id FROM t`.execute(db);
    regionIds = regions.rows.map((r) => r.id);
    if (regionIds.length > 0) {
      const schools = await db
        .selectFrom('schools')
        .select('id')
        .where('county_id', '=', countyId)
        .where('region_id', 'in', regionIds)
        .execute();
      regionSchoolIds = schools.map((s) => s.id);
    }
  }
  return { countyId, all: false, regionIds, regionSchoolIds, ownSchoolIds };
}

/** May the caller grant (or keep, or take away) this grant? */
export function mayGrant(d: AccountDomain, g: Grant): boolean {
  if (d.all) return true;
  const byRegion =
    g.role !== 'bureau_admin' &&
    (g.schoolId != null || g.regionId != null) &&
    (g.schoolId == null || d.regionSchoolIds.includes(g.schoolId)) &&
    (g.regionId == null || d.regionIds.includes(g.regionId));
  const bySchool =
    SCHOOL_ADMIN_GRANTABLE.includes(g.role) &&
    g.regionId == null &&
    g.schoolId != null &&
    d.ownSchoolIds.includes(g.schoolId);
  return byRegion || bySchool;
}

/** Does the staff record belong to the caller's schools or regions? */
export function staffInDomain(d: AccountDomain, s: StaffLink): boolean {
  if (d.all) return true;
  if (s.schoolId != null) return d.regionSchoolIds.includes(s.schoolId) || d.ownSchoolIds.includes(s.schoolId);
  return s.regionId != null && d.regionIds.includes(s.regionId);
}

export function managesAccount(d: AccountDomain, a: AccountFootprint): boolean {
  if (d.all) return true;
  if (a.grants.length === 0 && a.staff == null) return false;
  return a.grants.every((g) => mayGrant(d, g)) && (a.staff == null || staffInDomain(d, a.staff));
}

/**
 * managesAccount in SQL, over a `users` row aliased `alias`: lists filter with it so `total` counts only the
 * accounts the caller manages. Keep it in step with the functions above (policy.test.ts checks both agree).
 */
export function managedAccountsSql(d: AccountDomain, alias = 'u'): RawBuilder<boolean> {
  const county = sql.ref(`${alias}.county_id`);
  const userId = sql.ref(`${alias}.id`);
  const staffId = sql.ref(`${alias}.staff_id`);
  if (d.all) return sql<boolean>`${county} = ${d.countyId}`;
  const staffSchools = [...new Set([...d.regionSchoolIds, ...d.ownSchoolIds])];
  const grantable = sql<boolean>`COALESCE(
    (g.role <> 'bureau_admin'
      AND (g.school_id IS NULL OR g.school_id = ANY(${d.regionSchoolIds}::bigint[]))
      AND (g.region_id IS NULL OR g.region_id = ANY(${d.regionIds}::bigint[])))
    OR (g.role = ANY(${[...SCHOOL_ADMIN_GRANTABLE]}::text[]) AND g.region_id IS NULL
      AND g.school_id = ANY(${d.ownSchoolIds}::bigint[])),
    false)`;
  return sql<boolean>`(
    ${county} = ${d.countyId}
    AND NOT EXISTS (SELECT 1 FROM user_roles g WHERE g.county_id = ${county} AND g.user_id = ${userId} AND NOT ${grantable})
    AND (${staffId} IS NULL OR EXISTS (
      SELECT 1 FROM staff st_d WHERE st_d.county_id = ${county} AND st_d.id = ${staffId}
        AND COALESCE(st_d.school_id = ANY(${staffSchools}::bigint[])
          OR (st_d.school_id IS NULL AND st_d.region_id = ANY(${d.regionIds}::bigint[])), false)))
    AND (${staffId} IS NOT NULL OR EXISTS (
      SELECT 1 FROM user_roles g2 WHERE g2.county_id = ${county} AND g2.user_id = ${userId}))
  )`;
}
