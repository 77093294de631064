import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { hasRole, isCountyAdmin, managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ExamPrivacy, RankRole } from './thresholds.js';

/**
 * Who may do what with exams.
 * - A bureau exam (no owner school) is set up, imported and analysed by the county's 教育局管理员 or a county-level
 *   教研员 (who also sets the papers); a school's own exam by whoever manages that school (校长, 教导主任).
 * - Everyone signed in reads exams their scope touches; every result row is then filtered by scope in SQL
 *   (county/学区 rows: bureau roles; school rows: the school's viewers; class rows: the class's viewers).
 */
export const examsPolicy = {
  read: (_auth: AuthContext) => true,
  /** May create or manage some exam (the route checks the exam itself). */
  manageSome: (auth: AuthContext) => managesBureauExams(auth) || managesAnySchool(auth),
  /** Settings of the county (threshold defaults, weights, privacy). */
  manageCounty: (auth: AuthContext) => isCountyAdmin(auth),
};

export function managesBureauExams(auth: AuthContext): boolean {
  return isCountyAdmin(auth) || (hasRole(auth, 'researcher') && auth.scope.allSchools);
}

export interface ExamRow {
  id: number;
  county_id: number;
  owner_school_id: number | null;
  school_ids: number[];
  grade_level: number;
  archived_at: Date | null;
}

export function managesExam(auth: AuthContext, exam: Pick<ExamRow, 'owner_school_id'>): boolean {
  return exam.owner_school_id == null ? managesBureauExams(auth) : managesSchool(auth, exam.owner_school_id);
}

/** Exams the caller sees: every exam for a county-wide scope, else those taken by (or owned by) a school they see. */
export function examVisible(auth: AuthContext, alias = 'e'): RawBuilder<boolean> {
  if (auth.scope.allSchools) return sql<boolean>`true`;
  const owner = `${alias}.owner_school_id`;
  return sql<boolean>`(
    (${sql.ref(owner)} IS NOT NULL AND ${schoolVisible(auth.scope, owner)})
    OR (${sql.ref(owner)} IS NULL AND (cardinality(${sql.ref(`${alias}.school_ids`)}) = 0
      OR EXISTS (SELECT 1 FROM unnest(${sql.ref(`${alias}.school_ids`)}) AS p(sid) WHERE ${schoolVisible(auth.scope, 'p.sid')})))
  )`;
}

/** Loads an exam the caller sees: 404 when it does not exist, 403 when it is outside the caller's scope. */
export async function loadExam(db: Db, auth: AuthContext, examId: number) {
  const exam = await db
    .selectFrom('exams as e')
    .selectAll('e')
    .select(examVisible(auth).as('visible'))
    .where('e.county_id', '=', auth.user.countyId)
    .where('e.id', '=', examId)
    .executeTakeFirst();
  if (!exam) throw notFound();
  if (!exam.visible) throw forbidden();
  return exam;
}

export async function loadManagedExam(db: Db, auth: AuthContext, examId: number) {
  const exam = await loadExam(db, auth, examId);
  if (!managesExam(auth, exam)) throw forbidden();
  return exam;
}

/** Which rank setting applies to the caller: bureau roles, school-level roles, or teachers only. */
export function rankRoleOf(auth: AuthContext): RankRole {
  if (auth.scope.bureau) return 'bureau';
  if (auth.user.roles.length > 0) return 'school';
  return 'teacher';
}

/** Student ranks visible to the caller for an exam of this grade (grades 1–9 are compulsory education). */
export function ranksVisible(auth: AuthContext, privacy: ExamPrivacy, gradeLevel: number): boolean {
  const setting = privacy.ranks[rankRoleOf(auth)];
  return gradeLevel <= 9 ? setting.compulsory : setting.senior;
}
