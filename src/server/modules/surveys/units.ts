import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { classVisible, schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * The units of a campaign (classes, or schools for a teacher survey) the caller may see, with names, head teacher,
 * 学区 and respondent counts. A 班主任 sees their classes, a 年级组长 their grade, a 校长 the school, the bureau
 * every unit: the same scope rules as the registry (platform/auth/scope-sql.ts), in SQL.
 */
export interface UnitRow {
  id: number;
  schoolId: number;
  schoolName: string;
  regionId: number;
  regionName: string;
  classId: number | null;
  className: string | null;
  gradeLevel: number | null;
  headTeacherName: string | null;
  headTeacherPhone: string | null;
  eligible: number;
  respondents: number;
  linkCode: string;
}

export async function visibleUnits(db: Db, auth: AuthContext, campaignId: number): Promise<UnitRow[]> {
  const countyId = auth.user.countyId;
  const rows = await db
    .selectFrom('survey_units as u')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'u.county_id').onRef('s.id', '=', 'u.school_id'))
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'u.county_id').onRef('c.id', '=', 'u.class_id'))
    .leftJoin('staff as h', (j) => j.onRef('h.county_id', '=', 'c.county_id').onRef('h.id', '=', 'c.head_teacher_id'))
    .select([
      'u.id',
      'u.school_id as schoolId',
      's.name as schoolName',
      's.region_id as regionId',
      'r.name as regionName',
      'u.class_id as classId',
      'c.name as className',
      'c.grade_level as gradeLevel',
      'h.name as headTeacherName',
      'h.phone as headTeacherPhone',
      'u.eligible',
      'u.link_code as linkCode',
      sql<number>`(SELECT count(*)::int FROM survey_responses sr WHERE sr.county_id = u.county_id AND sr.unit_id = u.id)`.as(
        'respondents',
      ),
    ])
    .where('u.county_id', '=', countyId)
    .where('u.campaign_id', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb.and([eb('u.class_id', 'is', null), schoolVisible(auth.scope, 'u.school_id')]),
        eb.and([
          eb('u.class_id', 'is not', null),
          classVisible(auth.scope, { school: 'c.school_id', grade: 'c.grade_level', classId: 'c.id' }),
        ]),
      ]),
    )
    .orderBy('s.code')
    .orderBy('c.grade_level')
    .orderBy('c.class_no')
    .execute();
  return rows.map((r) => ({ ...r, gradeLevel: r.gradeLevel === null ? null : Number(r.gradeLevel) }));
}

/** Display name of a unit: 学校 三年级(2)班, or the school alone. */
export function unitName(u: Pick<UnitRow, 'schoolName' | 'className'>): string {
  return u.className ? `${u.schoolName} ${u.className}` : u.schoolName;
}
