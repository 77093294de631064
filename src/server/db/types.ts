import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActivitiesTables } from '../modules/activities/tables.js';
import type { ExamsTables } from '../modules/exams/tables.js';
import type { HealthTables } from '../modules/health/tables.js';
import type { IndicatorsTables } from '../modules/indicators/tables.js';
import type { InspectionsTables } from '../modules/inspections/tables.js';
import type { SurveysTables } from '../modules/surveys/tables.js';
import type { NotificationsTables } from '../platform/notifications/tables.js';

/**
 * Table types for Kysely, written by hand to match src/server/db/migrations (keep them in step).
 * bigint columns are returned by `pg` as strings; we parse them to numbers in pool.ts (ids stay far below 2^53).
 * numeric columns are parsed to numbers too; date columns are kept as 'YYYY-MM-DD' strings.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
type Id = Generated<number>;

export interface RegionsTable {
  id: Id;
  parent_id: number | null;
  county_id: number | null;
  level: string;
  code: string;
  name: string;
  sort: Generated<number>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SchoolsTable {
  county_id: number;
  id: Id;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  location: string;
  region_id: number;
  parent_school_id: number | null;
  is_weak: Generated<boolean>;
  principal_name: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  address: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SchoolYearsTable {
  county_id: number;
  id: Id;
  name: string;
  start_date: DateText;
  end_date: DateText;
  is_current: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TermsTable {
  county_id: number;
  id: Id;
  school_year_id: number;
  kind: string;
  name: string;
  start_date: DateText;
  end_date: DateText;
  is_current: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SubjectsTable {
  county_id: number;
  id: Id;
  code: string;
  name: string;
  stages: Generated<string[]>;
  sort: Generated<number>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StaffTable {
  county_id: number;
  id: Id;
  staff_no: string;
  name: string;
  gender: string | null;
  school_id: number | null;
  region_id: number | null;
  phone: string | null;
  title: string | null;
  tiers: Generated<string[]>;
  subject_ids: Generated<number[]>;
  position: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClassesTable {
  county_id: number;
  id: Id;
  school_id: number;
  school_year_id: number;
  grade_level: number;
  class_no: number;
  name: string;
  head_teacher_id: number | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeachingAssignmentsTable {
  county_id: number;
  id: Id;
  term_id: number;
  staff_id: number;
  class_id: number;
  subject_id: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StudentsTable {
  county_id: number;
  id: Id;
  student_no: string;
  name: string;
  gender: string;
  birth_date: DateText | null;
  school_id: number | null;
  class_id: number | null;
  status: Generated<string>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StudentEnrollmentsTable {
  county_id: number;
  id: Id;
  student_id: number;
  term_id: number;
  school_id: number;
  class_id: number;
  start_date: DateText;
  end_date: DateText | null;
  reason: Generated<string>;
  created_at: Generated<Date>;
}

export interface GuardiansTable {
  county_id: number;
  id: Id;
  student_id: number;
  name: string;
  relation: string;
  phone: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  county_id: number;
  id: Id;
  username: string;
  display_name: string;
  staff_id: number | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  locale: Generated<string>;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRolesTable {
  county_id: number;
  id: Id;
  user_id: number;
  role: string;
  region_id: number | null;
  school_id: number | null;
  grade_level: number | null;
  subject_id: number | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  county_id: number;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Id;
  username: string;
  ip: string;
  at: Generated<Date>;
  success: boolean;
}

export interface AuditLogTable {
  county_id: number;
  id: Id;
  at: Generated<Date>;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown | null;
  after: unknown | null;
  summary: string | null;
  ip: string | null;
}

export interface ImportJobsTable {
  county_id: number;
  id: Id;
  user_id: number;
  kind: string;
  status: string;
  file_name: string;
  file_hash: string;
  encoding: string | null;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  errors: Generated<unknown>;
  summary: unknown | null;
  message: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SettingsTable {
  county_id: number;
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

/** Every table: the platform's and the registry's below, each module's in its own tables.ts. */
export interface Database
  extends ExamsTables,
    InspectionsTables,
    SurveysTables,
    ActivitiesTables,
    HealthTables,
    IndicatorsTables,
    NotificationsTables {
  regions: RegionsTable;
  schools: SchoolsTable;
  school_years: SchoolYearsTable;
  terms: TermsTable;
  subjects: SubjectsTable;
  staff: StaffTable;
  classes: ClassesTable;
  teaching_assignments: TeachingAssignmentsTable;
  students: StudentsTable;
  student_enrollments: StudentEnrollmentsTable;
  guardians: GuardiansTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
  settings: SettingsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
