import { GRADE_LEVELS, GRADES_OF_SCHOOL_TYPE, labelOf, ROLES, type SchoolType } from '../../../common/org/enums.js';
import { type GrantScope, isGrantableRole, ROLE_SCOPE } from '../../../common/org/role-scope.js';
import type { Db } from '../../db/pool.js';
import type { RoleGrant } from '../../platform/auth/types.js';
import { AppError } from '../../platform/errors.js';
import { type Lang, translate } from '../../platform/messages.js';

/** A grant as a client sends it: scope fields that do not apply may be absent or null. */
export interface GrantInput {
  role: string;
  regionId?: number | null;
  schoolId?: number | null;
  gradeLevel?: number | null;
  subjectId?: number | null;
}

/** A grant as the admin pages show it: with the role's label and the name of its scope. */
export interface GrantView extends RoleGrant {
  label: string;
  scopeName: string;
}

const SCOPE_FIELDS: readonly (keyof GrantScope)[] = ['regionId', 'schoolId', 'gradeLevel', 'subjectId'];

/** The scope fields each kind of role uses; the others must be empty (the user_roles CHECKs, a little stricter). */
const FIELDS_OF_KIND: Record<(typeof ROLE_SCOPE)[keyof typeof ROLE_SCOPE], readonly (keyof GrantScope)[]> = {
  region: ['regionId'],
  region_or_school: ['regionId', 'schoolId'],
  school: ['schoolId'],
  school_grade: ['schoolId', 'gradeLevel'],
  school_subject: ['schoolId', 'subjectId'],
};

function invalid(key: string, index: number, field: string | null, params: Record<string, unknown>) {
  return new AppError(400, 'validation_failed', key, params, { index, field });
}

/**
 * Checks a set of grants — role, scope fields, and that the referenced region, school and subject are live
 * records of this county (and the grade is one the school teaches) — and returns them normalised and
 * de-duplicated. Messages name the role and the field in the caller's language; `details` says which grant.
 */
export async function normalizeGrants(
  db: Db,
  countyId: number,
  inputs: GrantInput[],
  lang: Lang,
): Promise<RoleGrant[]> {
  const grants: RoleGrant[] = [];
  inputs.forEach((input, index) => {
    const role = input.role;
    if (role === 'head_teacher' || role === 'teacher') {
      throw invalid('admin_role_derived', index, 'role', { label: labelOf(ROLES, role, lang) });
    }
    if (!isGrantableRole(role)) throw invalid('admin_role_unknown', index, 'role', { role });
    const label = labelOf(ROLES, role, lang);
    const kind = ROLE_SCOPE[role];
    const allowed = FIELDS_OF_KIND[kind];
    for (const field of SCOPE_FIELDS) {
      if (input[field] != null && !allowed.includes(field)) {
        throw invalid('admin_grant_field_not_allowed', index, field, {
          label,
          field: translate(lang, `admin_field_${field}`),
        });
      }
    }
    if (kind === 'region_or_school') {
      if ((input.regionId == null) === (input.schoolId == null)) {
        throw invalid('admin_grant_region_or_school', index, 'regionId', { label });
      }
    } else {
      for (const field of allowed) {
        if (input[field] == null) {
          throw invalid('admin_grant_field_required', index, field, {
            label,
            field: translate(lang, `admin_field_${field}`),
          });
        }
      }
    }
    grants.push({
      role,
      regionId: input.regionId ?? null,
      schoolId: input.schoolId ?? null,
      gradeLevel: input.gradeLevel ?? null,
      subjectId: input.subjectId ?? null,
    });
  });

  const regionIds = unique(grants.map((g) => g.regionId));
  const schoolIds = unique(grants.map((g) => g.schoolId));
  const subjectIds = unique(grants.map((g) => g.subjectId));
  const [regions, schools, subjects] = await Promise.all([
    regionIds.length === 0
      ? []
      : db
          .selectFrom('regions')
          .select(['id', 'level'])
          .where('id', 'in', regionIds)
          .where('county_id', '=', countyId)
          .where('level', 'in', ['county', 'district'])
          .where('archived_at', 'is', null)
          .execute(),
    schoolIds.length === 0
      ? []
      : db
          .selectFrom('schools')
          .select(['id', 'name', 'type'])
          .where('county_id', '=', countyId)
          .where('id', 'in', schoolIds)
          .where('archived_at', 'is', null)
          .execute(),
    subjectIds.length === 0
      ? []
      : db
          .selectFrom('subjects')
          .select('id')
          .where('county_id', '=', countyId)
          .where('id', 'in', subjectIds)
          .where('archived_at', 'is', null)
          .execute(),
  ]);
  const regionSet = new Set(regions.map((r) => r.id));
  const schoolMap = new Map(schools.map((s) => [s.id, s]));
  const subjectSet = new Set(subjects.map((s) => s.id));
  grants.forEach((g, index) => {
    if (g.regionId != null && !regionSet.has(g.regionId)) {
      throw invalid('admin_grant_region_invalid', index, 'regionId', { id: g.regionId });
    }
    const school = g.schoolId == null ? undefined : schoolMap.get(g.schoolId);
    if (g.schoolId != null && !school)
      throw invalid('admin_grant_school_invalid', index, 'schoolId', { id: g.schoolId });
    if (g.subjectId != null && !subjectSet.has(g.subjectId)) {
      throw invalid('admin_grant_subject_invalid', index, 'subjectId', { id: g.subjectId });
    }
    if (g.gradeLevel != null && school && !GRADES_OF_SCHOOL_TYPE[school.type as SchoolType]?.includes(g.gradeLevel)) {
      throw invalid('admin_grant_grade_invalid', index, 'gradeLevel', {
        school: school.name,
        grade: labelOf(GRADE_LEVELS, g.gradeLevel, lang),
      });
    }
  });

  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = grantKey(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function grantKey(g: RoleGrant): string {
  return [g.role, g.regionId, g.schoolId, g.gradeLevel, g.subjectId].join('|');
}

/** The same set of grants, whatever the order. */
export function sameGrants(a: RoleGrant[], b: RoleGrant[]): boolean {
  const ka = a.map(grantKey).sort();
  const kb = b.map(grantKey).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** The grants of these users, with labels and scope names, in grant order. */
export async function grantsOfUsers(
  db: Db,
  countyId: number,
  userIds: number[],
  lang: Lang,
): Promise<Map<number, GrantView[]>> {
  const out = new Map<number, GrantView[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles as g')
    .leftJoin('regions as r', 'r.id', 'g.region_id')
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'g.county_id').onRef('s.id', '=', 'g.school_id'))
    .leftJoin('subjects as sub', (j) =>
      j.onRef('sub.county_id', '=', 'g.county_id').onRef('sub.id', '=', 'g.subject_id'),
    )
    .select([
      'g.user_id',
      'g.role',
      'g.region_id',
      'g.school_id',
      'g.grade_level',
      'g.subject_id',
      'r.name as regionName',
      's.name as schoolName',
      'sub.name as subjectName',
    ])
    .where('g.county_id', '=', countyId)
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id')
    .execute();
  for (const r of rows) {
    const role = r.role as RoleGrant['role'];
    const parts = [r.regionName, r.schoolName].filter((p): p is string => !!p);
    if (r.grade_level != null) parts.push(labelOf(GRADE_LEVELS, r.grade_level, lang));
    if (r.subjectName) parts.push(r.subjectName);
    out.get(r.user_id)?.push({
      role,
      regionId: r.region_id,
      schoolId: r.school_id,
      gradeLevel: r.grade_level,
      subjectId: r.subject_id,
      label: labelOf(ROLES, role, lang),
      scopeName: parts.join(' · '),
    });
  }
  return out;
}

function unique(values: (number | null)[]): number[] {
  return [...new Set(values.filter((v): v is number => v != null))];
}
