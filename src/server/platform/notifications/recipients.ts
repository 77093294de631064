import { sql, type Transaction } from 'kysely';
import type { Role } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import type { Database } from '../../db/types.js';

/**
 * Who receives a message. Modules name people the way their data does: a user, a staff member, or "the holders of
 * role R at school S / anywhere in the county". 班主任 and 任课教师 are not granted roles (see ROLES): they are
 * found through the current school year's classes and teaching assignments, then staff → users.
 */
export type Recipient =
  | { userId: number }
  | { staffId: number }
  | { role: Role; schoolId: number }
  | { role: Role; county: true };

type Executor = Db | Transaction<Database>;

/**
 * The active (not disabled) user ids the recipients stand for, deduplicated and sorted.
 * A role "at school S" is held by a grant on S itself, or by a grant on a region that contains S (a 学区 leader's
 * grant covers the district's schools), exactly as the scope rules read grants.
 */
export async function resolveRecipients(db: Executor, countyId: number, recipients: Recipient[]): Promise<number[]> {
  const ids = new Set<number>();
  const userIds = recipients.flatMap((r) => ('userId' in r ? [r.userId] : []));
  const staffIds = recipients.flatMap((r) => ('staffId' in r ? [r.staffId] : []));
  if (userIds.length > 0) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', 'in', userIds)
      .where('disabled_at', 'is', null)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (staffIds.length > 0) for (const id of await usersOfStaff(db, countyId, staffIds)) ids.add(id);
  for (const r of recipients) {
    if (!('role' in r)) continue;
    const schoolId = 'schoolId' in r ? r.schoolId : null;
    const found =
      r.role === 'head_teacher' || r.role === 'teacher'
        ? await usersOfStaff(db, countyId, await classTeachers(db, countyId, r.role, schoolId))
        : await grantHolders(db, countyId, r.role, schoolId);
    for (const id of found) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

async function usersOfStaff(db: Executor, countyId: number, staffIds: number[]): Promise<number[]> {
  if (staffIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('county_id', '=', countyId)
    .where('staff_id', 'in', staffIds)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Users granted `role` on the school (or on a region above it), or anywhere in the county when schoolId is null. */
async function grantHolders(db: Executor, countyId: number, role: Role, schoolId: number | null): Promise<number[]> {
  const rows =
    schoolId == null
      ? await sql<{ id: number }>`
          SELECT DISTINCT u.id FROM user_roles g JOIN users u ON u.county_id = g.county_id AND u.id = g.user_id
          WHERE g.county_id = ${countyId} AND g.role = ${role} AND u.disabled_at IS NULL`.execute(db)
      : await sql<{ id: number }>`
          WITH RECURSIVE up AS (
            SELECT r.id, r.parent_id FROM regions r JOIN schools s ON s.region_id = r.id
            WHERE s.county_id = ${countyId} AND s.id = ${schoolId}
            UNION SELECT r.id, r.parent_id FROM regions r JOIN up ON r.id = up.parent_id
          )
          SELECT DISTINCT u.id FROM user_roles g JOIN users u ON u.county_id = g.county_id AND u.id = g.user_id
          WHERE g.county_id = ${countyId} AND g.role = ${role} AND u.disabled_at IS NULL
            AND (g.school_id = ${schoolId} OR g.region_id IN (SELECT id FROM up))`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Staff who are 班主任 / 任课教师 of a current-year class (of the school, or anywhere in the county). */
async function classTeachers(
  db: Executor,
  countyId: number,
  role: 'head_teacher' | 'teacher',
  schoolId: number | null,
): Promise<number[]> {
  const atSchool = schoolId == null ? sql`TRUE` : sql`c.school_id = ${schoolId}`;
  const rows =
    role === 'head_teacher'
      ? await sql<{ id: number }>`
          SELECT DISTINCT c.head_teacher_id AS id FROM classes c
            JOIN school_years y ON y.county_id = c.county_id AND y.id = c.school_year_id AND y.is_current
          WHERE c.county_id = ${countyId} AND c.head_teacher_id IS NOT NULL AND c.archived_at IS NULL
            AND ${atSchool}`.execute(db)
      : await sql<{ id: number }>`
          SELECT DISTINCT ta.staff_id AS id FROM teaching_assignments ta
            JOIN classes c ON c.county_id = ta.county_id AND c.id = ta.class_id
            JOIN terms t ON t.county_id = ta.county_id AND t.id = ta.term_id
            JOIN school_years y ON y.county_id = t.county_id AND y.id = t.school_year_id AND y.is_current
          WHERE ta.county_id = ${countyId} AND ${atSchool}`.execute(db);
  return rows.rows.map((r) => r.id);
}
