/**
 * Shapes of the API answers the web app reads, field for field as in docs/api.md.
 * Kept in one file so a contract change is one edit here and the compiler finds every use.
 */
import type {
  Gender,
  RegionLevel,
  Role,
  SchoolLocation,
  SchoolType,
  Stage,
  StudentStatus,
  TermKind,
} from '../../common/org/enums';

export type Id = number;
export type Locale = 'zh-CN' | 'en';

/** Every list endpoint answers this; `total` counts only rows the caller may see. */
export interface ListAnswer<T> {
  items: T[];
  total: number;
}

export interface RoleGrant {
  role: Role;
  regionId: Id | null;
  schoolId: Id | null;
  gradeLevel: number | null;
  subjectId: Id | null;
  label: string;
}

/**
 * What the web app may offer the user (GET /auth/me). The server checks every request anyway; this only hides
 * actions that would be refused.
 */
export interface Permissions {
  /** Regions, school years/terms, subjects, creating and importing schools. */
  manageCounty: boolean;
  /** Schools whose records (classes, staff, students, …) the user may change; null = every school. */
  manageSchoolIds: Id[] | null;
  /** At least one school (or all). */
  manageAnySchool: boolean;
  manageAccounts: boolean;
  readAudit: boolean;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  countyId: Id;
  countyName: string;
  locale: Locale;
  mustChangePassword: boolean;
  staffId: Id | null;
  roles: RoleGrant[];
  isHeadTeacher: boolean;
  isTeacher: boolean;
  permissions: Permissions;
}

export interface SessionAnswer {
  user: User;
  csrfToken: string;
}

/** GET /org/scope: the units the caller may switch to in the header picker. */
export interface ScopeRegion {
  id: Id;
  parentId: Id | null;
  name: string;
  level: RegionLevel;
}
export interface ScopeSchool {
  id: Id;
  name: string;
  regionId: Id;
  type: SchoolType;
}
export interface OrgScope {
  regions: ScopeRegion[];
  schools: ScopeSchool[];
}

export interface Region {
  id: Id;
  parentId: Id | null;
  countyId: Id | null;
  level: RegionLevel;
  code: string;
  name: string;
  sort: number;
}

export interface School {
  id: Id;
  countyId: Id;
  code: string;
  name: string;
  shortName: string | null;
  type: SchoolType;
  location: SchoolLocation;
  regionId: Id;
  regionName: string;
  parentSchoolId: Id | null;
  parentSchoolName: string | null;
  isWeak: boolean;
  principalName: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  address: string | null;
  archived: boolean;
}

export interface SchoolYear {
  id: Id;
  name: string;
  startDate: string;
  endDate: string;
  isCurrent: boolean;
}

export interface Term {
  id: Id;
  schoolYearId: Id;
  schoolYearName: string;
  kind: TermKind;
  name: string;
  startDate: string;
  endDate: string;
  isCurrent: boolean;
}

export interface Subject {
  id: Id;
  code: string;
  name: string;
  stages: Stage[];
  sort: number;
}

export interface Staff {
  id: Id;
  staffNo: string;
  name: string;
  gender: Gender | null;
  schoolId: Id | null;
  schoolName: string | null;
  regionId: Id | null;
  phone: string | null;
  title: string | null;
  tiers: string[];
  subjectIds: Id[];
  subjectNames: string[];
  position: string | null;
  hasAccount: boolean;
}

export interface SchoolClass {
  id: Id;
  schoolId: Id;
  schoolName: string;
  schoolYearId: Id;
  gradeLevel: number;
  classNo: number;
  name: string;
  headTeacherId: Id | null;
  headTeacherName: string | null;
  studentCount: number;
}

export interface TeachingAssignment {
  id: Id;
  termId: Id;
  staffId: Id;
  staffNo: string;
  staffName: string;
  classId: Id;
  className: string;
  schoolId: Id;
  schoolName: string;
  subjectId: Id;
  subjectName: string;
}

export interface Student {
  id: Id;
  studentNo: string;
  name: string;
  gender: Gender;
  birthDate: string | null;
  schoolId: Id | null;
  schoolName: string | null;
  classId: Id | null;
  className: string | null;
  gradeLevel: number | null;
  status: StudentStatus;
}

/** One placement of GET /org/students/:id/enrollments (answered as `{ items, total }`, oldest first). */
export interface Enrollment {
  id: Id;
  termId: Id;
  termName: string;
  schoolId: Id;
  schoolName: string;
  classId: Id;
  className: string;
  startDate: string;
  endDate: string | null;
  reason: 'enrol' | 'promote' | 'transfer' | 'import';
}

export interface Guardian {
  id: Id;
  studentId: Id;
  studentNo: string;
  studentName: string;
  /** The student's school: edits are offered by it. */
  schoolId: Id | null;
  name: string;
  relation: string;
  phone: string | null;
}

/** A grant as the account admin sees it: with the name of its region or school. */
export interface AdminRoleGrant extends RoleGrant {
  scopeName: string | null;
}

export interface AdminUser {
  id: Id;
  username: string;
  displayName: string;
  staffId: Id | null;
  staffName: string | null;
  locale: Locale;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: AdminRoleGrant[];
}

export interface AuditEntry {
  id: Id;
  at: string;
  userId: Id | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const IMPORT_KINDS = [
  'regions',
  'schools',
  'terms',
  'subjects',
  'staff',
  'classes',
  'teaching-assignments',
  'students',
  'guardians',
  'health-fitness',
  'health-vision',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportStatus = 'queued' | 'validating' | 'validated' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportJob {
  id: Id;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  totalRows: number;
  processedRows: number;
  errors: ImportRowError[];
  summary: { create: number; update: number; unchanged: number } | null;
  message: string | null;
  createdAt: string;
  updatedAt: string;
}
