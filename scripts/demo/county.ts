/**
 * Generates a demo county as plain data (no I/O): region tree, schools of every type, school years and terms,
 * subjects, staff, classes with 班主任, teaching assignments, students with 学籍号, their enrolment history over two
 * school years, guardians, and the demo accounts with their roles.
 *
 * Ids are local (1, 2, 3 … per table) and every reference uses them; `loadCounty` shifts them past whatever the
 * database already holds. The same options always give the same data (see random.ts).
 *
 * Shape of the county (default 40,000 students, ~60 schools):
 *   - students split by stage ≈ 53% 小学, 28% 初中, 19% 高中; class sizes ~44–50 in town centres and senior schools,
 *     smaller in the countryside; 村小 have one class a grade of 10–28 pupils, 教学点 3–10;
 *   - school staff ≈ students / 13.6 (more per student in small rural schools), plus ~40 bureau and 学区 staff;
 *   - last year's classes hold this year's students one grade lower (same class number: classes stay together);
 *     entrants to 初中/高中 come from last year's 六年级/九年级 classes of other schools, preferably in the same 学区;
 *     last year's top grades (高三, and 六年级/九年级 pupils who left the county) are students with status graduated.
 */
import {
  type Gender,
  GRADE_LEVELS,
  GRADES_OF_SCHOOL_TYPE,
  type RegionLevel,
  type Role,
  type SchoolLocation,
  type SchoolType,
  type Stage,
  type StudentStatus,
  stageOfGrade,
  type TermKind,
} from '../../src/common/org/enums.js';
import {
  chineseNumber,
  type Generation,
  mobilePhone,
  personName,
  pickGivenName,
  pickSurname,
  ROADS,
  TOWNS,
  VILLAGES,
} from './names.js';
import { Random } from './random.js';

// ---------------------------------------------------------------------------------------------------------------
// Output types: one interface per table, columns named as in the database, ids local to the generated data.

export interface RegionRow {
  id: number;
  parent_id: number | null;
  /** Local id of the county region for county and district rows; null for province and city. */
  county_id: number | null;
  level: RegionLevel;
  code: string;
  name: string;
  sort: number;
}

export interface SchoolRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  type: SchoolType;
  location: SchoolLocation;
  region_id: number;
  parent_school_id: number | null;
  is_weak: boolean;
  principal_name: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  address: string | null;
}

export interface SchoolYearRow {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
  is_current: boolean;
}

export interface TermRow {
  id: number;
  school_year_id: number;
  kind: TermKind;
  name: string;
  start_date: string;
  end_date: string;
  is_current: boolean;
}

export interface SubjectRow {
  id: number;
  code: string;
  name: string;
  stages: Stage[];
  sort: number;
}

export type StaffTitle = 'senior_professor' | 'senior' | 'first' | 'second' | 'third' | 'none';
export type StaffTier =
  | 'backbone'
  | 'subject_leader'
  | 'famous_teacher'
  | 'famous_principal'
  | 'famous_head_teacher'
  | 'new_teacher';

export interface StaffRow {
  id: number;
  staff_no: string;
  name: string;
  gender: Gender;
  school_id: number | null;
  region_id: number | null;
  phone: string | null;
  title: StaffTitle | null;
  tiers: StaffTier[];
  subject_ids: number[];
  position: string | null;
}

export interface ClassRow {
  id: number;
  school_id: number;
  school_year_id: number;
  grade_level: number;
  class_no: number;
  name: string;
  head_teacher_id: number | null;
}

export interface TeachingAssignmentRow {
  id: number;
  term_id: number;
  staff_id: number;
  class_id: number;
  subject_id: number;
}

export interface StudentRow {
  id: number;
  student_no: string;
  name: string;
  gender: Gender;
  birth_date: string;
  school_id: number | null;
  class_id: number | null;
  status: StudentStatus;
}

export type EnrollmentReason = 'enrol' | 'promote' | 'transfer' | 'import';

export interface EnrollmentRow {
  id: number;
  student_id: number;
  term_id: number;
  school_id: number;
  class_id: number;
  start_date: string;
  end_date: string | null;
  reason: EnrollmentReason;
}

export type GuardianRelation = 'father' | 'mother' | 'grandparent' | 'other';

export interface GuardianRow {
  id: number;
  student_id: number;
  name: string;
  relation: GuardianRelation;
  phone: string | null;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  staff_id: number | null;
  locale: 'zh-CN' | 'en';
}

export type GrantedRole = Exclude<Role, 'head_teacher' | 'teacher'>;

export interface UserRoleRow {
  id: number;
  user_id: number;
  role: GrantedRole;
  region_id: number | null;
  school_id: number | null;
  grade_level: number | null;
  subject_id: number | null;
}

export interface GenerateOptions {
  /** PRNG seed (default 1). */
  seed?: number;
  /** Active students (default 40,000). */
  students?: number;
  /** Schools (default 60 for 40,000 students, growing with the square root of the student count; minimum 15). */
  schools?: number;
  /** County region code (default '990101'; province and city codes derive from it). */
  countyCode?: string;
  /** County name (default '示范县'). */
  countyName?: string;
  /** Prefix for demo usernames (default ''), so a second county can be loaded beside the first. */
  usernamePrefix?: string;
  /** Start year of the current school year (default 2025: the 2025-2026 school year); last year is the one before. */
  schoolYear?: number;
  /** The current term of that year (default 'first', 上学期). */
  currentTerm?: 'first' | 'second';
}

export interface DemoCounty {
  options: Required<GenerateOptions>;
  /** Local id of the county region (the tenant): its database id is the county_id of every other row. */
  countyRegionId: number;
  /** Local ids of the demo school (the school of the school-level demo accounts) and the current term. */
  demoSchoolId: number;
  currentSchoolYearId: number;
  currentTermId: number;
  regions: RegionRow[];
  schools: SchoolRow[];
  schoolYears: SchoolYearRow[];
  terms: TermRow[];
  subjects: SubjectRow[];
  staff: StaffRow[];
  classes: ClassRow[];
  teachingAssignments: TeachingAssignmentRow[];
  students: StudentRow[];
  enrollments: EnrollmentRow[];
  guardians: GuardianRow[];
  users: UserRow[];
  userRoles: UserRoleRow[];
}

/** Tables of DemoCounty in load order (parents before children). */
export const TABLE_KEYS = [
  'regions',
  'schools',
  'schoolYears',
  'terms',
  'subjects',
  'staff',
  'classes',
  'teachingAssignments',
  'students',
  'enrollments',
  'guardians',
  'users',
  'userRoles',
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export function countRows(data: DemoCounty): Record<TableKey, number> & { activeStudents: number } {
  const counts = {} as Record<TableKey, number>;
  for (const key of TABLE_KEYS) counts[key] = data[key].length;
  return { ...counts, activeStudents: data.students.filter((s) => s.status === 'active').length };
}

// ---------------------------------------------------------------------------------------------------------------
// Demo accounts.

export const DEMO_PASSWORD = 'Demo@2025';

export interface DemoAccount {
  username: string;
  /** The role that defines the account: a granted role, or head_teacher/teacher that follow from the registry. */
  role: Role;
  zh: string;
  en: string;
}

export const DEMO_SCHOOL_NAME = '城关第一小学';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  { username: 'leader', role: 'bureau_leader', zh: '局领导（全县）', en: 'Bureau leader (whole county)' },
  {
    username: 'researcher',
    role: 'researcher',
    zh: '教研员（小学数学，全县）',
    en: 'Teaching researcher (primary mathematics, whole county)',
  },
  {
    username: 'inspector',
    role: 'inspector',
    zh: '责任督学（5所学校）',
    en: 'Inspector (5 assigned schools)',
  },
  {
    username: 'district',
    role: 'bureau_leader',
    zh: '学区主任（城关学区）',
    en: 'School-district head (城关学区)',
  },
  {
    username: 'principal',
    role: 'school_admin',
    zh: `校长（${DEMO_SCHOOL_NAME}）`,
    en: `Principal (${DEMO_SCHOOL_NAME})`,
  },
  {
    username: 'director',
    role: 'school_director',
    zh: `教导主任（${DEMO_SCHOOL_NAME}）`,
    en: `Dean of studies (${DEMO_SCHOOL_NAME})`,
  },
  {
    username: 'gradelead',
    role: 'grade_leader',
    zh: `三年级年级组长（${DEMO_SCHOOL_NAME}）`,
    en: `Grade 3 leader (${DEMO_SCHOOL_NAME})`,
  },
  {
    username: 'subjectlead',
    role: 'subject_leader',
    zh: `数学教研组长（${DEMO_SCHOOL_NAME}）`,
    en: `Mathematics group leader (${DEMO_SCHOOL_NAME})`,
  },
  {
    username: 'headteacher',
    role: 'head_teacher',
    zh: `班主任（${DEMO_SCHOOL_NAME}三年级）`,
    en: `Class teacher (grade 3, ${DEMO_SCHOOL_NAME})`,
  },
  {
    username: 'teacher',
    role: 'teacher',
    zh: `任课教师（${DEMO_SCHOOL_NAME}，非班主任）`,
    en: `Subject teacher (${DEMO_SCHOOL_NAME}, not a class teacher)`,
  },
]);

// ---------------------------------------------------------------------------------------------------------------
// Fixed material: subjects with their weekly periods per grade, the calendar.

interface SubjectDef {
  code: string;
  name: string;
  /** Weekly periods in grades 1–12 (0 = not taught in that grade). */
  periods: readonly number[];
}

const SUBJECT_DEFS: readonly SubjectDef[] = [
  { code: 'chinese', name: '语文', periods: [8, 8, 7, 7, 6, 6, 5, 5, 5, 5, 5, 5] },
  { code: 'math', name: '数学', periods: [4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5] },
  { code: 'english', name: '英语', periods: [0, 0, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5] },
  { code: 'morality', name: '道德与法治', periods: [2, 2, 2, 2, 3, 3, 2, 2, 2, 0, 0, 0] },
  { code: 'politics', name: '思想政治', periods: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2] },
  { code: 'science', name: '科学', periods: [1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0] },
  { code: 'physics', name: '物理', periods: [0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 3, 3] },
  { code: 'chemistry', name: '化学', periods: [0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3] },
  { code: 'biology', name: '生物', periods: [0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 2] },
  { code: 'history', name: '历史', periods: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2] },
  { code: 'geography', name: '地理', periods: [0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 2] },
  { code: 'pe', name: '体育与健康', periods: [4, 4, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2] },
  { code: 'music', name: '音乐', periods: [2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0] },
  { code: 'art', name: '美术', periods: [2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0] },
  { code: 'it', name: '信息科技', periods: [0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0] },
];

/** Subjects whose teacher is preferred as 班主任 (语文 first, as in most primary schools). */
const HEAD_TEACHER_SUBJECTS = ['chinese', 'math', 'english'];

const STAGE_SHARE: Record<Stage, number> = { primary: 0.53, junior: 0.28, senior: 0.19 };
const STAGES_ORDER: readonly Stage[] = ['primary', 'junior', 'senior'];
/** Teachers per class by stage (before scaling to the county's overall ratio). */
const TEACHERS_PER_CLASS: Record<Stage, number> = { primary: 2.3, junior: 3.6, senior: 4.0 };
const STUDENTS_PER_STAFF = 13.6;

/**
 * The two school years of the demo: last year and the current one (starting 1 September of `yearStart`), each with
 * 上学期 (1 Sep – 20 Jan) and 下学期 (24 Feb – 10 Jul). Real dates move with the Spring Festival; a county edits them.
 */
function calendarOf(yearStart: number) {
  return [yearStart - 1, yearStart].map((y) => ({
    name: `${y}-${y + 1}`,
    start: `${y}-09-01`,
    end: `${y + 1}-08-31`,
    terms: [
      { kind: 'first' as const, start: `${y}-09-01`, end: `${y + 1}-01-20` },
      { kind: 'second' as const, start: `${y + 1}-02-24`, end: `${y + 1}-07-10` },
    ],
  }));
}

/**
 * The school year and term a date falls in, as the demo counts them: September–January is the 上学期 of the year that
 * started that September; February–August the 下学期. The server loads the demo for the day it first starts.
 */
export function schoolTermOn(date: Date): { schoolYear: number; currentTerm: 'first' | 'second' } {
  const year = date.getFullYear();
  const month = date.getMonth() + 1;
  if (month >= 9) return { schoolYear: year, currentTerm: 'first' };
  if (month === 1) return { schoolYear: year - 1, currentTerm: 'first' };
  return { schoolYear: year - 1, currentTerm: 'second' };
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** A birth date for a pupil in `grade` in the school year starting in September of `yearStart`. */
function birthDate(rng: Random, grade: number, yearStart: number): string {
  // Grade 1 in Sep 2025 → born 2018-09-01 … 2019-08-31 (six by 31 August); a few are a year older.
  const older = rng.chance(0.03) ? 1 : 0;
  const from = Date.UTC(yearStart - 7 - (grade - 1) - older, 8, 1);
  const to = Date.UTC(yearStart - 6 - (grade - 1) - older, 7, 31);
  return isoDate(from + rng.int(0, Math.round((to - from) / DAY_MS)) * DAY_MS);
}

function className(grade: number, classNo: number): string {
  return `${GRADE_LEVELS[grade - 1].zh}(${classNo})班`;
}

function entryGrade(type: SchoolType, stage: Stage): number {
  const grades = GRADES_OF_SCHOOL_TYPE[type].filter((g) => stageOfGrade(g) === stage);
  return grades[0];
}

/** Largest-remainder apportionment of `total` over weights, each share at least `min`. */
function apportion(weights: readonly number[], total: number, min: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const ideal = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const out = ideal.map((x) => Math.max(min, Math.floor(x)));
  let current = out.reduce((a, b) => a + b, 0);
  // Add to the cells furthest below their ideal; remove from those furthest above it.
  const order = ideal.map((_, i) => i);
  if (current < total) {
    order.sort((a, b) => ideal[b] - out[b] - (ideal[a] - out[a]) || a - b);
    let k = 0;
    while (current < total) {
      out[order[k % order.length]]++;
      current++;
      k++;
    }
  } else if (current > total) {
    order.sort((a, b) => ideal[a] - out[a] - (ideal[b] - out[b]) || a - b);
    let changed = true;
    while (current > total && changed) {
      changed = false;
      for (const i of order) {
        if (current <= total) break;
        if (out[i] > min) {
          out[i]--;
          current--;
          changed = true;
        }
      }
    }
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

// ---------------------------------------------------------------------------------------------------------------
// School plan.

interface SchoolPlan {
  row: SchoolRow;
  town: string | null;
  village: string | null;
  districtIndex: number;
  /** Relative classes per grade for each stage the school teaches (scaled to the county later). */
  base: Partial<Record<Stage, number>>;
  /** 村小 and 教学点 have one fixed class per grade of this size range, not scaled. */
  fixedSize: readonly [number, number] | null;
  sizeMean: number;
  sizeSd: number;
  isCentre: boolean;
}

interface SchoolMix {
  centres: number;
  villagesPerCentre: number[];
  pointsPerCentre: number[];
  senior: number;
  complete: number;
  twelve: number;
  nine: number;
  junior: number;
  primary: number;
}

function planMix(n: number, rng: Random): SchoolMix {
  const centres = Math.max(1, Math.round(n / 60));
  const villagesPerCentre = Array.from({ length: centres }, () => rng.int(2, 3));
  const pointsPerCentre = Array.from({ length: centres }, () => rng.int(1, 2));
  const small = villagesPerCentre.reduce((a, b) => a + b, 0) + pointsPerCentre.reduce((a, b) => a + b, 0);
  const senior = Math.max(1, Math.round(n * 0.04));
  const complete = Math.max(1, Math.round(n * 0.03));
  const twelve = Math.max(1, Math.round(n * 0.012));
  const nine = Math.max(1, Math.round(n * 0.1));
  const junior = Math.max(2, Math.round(n * 0.18));
  const primary = n - small - senior - complete - twelve - nine - junior;
  if (primary < centres + 1) throw new Error(`too few schools (${n}) for every school type`);
  return { centres, villagesPerCentre, pointsPerCentre, senior, complete, twelve, nine, junior, primary };
}

class NameBook {
  private readonly used = new Set<string>();
  take(...candidates: string[]): string {
    for (const c of candidates) {
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    const base = candidates[0];
    for (let i = 2; ; i++) {
      const c = `${base}（${i}）`;
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
  }
}

function shortName(name: string): string | null {
  let m = /^城关第(.+)小学$/.exec(name);
  if (m) return `城关${m[1]}小`;
  m = /^县第(.+)中学$/.exec(name);
  if (m) return `县${m[1]}中`;
  m = /^(.+[镇乡])中心小学$/.exec(name);
  if (m) return `${m[1]}中心校`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The generator.

export function generateCounty(opts: GenerateOptions = {}): DemoCounty {
  const students = Math.round(opts.students ?? 40_000);
  if (!(students >= 2000)) throw new Error('students must be at least 2000');
  const schoolsCount = Math.round(opts.schools ?? clamp(Math.round(60 * Math.sqrt(students / 40_000)), 15, 600));
  if (!(schoolsCount >= 15)) throw new Error('schools must be at least 15');
  const countyCode = opts.countyCode ?? '990101';
  if (!/^\d{6}$/.test(countyCode)) throw new Error('countyCode must be 6 digits');
  const options: Required<GenerateOptions> = {
    seed: opts.seed ?? 1,
    students,
    schools: schoolsCount,
    countyCode,
    countyName: opts.countyName ?? '示范县',
    usernamePrefix: opts.usernamePrefix ?? '',
    schoolYear: opts.schoolYear ?? 2025,
    currentTerm: opts.currentTerm ?? 'first',
  };
  if (!Number.isInteger(options.schoolYear) || options.schoolYear < 2000 || options.schoolYear > 2100) {
    throw new Error('schoolYear must be a year between 2000 and 2100');
  }
  const CALENDAR = calendarOf(options.schoolYear);
  const CURRENT_YEAR_START = options.schoolYear;
  const root = new Random(options.seed, 'tisheng-demo');

  // ---- regions -------------------------------------------------------------------------------------------
  const provinceCode = `${countyCode.slice(0, 2)}0000`;
  const cityCode = `${countyCode.slice(0, 4)}00`;
  const regions: RegionRow[] = [
    { id: 1, parent_id: null, county_id: null, level: 'province', code: provinceCode, name: '示范省', sort: 0 },
    { id: 2, parent_id: 1, county_id: null, level: 'city', code: cityCode, name: '示范市', sort: 0 },
    { id: 3, parent_id: 2, county_id: 3, level: 'county', code: countyCode, name: options.countyName, sort: 0 },
  ];
  const countyRegionId = 3;
  const districtNames = ['城关学区', `${TOWNS[0].slice(0, -1)}学区`, `${TOWNS[1].slice(0, -1)}学区`];
  const districtIds = districtNames.map((name, i) => {
    const id = regions.length + 1;
    regions.push({
      id,
      parent_id: 3,
      county_id: 3,
      level: 'district',
      code: `${countyCode}${pad(i + 1, 2)}`,
      name,
      sort: i + 1,
    });
    return id;
  });

  // ---- schools -------------------------------------------------------------------------------------------
  const rs = root.fork('schools');
  const mix = planMix(schoolsCount, rs);
  const names = new NameBook();
  const plans: SchoolPlan[] = [];
  const townCount = clamp(Math.round(schoolsCount / 5), 4, TOWNS.length);
  const towns = TOWNS.slice(0, townCount);
  /** Towns alternate between the second and third 学区; the county town is the first. */
  const townDistrict = (t: number) => 1 + (t % 2);
  const usedVillages = new Set<string>();
  const pickVillage = (town: string): string => {
    for (let tries = 0; tries < 200; tries++) {
      const v = rs.pick(VILLAGES);
      if (!usedVillages.has(town + v)) {
        usedVillages.add(town + v);
        return v;
      }
    }
    return `${rs.pick(VILLAGES)}${usedVillages.size}`;
  };
  const addSchool = (p: Omit<SchoolPlan, 'row'> & { name: string; type: SchoolType; location: SchoolLocation }) => {
    const id = plans.length + 1;
    const row: SchoolRow = {
      id,
      code: '',
      name: p.name,
      short_name: shortName(p.name),
      type: p.type,
      location: p.location,
      region_id: districtIds[p.districtIndex],
      parent_school_id: null,
      is_weak: false,
      principal_name: null,
      contact_person: null,
      contact_phone: null,
      address:
        p.location === 'urban'
          ? `${options.countyName}城关镇${rs.pick(ROADS)}${rs.int(1, 300)}号`
          : p.location === 'town'
            ? `${options.countyName}${p.town}${rs.pick(ROADS)}${rs.int(1, 120)}号`
            : `${options.countyName}${p.town}${p.village}村`,
    };
    const plan: SchoolPlan = { ...p, row };
    plans.push(plan);
    return plan;
  };
  const urbanSize = () => ({ sizeMean: rs.normal(46, 1.5), sizeSd: 2.5 });
  const townSize = () => ({ sizeMean: rs.normal(42, 2), sizeSd: 3.5 });
  const ruralSize = () => ({ sizeMean: rs.normal(30, 3), sizeSd: 5 });
  const common = { village: null, fixedSize: null, isCentre: false };

  // Senior and complete secondary schools: 县第一中学 …
  let countyOrdinal = 1;
  for (let i = 0; i < mix.senior; i++) {
    addSchool({
      ...common,
      ...urbanSize(),
      name: names.take(`县第${chineseNumber(countyOrdinal++)}中学`),
      type: 'senior',
      location: i < 2 ? 'urban' : 'town',
      town: i < 2 ? null : towns[i % towns.length],
      districtIndex: i < 2 ? 0 : townDistrict(i),
      base: { senior: i === 0 ? 16 : rs.real(9, 14) },
      sizeMean: rs.normal(50, 1.5),
    });
  }
  for (let i = 0; i < mix.complete; i++) {
    const urban = i === 0;
    const town = urban ? null : towns[(i * 3) % towns.length];
    addSchool({
      ...common,
      ...urbanSize(),
      name: urban
        ? names.take(`县第${chineseNumber(countyOrdinal++)}中学`)
        : names.take(`${town}中学`, `${town}高级中学`),
      type: 'complete',
      location: urban ? 'urban' : 'town',
      town,
      districtIndex: urban ? 0 : townDistrict(i * 3),
      base: { junior: rs.real(4, 6), senior: rs.real(7, 10) },
    });
  }
  for (let i = 0; i < mix.twelve; i++) {
    addSchool({
      ...common,
      ...urbanSize(),
      name: names.take('县育才学校', '县外国语学校', '县英才学校'),
      type: 'twelve_year',
      location: 'urban',
      town: null,
      districtIndex: 0,
      base: { primary: rs.real(2, 3), junior: rs.real(3, 4), senior: rs.real(4, 6) },
    });
  }
  // Nine-year schools: 县实验学校 in town, 乡镇九年一贯制学校 elsewhere.
  for (let i = 0; i < mix.nine; i++) {
    const urban = i === 0;
    const t = (i * 3 + 1) % towns.length;
    addSchool({
      ...common,
      ...(urban ? urbanSize() : townSize()),
      name: urban
        ? names.take('县实验学校', '城关实验学校')
        : names.take(`${towns[t]}九年一贯制学校`, `${towns[t]}学校`),
      type: 'nine_year',
      location: urban ? 'urban' : 'town',
      town: urban ? null : towns[t],
      districtIndex: urban ? 0 : townDistrict(t),
      base: urban
        ? { primary: rs.real(4, 6), junior: rs.real(5, 7) }
        : { primary: rs.real(1.5, 2.5), junior: rs.real(2, 3) },
    });
  }
  // Junior secondary schools: urban ones numbered with the county's middle schools, one per town otherwise.
  const urbanJuniors = Math.max(1, Math.round(mix.junior * 0.3));
  for (let i = 0; i < mix.junior; i++) {
    const urban = i < urbanJuniors;
    const t = (i - urbanJuniors) % towns.length;
    addSchool({
      ...common,
      ...(urban ? urbanSize() : townSize()),
      name: urban
        ? i === 0
          ? names.take('城关中学')
          : names.take(`县第${chineseNumber(countyOrdinal++)}中学`)
        : names.take(`${towns[t]}中学`, `${towns[t]}初级中学`, `${towns[t]}第二中学`),
      type: 'junior',
      location: urban ? 'urban' : 'town',
      town: urban ? null : towns[t],
      districtIndex: urban ? 0 : townDistrict(t),
      base: { junior: urban ? rs.real(8, 12) : rs.real(3, 5) },
    });
  }
  // Primary schools: 城关第一小学 (the demo school) …, 县实验小学, one 中心小学 per town, then 完全小学 in villages.
  const urbanPrimaries = clamp(Math.round(mix.primary * 0.3), 1, mix.primary - mix.centres);
  let demoSchoolId = 0;
  let primaryOrdinal = 1;
  for (let i = 0; i < urbanPrimaries; i++) {
    const plan = addSchool({
      ...common,
      ...urbanSize(),
      name: i === 1 ? names.take('县实验小学') : names.take(`城关第${chineseNumber(primaryOrdinal++)}小学`),
      type: 'primary',
      location: 'urban',
      town: null,
      districtIndex: 0,
      base: { primary: i === 0 ? 8 : i === 1 ? 7 : rs.real(4, 7) },
    });
    if (i === 0) demoSchoolId = plan.row.id;
  }
  const townPrimaries = mix.primary - urbanPrimaries;
  const centrePlans: SchoolPlan[] = [];
  for (let i = 0; i < townPrimaries; i++) {
    const t = i % towns.length;
    if (i < towns.length) {
      const isCentre = i < mix.centres;
      const plan = addSchool({
        ...common,
        ...townSize(),
        name: names.take(`${towns[t]}中心小学`),
        type: 'primary',
        location: 'town',
        town: towns[t],
        districtIndex: townDistrict(t),
        base: { primary: isCentre ? 3 : rs.real(2, 3.5) },
        isCentre,
      });
      if (isCentre) centrePlans.push(plan);
    } else {
      const village = pickVillage(towns[t]);
      addSchool({
        ...common,
        ...ruralSize(),
        name: names.take(`${towns[t]}${village}完全小学`),
        type: 'primary',
        location: 'rural',
        town: towns[t],
        village,
        districtIndex: townDistrict(t),
        base: { primary: rs.real(1, 1.6) },
      });
    }
  }
  // Each 中心校 runs 2–3 村小 and 1–2 教学点 in its town's villages.
  centrePlans.forEach((centre, c) => {
    const kids: { type: SchoolType; size: readonly [number, number] }[] = [];
    for (let k = 0; k < mix.villagesPerCentre[c]; k++) kids.push({ type: 'village', size: [10, 28] });
    for (let k = 0; k < mix.pointsPerCentre[c]; k++) kids.push({ type: 'teaching_point', size: [3, 10] });
    for (const kid of kids) {
      const town = centre.town ?? towns[0];
      const village = pickVillage(town);
      const plan = addSchool({
        town,
        village,
        fixedSize: kid.size,
        isCentre: false,
        sizeMean: 0,
        sizeSd: 0,
        name: names.take(kid.type === 'village' ? `${town}${village}小学` : `${town}${village}教学点`),
        type: kid.type,
        location: 'rural',
        districtIndex: centre.districtIndex,
        base: {},
      });
      plan.row.parent_school_id = centre.row.id;
    }
  });
  const schools = plans.map((p) => p.row);
  // 学校代码: 10 digits, '2' + county code + 3-digit number, in a shuffled order so codes don't follow the list.
  const codeNumbers = rs.shuffle(Array.from({ length: schools.length }, (_, i) => i + 1));
  schools.forEach((s, i) => {
    s.code = `2${countyCode}${pad(codeNumbers[i], 3)}`;
  });
  // 2–3 weak schools (more in a large county) among town and rural primary and junior schools.
  const weakCandidates = plans.filter(
    (p) =>
      (p.row.location === 'town' || p.row.location === 'rural') &&
      (p.row.type === 'primary' || p.row.type === 'junior' || p.row.type === 'nine_year') &&
      !p.isCentre,
  );
  const weakCount = schoolsCount <= 80 ? rs.int(2, 3) : Math.round(schoolsCount * 0.04);
  for (const p of rs.sample(weakCandidates, weakCount)) p.row.is_weak = true;

  // ---- calendar and subjects -----------------------------------------------------------------------------
  const schoolYears: SchoolYearRow[] = [];
  const terms: TermRow[] = [];
  const termsByYear: TermRow[][] = [];
  CALENDAR.forEach((y, yi) => {
    const current = yi === CALENDAR.length - 1;
    const sy: SchoolYearRow = { id: yi + 1, name: y.name, start_date: y.start, end_date: y.end, is_current: current };
    schoolYears.push(sy);
    const list: TermRow[] = [];
    for (const t of y.terms) {
      const term: TermRow = {
        id: terms.length + 1,
        school_year_id: sy.id,
        kind: t.kind,
        name: `${y.name}学年${t.kind === 'first' ? '上学期' : '下学期'}`,
        start_date: t.start,
        end_date: t.end,
        is_current: current && t.kind === options.currentTerm,
      };
      terms.push(term);
      list.push(term);
    }
    termsByYear.push(list);
  });
  const lastYearId = 1;
  const currentYearId = 2;
  const currentTermId = termsByYear[1].find((t) => t.is_current)!.id;

  const subjects: SubjectRow[] = SUBJECT_DEFS.map((d, i) => ({
    id: i + 1,
    code: d.code,
    name: d.name,
    stages: STAGES_ORDER.filter((st) => d.periods.some((p, g) => p > 0 && stageOfGrade(g + 1) === st)),
    sort: i + 1,
  }));
  const subjectByCode = new Map(subjects.map((s) => [s.code, s]));
  const periodsOf = (subjectIndex: number, grade: number) => SUBJECT_DEFS[subjectIndex].periods[grade - 1];
  const subjectsOfGrade = (grade: number) => SUBJECT_DEFS.map((_, i) => i).filter((i) => periodsOf(i, grade) > 0);

  // ---- current classes and their sizes ------------------------------------------------------------------
  const rz = root.fork('sizes');
  interface Cell {
    plan: SchoolPlan;
    grade: number;
    weight: number;
  }
  const classes: ClassRow[] = [];
  /** Planned size of each current class (index = class id - 1, only for current classes). */
  const plannedSize: number[] = [];
  const curClasses = new Map<string, ClassRow[]>(); // `${school}:${grade}`
  const cellKey = (schoolId: number, grade: number) => `${schoolId}:${grade}`;
  const addClass = (schoolId: number, yearId: number, grade: number, no: number): ClassRow => {
    const row: ClassRow = {
      id: classes.length + 1,
      school_id: schoolId,
      school_year_id: yearId,
      grade_level: grade,
      class_no: no,
      name: className(grade, no),
      head_teacher_id: null,
    };
    classes.push(row);
    return row;
  };
  for (const stage of STAGES_ORDER) {
    const cells: Cell[] = [];
    let fixedStudents = 0;
    const fixed: { plan: SchoolPlan; grade: number; size: number }[] = [];
    for (const plan of plans) {
      for (const grade of GRADES_OF_SCHOOL_TYPE[plan.row.type]) {
        if (stageOfGrade(grade) !== stage) continue;
        if (plan.fixedSize) {
          const size = rz.int(plan.fixedSize[0], plan.fixedSize[1]);
          fixed.push({ plan, grade, size });
          fixedStudents += size;
        } else {
          cells.push({ plan, grade, weight: (plan.base[stage] ?? 1) * rz.real(0.85, 1.15) });
        }
      }
    }
    const target = Math.max(cells.length, Math.round(students * STAGE_SHARE[stage]) - fixedStudents);
    const avgSize =
      cells.reduce((a, c) => a + c.weight * (stage === 'senior' ? 50 : c.plan.sizeMean), 0) /
      cells.reduce((a, c) => a + c.weight, 0);
    const classCount = Math.max(cells.length, Math.round(target / avgSize));
    const perCell = apportion(
      cells.map((c) => c.weight),
      classCount,
      1,
    );
    const stageClasses: { row: ClassRow; size: number }[] = [];
    cells.forEach((cell, i) => {
      const list: ClassRow[] = [];
      for (let no = 1; no <= perCell[i]; no++) {
        const row = addClass(cell.plan.row.id, currentYearId, cell.grade, no);
        list.push(row);
        const mean = stage === 'senior' ? Math.max(cell.plan.sizeMean, 48) : cell.plan.sizeMean;
        stageClasses.push({ row, size: Math.max(5, rz.normal(mean, cell.plan.sizeSd)) });
      }
      curClasses.set(cellKey(cell.plan.row.id, cell.grade), list);
    });
    // Scale the sizes so the stage has exactly its share of students.
    const sizes = apportion(
      stageClasses.map((c) => c.size),
      target,
      1,
    );
    stageClasses.forEach((c, i) => {
      plannedSize[c.row.id - 1] = sizes[i];
    });
    for (const f of fixed) {
      const row = addClass(f.plan.row.id, currentYearId, f.grade, 1);
      plannedSize[row.id - 1] = f.size;
      curClasses.set(cellKey(f.plan.row.id, f.grade), [row]);
    }
  }
  // Keep classes ordered by school, grade, number (nicer ids) — they are only referenced after this point.
  classes.sort((a, b) => a.school_id - b.school_id || a.grade_level - b.grade_level || a.class_no - b.class_no);
  const sizeByClass = new Map<ClassRow, number>();
  for (const c of classes) sizeByClass.set(c, plannedSize[c.id - 1]);
  classes.forEach((c, i) => {
    c.id = i + 1;
  });
  const curClassesOf = (schoolId: number, grade: number) => curClasses.get(cellKey(schoolId, grade)) ?? [];

  // ---- staff ---------------------------------------------------------------------------------------------
  const rf = root.fork('staff');
  const staff: StaffRow[] = [];
  const activeStudentsTotal = classes.reduce((a, c) => a + (sizeByClass.get(c) ?? 0), 0);
  const staffTarget = Math.round(activeStudentsTotal / STUDENTS_PER_STAFF);
  const rawTeachers = plans.map((p) => {
    let t = 0;
    for (const grade of GRADES_OF_SCHOOL_TYPE[p.row.type]) {
      const n = curClassesOf(p.row.id, grade).length;
      if (p.row.type === 'teaching_point') t += 0.8 * n;
      else if (p.row.type === 'village') t += 1.4 * n;
      else t += TEACHERS_PER_CLASS[stageOfGrade(grade)] * n;
    }
    return t;
  });
  const fixedTeachers = plans.reduce((a, p, i) => a + (p.fixedSize ? Math.max(2, Math.round(rawTeachers[i])) : 0), 0);
  const scalableRaw = plans.reduce((a, p, i) => a + (p.fixedSize ? 0 : rawTeachers[i]), 0);
  const teacherScale = Math.max(0.3, (staffTarget - fixedTeachers) / scalableRaw);
  const staffBySchool = new Map<number, StaffRow[]>();
  const femaleShare: Record<Stage, number> = { primary: 0.72, junior: 0.58, senior: 0.48 };
  const titleWeights: Record<Stage, number[]> = {
    // senior_professor, senior, first, second, third, none
    primary: [0.003, 0.1, 0.42, 0.33, 0.04, 0.107],
    junior: [0.004, 0.2, 0.42, 0.27, 0.02, 0.086],
    senior: [0.01, 0.32, 0.38, 0.2, 0.01, 0.08],
  };
  const TITLES: StaffTitle[] = ['senior_professor', 'senior', 'first', 'second', 'third', 'none'];
  const makeTitleAndTiers = (stage: Stage, leader: boolean): { title: StaffTitle; tiers: StaffTier[] } => {
    const title = leader
      ? rf.weighted(TITLES, [0.02, 0.55, 0.4, 0.03, 0, 0])
      : rf.weighted(TITLES, titleWeights[stage]);
    const tiers: StaffTier[] = [];
    if (title === 'none' && rf.chance(0.8)) tiers.push('new_teacher');
    if ((title === 'senior' || title === 'senior_professor' || title === 'first') && rf.chance(0.12))
      tiers.push('backbone');
    if ((title === 'senior' || title === 'senior_professor') && rf.chance(0.08)) tiers.push('subject_leader');
    if ((title === 'senior_professor' || (title === 'senior' && rf.chance(0.04))) && !tiers.includes('subject_leader'))
      tiers.push('famous_teacher');
    return { title, tiers };
  };
  const newStaff = (
    fields: Pick<StaffRow, 'school_id' | 'region_id' | 'position'> & {
      stage: Stage;
      leader?: boolean;
      staffNo: string;
    },
  ): StaffRow => {
    const gender: Gender = rf.chance(fields.leader ? 0.4 : femaleShare[fields.stage]) ? 'F' : 'M';
    const { title, tiers } = makeTitleAndTiers(fields.stage, fields.leader ?? false);
    const row: StaffRow = {
      id: staff.length + 1,
      staff_no: fields.staffNo,
      name: personName(rf, 'adult', gender),
      gender,
      school_id: fields.school_id,
      region_id: fields.region_id,
      phone: mobilePhone(rf),
      title,
      tiers,
      subject_ids: [],
      position: fields.position,
    };
    staff.push(row);
    return row;
  };

  // Teaching assignments are built per school and year as (class, subject) → teacher.
  const rowsByYear = new Map<number, Map<ClassRow, Map<number, StaffRow>>>(); // year → class → subject index → staff
  rowsByYear.set(currentYearId, new Map());
  rowsByYear.set(lastYearId, new Map());
  const load = new Map<StaffRow, number>(); // weekly periods, current year
  const setTeacher = (yearId: number, cls: ClassRow, subjectIndex: number, t: StaffRow) => {
    const byClass = rowsByYear.get(yearId)!;
    let m = byClass.get(cls);
    if (!m) {
      m = new Map();
      byClass.set(cls, m);
    }
    m.set(subjectIndex, t);
    const sid = subjects[subjectIndex].id;
    if (!t.subject_ids.includes(sid)) t.subject_ids.push(sid);
  };
  const teacherOf = (yearId: number, cls: ClassRow, subjectIndex: number) =>
    rowsByYear.get(yearId)!.get(cls)?.get(subjectIndex);
  const teacherKeys = new Map<StaffRow, string>(); // `${stage}:${subjectIndex}` of the teacher's main subject
  const leaderSet = new Set<StaffRow>();

  plans.forEach((plan, pi) => {
    const s = plan.row;
    const grades = GRADES_OF_SCHOOL_TYPE[s.type];
    const schoolClasses = grades.flatMap((g) => curClassesOf(s.id, g));
    const teachers = plan.fixedSize
      ? Math.max(2, Math.round(rawTeachers[pi]))
      : Math.max(s.id === demoSchoolId ? 16 : 3, Math.round(rawTeachers[pi] * teacherScale));
    const mainStage = stageOfGrade(grades[0]);
    // Leaders, by size of school.
    const positions =
      s.type === 'teaching_point'
        ? ['负责人']
        : teachers >= 60
          ? ['校长', '副校长', '副校长', '教导主任', '德育主任', '总务主任']
          : teachers >= 20
            ? ['校长', '副校长', '教导主任', '德育主任']
            : ['校长', '教导主任'];
    // Teaching keys (stage, subject) with their weekly periods and class counts; D'Hondt gives teachers to keys.
    const keys: { key: string; stage: Stage; subject: number; periods: number; classes: ClassRow[] }[] = [];
    for (const st of STAGES_ORDER) {
      const stClasses = schoolClasses.filter((c) => stageOfGrade(c.grade_level) === st);
      if (stClasses.length === 0) continue;
      SUBJECT_DEFS.forEach((_, si) => {
        const taught = stClasses.filter((c) => periodsOf(si, c.grade_level) > 0);
        if (taught.length === 0) return;
        const periods = taught.reduce((a, c) => a + periodsOf(si, c.grade_level), 0);
        keys.push({ key: `${st}:${si}`, stage: st, subject: si, periods, classes: taught });
      });
    }
    const given = keys.map(() => 0);
    for (let t = 0; t < teachers; t++) {
      let best = -1;
      let bestScore = -1;
      keys.forEach((k, ki) => {
        if (given[ki] >= k.classes.length) return;
        const score = k.periods / (given[ki] + 1);
        if (score > bestScore) {
          best = ki;
          bestScore = score;
        }
      });
      if (best < 0) best = 0;
      given[best]++;
    }
    const schoolStaff: StaffRow[] = [];
    const teacherSlots: { key: number }[] = [];
    keys.forEach((_, ki) => {
      for (let n = 0; n < given[ki]; n++) teacherSlots.push({ key: ki });
    });
    rf.shuffle(teacherSlots);
    const byKey = new Map<number, StaffRow[]>();
    teacherSlots.forEach((slot, n) => {
      const k = keys[slot.key];
      const position = n < positions.length ? positions[n] : '教师';
      const leader = n < positions.length;
      const row = newStaff({
        school_id: s.id,
        region_id: null,
        position,
        stage: k.stage,
        leader,
        staffNo: `1${pad(s.id, 3)}${pad(n + 1, 4)}`,
      });
      row.subject_ids.push(subjects[k.subject].id);
      if (leader) leaderSet.add(row);
      teacherKeys.set(row, k.key);
      schoolStaff.push(row);
      load.set(row, 0);
      const list = byKey.get(slot.key) ?? [];
      list.push(row);
      byKey.set(slot.key, list);
    });
    // A bursar in larger schools (no teaching).
    if (teachers >= 50) {
      schoolStaff.push(
        newStaff({
          school_id: s.id,
          region_id: null,
          position: '会计',
          stage: mainStage,
          staffNo: `1${pad(s.id, 3)}${pad(teacherSlots.length + 1, 4)}`,
        }),
      );
      const bursar = schoolStaff[schoolStaff.length - 1];
      bursar.title = null;
      bursar.tiers = [];
    }
    staffBySchool.set(s.id, schoolStaff);
    // Blocks of consecutive classes per teacher of each key: a teacher stays within one or two grades.
    keys.forEach((k, ki) => {
      const list = byKey.get(ki) ?? [];
      const ordered = k.classes.slice().sort((a, b) => a.grade_level - b.grade_level || a.class_no - b.class_no);
      if (list.length === 0) {
        // No specialist: the least-loaded teacher of the same stage (else of the school) takes it on (包班).
        for (const cls of ordered) {
          const pool = schoolStaff.filter((t) => teacherKeys.get(t)?.startsWith(`${k.stage}:`));
          const candidates = pool.length > 0 ? pool : schoolStaff.filter((t) => teacherKeys.has(t));
          let best = candidates[0];
          for (const t of candidates) if ((load.get(t) ?? 0) < (load.get(best) ?? 0)) best = t;
          setTeacher(currentYearId, cls, k.subject, best);
          load.set(best, (load.get(best) ?? 0) + periodsOf(k.subject, cls.grade_level));
        }
        return;
      }
      ordered.forEach((cls, i) => {
        const t = list[Math.min(list.length - 1, Math.floor((i * list.length) / ordered.length))];
        setTeacher(currentYearId, cls, k.subject, t);
        load.set(t, (load.get(t) ?? 0) + periodsOf(k.subject, cls.grade_level));
      });
    });
    const principal = schoolStaff.find((t) => t.position === '校长' || t.position === '负责人');
    s.principal_name = principal?.name ?? null;
    const contact = schoolStaff.find((t) => t.position === '教导主任') ?? principal;
    s.contact_person = contact?.name ?? null;
    s.contact_phone = `0799-${rf.int(2, 8)}${rf.digits(6)}`;
    if (principal && (principal.title === 'senior' || principal.title === 'senior_professor') && rf.chance(0.1))
      principal.tiers.push('famous_principal');
  });

  // 班主任 for current classes: a 语文/数学/英语 teacher of the class who heads no other class, not a school leader.
  const headOf = new Map<StaffRow, ClassRow>();
  for (const cls of classes) {
    const schoolStaff = staffBySchool.get(cls.school_id) ?? [];
    const teaching = SUBJECT_DEFS.map((_, si) => teacherOf(currentYearId, cls, si)).filter(
      (t): t is StaffRow => t !== undefined,
    );
    const preferred = HEAD_TEACHER_SUBJECTS.map((code) =>
      teacherOf(
        currentYearId,
        cls,
        SUBJECT_DEFS.findIndex((d) => d.code === code),
      ),
    ).filter((t): t is StaffRow => t !== undefined);
    const free = (t: StaffRow) => !headOf.has(t) && !leaderSet.has(t) && teacherKeys.has(t);
    const head =
      preferred.find(free) ??
      teaching.find(free) ??
      schoolStaff.find(free) ??
      preferred[0] ??
      teaching[0] ??
      schoolStaff.find((t) => teacherKeys.has(t)) ??
      null;
    if (head) {
      cls.head_teacher_id = head.id;
      if (!headOf.has(head)) headOf.set(head, cls);
      if (rf.chance(0.01) && !head.tiers.includes('famous_head_teacher')) head.tiers.push('famous_head_teacher');
    }
  }

  // ---- bureau and 学区 staff ------------------------------------------------------------------------------
  const bureau: { position: string; subject?: string; stage?: Stage; region?: number }[] = [
    { position: '局长' },
    { position: '副局长' },
    { position: '副局长' },
    { position: '副局长' },
    { position: '办公室主任' },
    { position: '基础教育股股长' },
    { position: '人事股股长' },
    { position: '教研室主任', subject: 'chinese', stage: 'junior' },
  ];
  const researcherSpecs: [Stage, string][] = [
    ['primary', 'math'],
    ['primary', 'chinese'],
    ['primary', 'english'],
    ['primary', 'science'],
    ['junior', 'chinese'],
    ['junior', 'math'],
    ['junior', 'english'],
    ['junior', 'physics'],
    ['junior', 'chemistry'],
    ['junior', 'morality'],
    ['junior', 'history'],
    ['senior', 'chinese'],
    ['senior', 'math'],
    ['senior', 'english'],
    ['senior', 'biology'],
    ['senior', 'geography'],
    ['primary', 'pe'],
    ['primary', 'music'],
    ['primary', 'art'],
    ['junior', 'it'],
  ];
  const stageZh: Record<Stage, string> = { primary: '小学', junior: '初中', senior: '高中' };
  for (const [stage, code] of researcherSpecs) {
    const sub = subjectByCode.get(code)!;
    bureau.push({ position: `${stageZh[stage]}${sub.name}教研员`, subject: code, stage });
  }
  bureau.push({ position: '督导室主任' });
  const inspectorCount = Math.max(3, Math.ceil(schools.length / 5 / 2));
  for (let i = 0; i < inspectorCount; i++) bureau.push({ position: '责任督学' });
  districtIds.forEach((regionId) => {
    bureau.push({ position: '学区主任', region: regionId });
    bureau.push({ position: '学区专干', region: regionId });
  });
  const bureauStaff: StaffRow[] = bureau.map((b, i) => {
    const row = newStaff({
      school_id: null,
      region_id: b.region ?? countyRegionId,
      position: b.position,
      stage: b.stage ?? 'junior',
      leader: true,
      staffNo: `9${pad(i + 1, 7)}`,
    });
    row.tiers = row.tiers.filter((t) => t !== 'new_teacher');
    if (b.subject) row.subject_ids = [subjectByCode.get(b.subject)!.id];
    return row;
  });

  // ---- last year's classes, 班主任 and teachers ------------------------------------------------------------
  const rp = root.fork('history');
  /** Last year's class → this year's class with the same pupils (same school, next grade, same number). */
  const successor = new Map<ClassRow, ClassRow>();
  /** Last year's top-grade classes (their pupils left the school) → capacity to fill. */
  const topCapacity = new Map<ClassRow, number>();
  const prevClassesOf = new Map<string, ClassRow[]>();
  for (const plan of plans) {
    const s = plan.row;
    const grades = GRADES_OF_SCHOOL_TYPE[s.type];
    for (const g of grades) {
      const list: ClassRow[] = [];
      if (grades.includes(g + 1)) {
        for (const cur of curClassesOf(s.id, g + 1)) {
          const prev = addClass(s.id, lastYearId, g, cur.class_no);
          successor.set(prev, cur);
          list.push(prev);
        }
      } else {
        const same = curClassesOf(s.id, g);
        const n = Math.max(1, same.length);
        const avg = same.length ? same.reduce((a, c) => a + (sizeByClass.get(c) ?? 0), 0) / same.length : 30;
        for (let no = 1; no <= n; no++) {
          const prev = addClass(s.id, lastYearId, g, no);
          topCapacity.set(prev, Math.max(1, Math.round(avg + rp.int(-2, 2))));
          list.push(prev);
        }
      }
      prevClassesOf.set(cellKey(s.id, g), list);
    }
  }
  // Last year's 班主任 follow their class; those of top grades are this year's entry-grade heads (循环).
  const prevHeads = new Set<number>();
  for (const [prev, cur] of successor) {
    if (cur.head_teacher_id !== null && !prevHeads.has(cur.head_teacher_id)) {
      prev.head_teacher_id = cur.head_teacher_id;
      prevHeads.add(cur.head_teacher_id);
    }
  }
  const cycledClass = (prev: ClassRow): ClassRow | undefined => {
    const s = plans[prev.school_id - 1].row;
    const entry = entryGrade(s.type, stageOfGrade(prev.grade_level));
    const list = curClassesOf(s.id, entry);
    return list.find((c) => c.class_no === prev.class_no) ?? list[0];
  };
  const prevClasses = classes.filter((c) => c.school_year_id === lastYearId);
  for (const prev of prevClasses) {
    if (prev.head_teacher_id !== null) continue;
    const cyc = cycledClass(prev);
    const candidates = [
      cyc?.head_teacher_id ?? null,
      ...(staffBySchool.get(prev.school_id) ?? [])
        .filter((t) => teacherKeys.has(t) && !leaderSet.has(t))
        .map((t) => t.id),
    ];
    const head = candidates.find((id) => id !== null && !prevHeads.has(id)) ?? cyc?.head_teacher_id ?? null;
    prev.head_teacher_id = head;
    if (head !== null) prevHeads.add(head);
  }
  // Last year's subject teachers: the teacher of the same subject in the successor (or cycled) class, else the
  // school's least-loaded teacher of that subject and stage.
  const prevLoad = new Map<StaffRow, number>();
  for (const prev of prevClasses) {
    const next = successor.get(prev) ?? cycledClass(prev);
    const stage = stageOfGrade(prev.grade_level);
    const schoolStaff = staffBySchool.get(prev.school_id) ?? [];
    for (const si of subjectsOfGrade(prev.grade_level)) {
      let t = next ? teacherOf(currentYearId, next, si) : undefined;
      if (!t) {
        const key = `${stage}:${si}`;
        const pool = schoolStaff.filter((x) => teacherKeys.get(x) === key);
        const pool2 = pool.length ? pool : schoolStaff.filter((x) => teacherKeys.get(x)?.startsWith(`${stage}:`));
        const pool3 = pool2.length ? pool2 : schoolStaff.filter((x) => teacherKeys.has(x));
        t = pool3[0];
        for (const x of pool3) if ((prevLoad.get(x) ?? 0) < (prevLoad.get(t) ?? 0)) t = x;
      }
      if (!t) continue;
      setTeacher(lastYearId, prev, si, t);
      prevLoad.set(t, (prevLoad.get(t) ?? 0) + periodsOf(si, prev.grade_level));
    }
  }

  // ---- students ------------------------------------------------------------------------------------------
  const rst = root.fork('students');
  const studentRows: StudentRow[] = [];
  const studentNos = new Set<string>();
  const birthplaces = [
    countyCode,
    countyCode,
    countyCode,
    countyCode,
    countyCode,
    countyCode,
    `${cityCode.slice(0, 4)}02`,
  ];
  const otherBirthplaces = ['430121', '360102', '420111', '510104', '441302', '350102'];
  const makeStudentNo = (gender: Gender, birth: string): string => {
    const place = rst.chance(0.9) ? rst.pick(birthplaces) : rst.pick(otherBirthplaces);
    const date = birth.replaceAll('-', '');
    for (;;) {
      let seq = rst.int(0, 99) * 10 + rst.int(0, 4) * 2 + (gender === 'M' ? 1 : 0);
      seq = seq % 1000;
      const body = `${place}${date}${pad(seq, 3)}`;
      let sum = 0;
      for (let i = 0; i < body.length; i++) sum += Number(body[i]) * ((i % 7) + 2);
      const no = `G${body}${sum % 10}`;
      if (!studentNos.has(no)) {
        studentNos.add(no);
        return no;
      }
    }
  };
  /** Surname of each student (the father's), kept for the guardians. */
  const surnames: string[] = [];
  const members = new Map<ClassRow, number[]>();
  const newStudent = (
    grade: number,
    yearStart: number,
    schoolId: number | null,
    classId: number | null,
    status: StudentStatus,
  ): StudentRow => {
    const gender: Gender = rst.chance(0.53) ? 'M' : 'F';
    const birth = birthDate(rst, grade, yearStart);
    const surname = pickSurname(rst);
    const row: StudentRow = {
      id: studentRows.length + 1,
      student_no: makeStudentNo(gender, birth),
      name: surname + pickGivenName(rst, 'child', gender),
      gender,
      birth_date: birth,
      school_id: schoolId,
      class_id: classId,
      status,
    };
    studentRows.push(row);
    surnames.push(surname);
    return row;
  };
  for (const cls of classes) {
    if (cls.school_year_id !== currentYearId) continue;
    const list: number[] = [];
    const n = sizeByClass.get(cls) ?? 0;
    for (let i = 0; i < n; i++)
      list.push(newStudent(cls.grade_level, CURRENT_YEAR_START, cls.school_id, cls.id, 'active').id);
    members.set(cls, list);
  }
  // Where each current student was last year.
  const lastClass = new Map<number, ClassRow>();
  for (const [prev, cur] of successor) for (const sid of members.get(cur) ?? []) lastClass.set(sid, prev);
  const filled = new Map<ClassRow, number>();
  // 教学点 pupils move on to their 中心校 for grade 4: last year's 三年级 at a 教学点 holds some of the centre's 四年级.
  for (const plan of plans) {
    if (plan.row.type !== 'teaching_point' || plan.row.parent_school_id === null) continue;
    const top = prevClassesOf.get(cellKey(plan.row.id, 3)) ?? [];
    const pool = rp.shuffle(curClassesOf(plan.row.parent_school_id, 4).flatMap((c) => members.get(c) ?? []));
    for (const prev of top) {
      const cap = topCapacity.get(prev) ?? 0;
      let k = 0;
      while (k < cap && pool.length > 0) {
        lastClass.set(pool.pop()!, prev);
        k++;
      }
      filled.set(prev, k);
    }
  }
  // Entrants to 初中 and 高中 come from last year's 六年级/九年级 classes of other schools, same 学区 first.
  const feedersByGrade = new Map<number, ClassRow[]>();
  for (const prev of topCapacity.keys()) {
    if (plans[prev.school_id - 1].row.type === 'teaching_point') continue;
    const list = feedersByGrade.get(prev.grade_level) ?? [];
    list.push(prev);
    feedersByGrade.set(prev.grade_level, list);
  }
  const districtOf = (schoolId: number) => schools[schoolId - 1].region_id;
  for (const plan of plans) {
    const grades = GRADES_OF_SCHOOL_TYPE[plan.row.type];
    for (const g of grades) {
      if (g === 1 || grades.includes(g - 1)) continue;
      const feeders = feedersByGrade.get(g - 1) ?? [];
      const entrants = rp.shuffle(curClassesOf(plan.row.id, g).flatMap((c) => members.get(c) ?? []));
      for (const sid of entrants) {
        const room = (c: ClassRow) => (topCapacity.get(c) ?? 0) - (filled.get(c) ?? 0);
        let candidates = feeders.filter((c) => room(c) > 0 && districtOf(c.school_id) === plan.row.region_id);
        if (candidates.length === 0) candidates = feeders.filter((c) => room(c) > 0);
        if (candidates.length === 0) break; // the rest came from outside the county
        const prev = rp.weighted(
          candidates,
          candidates.map((c) => room(c)),
        );
        lastClass.set(sid, prev);
        filled.set(prev, (filled.get(prev) ?? 0) + 1);
      }
    }
  }
  // Whoever is missing from last year's top grades has left: graduated (高三, and 六/九年级 pupils who left the
  // county) or, for a 教学点, moved elsewhere.
  for (const [prev, cap] of topCapacity) {
    const missing = cap - (filled.get(prev) ?? 0);
    const status: StudentStatus =
      plans[prev.school_id - 1].row.type === 'teaching_point' ? 'transferred_out' : 'graduated';
    for (let i = 0; i < missing; i++) {
      const st = newStudent(prev.grade_level, CURRENT_YEAR_START - 1, prev.school_id, null, status);
      lastClass.set(st.id, prev);
    }
  }

  // ---- enrolments ----------------------------------------------------------------------------------------
  const enrollments: EnrollmentRow[] = [];
  const classById = classes; // index = id - 1
  const [lastTerms, currentTerms] = termsByYear;
  for (const st of studentRows) {
    const prev = lastClass.get(st.id);
    const cur = st.class_id !== null ? classById[st.class_id - 1] : undefined;
    let prevReason: EnrollmentReason | null = null;
    if (prev) {
      const type = schools[prev.school_id - 1].type;
      prevReason = prev.grade_level === GRADES_OF_SCHOOL_TYPE[type][0] ? 'enrol' : 'import';
      for (const term of lastTerms) {
        enrollments.push({
          id: enrollments.length + 1,
          student_id: st.id,
          term_id: term.id,
          school_id: prev.school_id,
          class_id: prev.id,
          start_date: term.start_date,
          end_date: term.end_date,
          reason: prevReason,
        });
      }
    }
    if (cur) {
      const reason: EnrollmentReason = prev
        ? prev.school_id === cur.school_id
          ? 'promote'
          : 'enrol'
        : cur.grade_level === GRADES_OF_SCHOOL_TYPE[schools[cur.school_id - 1].type][0]
          ? 'enrol'
          : 'import';
      // This year's terms up to the current one: earlier ones closed, the current one open (the next term has not
      // begun, and the open row is what a transfer closes: the registry keeps at most one open placement).
      const currentStart = currentTerms.find((t) => t.is_current)!.start_date;
      for (const term of currentTerms.filter((t) => t.start_date <= currentStart)) {
        enrollments.push({
          id: enrollments.length + 1,
          student_id: st.id,
          term_id: term.id,
          school_id: cur.school_id,
          class_id: cur.id,
          start_date: term.start_date,
          end_date: term.is_current ? null : term.end_date,
          reason,
        });
      }
    }
  }

  // ---- guardians -----------------------------------------------------------------------------------------
  const rg = root.fork('guardians');
  const guardians: GuardianRow[] = [];
  for (const st of studentRows) {
    if (st.status !== 'active') continue;
    const school = schools[(st.school_id ?? 1) - 1];
    const rural = school.location !== 'urban';
    const surname = surnames[st.id - 1];
    const list: { name: string; relation: GuardianRelation; gen: Generation }[] = [];
    const father = () => ({
      name: surname + pickGivenName(rg, 'adult', 'M'),
      relation: 'father' as const,
      gen: 'adult' as const,
    });
    const mother = () => ({ name: personName(rg, 'adult', 'F'), relation: 'mother' as const, gen: 'adult' as const });
    const r = rg.next();
    if (rural && r < 0.22) {
      // 留守儿童: grandparents at home, a parent working away.
      list.push({
        name: rg.chance(0.5) ? surname + pickGivenName(rg, 'elder', 'M') : personName(rg, 'elder', 'F'),
        relation: 'grandparent',
        gen: 'elder',
      });
      if (rg.chance(0.6)) list.push(rg.chance(0.5) ? father() : mother());
    } else if (r < 0.02 + (rural ? 0.22 : 0)) {
      list.push({ name: personName(rg, 'adult', rg.chance(0.5) ? 'M' : 'F'), relation: 'other', gen: 'adult' });
    } else if (rg.chance(0.65)) {
      list.push(father(), mother());
      if (rg.chance(0.5)) list.reverse();
    } else {
      list.push(rg.chance(0.55) ? mother() : father());
    }
    const seen = new Set<string>();
    for (const g of list) {
      if (seen.has(g.name)) continue; // (county_id, student_id, name) is unique
      seen.add(g.name);
      guardians.push({
        id: guardians.length + 1,
        student_id: st.id,
        name: g.name,
        relation: g.relation,
        phone: g.gen === 'elder' && rg.chance(0.3) ? null : mobilePhone(rg),
      });
    }
  }

  // ---- teaching assignment rows (both terms of each year) --------------------------------------------------
  const teachingAssignments: TeachingAssignmentRow[] = [];
  for (const cls of classes) {
    const bySubject = rowsByYear.get(cls.school_year_id)?.get(cls);
    if (!bySubject) continue;
    const yearTerms = cls.school_year_id === currentYearId ? currentTerms : lastTerms;
    for (const term of yearTerms) {
      for (const [si, t] of [...bySubject.entries()].sort((a, b) => a[0] - b[0])) {
        teachingAssignments.push({
          id: teachingAssignments.length + 1,
          term_id: term.id,
          staff_id: t.id,
          class_id: cls.id,
          subject_id: subjects[si].id,
        });
      }
    }
  }

  // ---- demo accounts -------------------------------------------------------------------------------------
  const users: UserRow[] = [];
  const userRoles: UserRoleRow[] = [];
  const linked = new Set<number>();
  const addUser = (username: string, person: StaffRow) => {
    if (linked.has(person.id)) throw new Error(`staff ${person.id} already has an account`);
    linked.add(person.id);
    const row: UserRow = {
      id: users.length + 1,
      username: options.usernamePrefix + username,
      display_name: person.name,
      staff_id: person.id,
      locale: 'zh-CN',
    };
    users.push(row);
    return row;
  };
  const grant = (user: UserRow, role: GrantedRole, scope: Partial<Omit<UserRoleRow, 'id' | 'user_id' | 'role'>>) => {
    userRoles.push({
      id: userRoles.length + 1,
      user_id: user.id,
      role,
      region_id: scope.region_id ?? null,
      school_id: scope.school_id ?? null,
      grade_level: scope.grade_level ?? null,
      subject_id: scope.subject_id ?? null,
    });
  };
  const bureauBy = (position: string, region = countyRegionId) =>
    bureauStaff.find((b) => b.position === position && b.region_id === region && !linked.has(b.id))!;
  grant(addUser('leader', bureauBy('局长')), 'bureau_leader', { region_id: countyRegionId });
  grant(addUser('researcher', bureauBy('小学数学教研员')), 'researcher', { region_id: countyRegionId });
  // The 督学 looks after 5 schools of one 学区: the 中心校, its weak neighbours, then the largest others.
  const inspectorUser = addUser('inspector', bureauBy('责任督学'));
  const centre = centrePlans[0].row;
  const sameDistrict = schools.filter((s) => s.region_id === centre.region_id && s.id !== centre.id);
  const inspected = [
    centre,
    ...sameDistrict.filter((s) => s.is_weak),
    ...sameDistrict.filter((s) => !s.is_weak && s.type !== 'teaching_point'),
  ].slice(0, 5);
  for (const s of inspected) grant(inspectorUser, 'inspector', { school_id: s.id });
  grant(addUser('district', bureauBy('学区主任', districtIds[0])), 'bureau_leader', { region_id: districtIds[0] });

  const demoStaff = staffBySchool.get(demoSchoolId) ?? [];
  const principal = demoStaff.find((t) => t.position === '校长')!;
  grant(addUser('principal', principal), 'school_admin', { school_id: demoSchoolId });
  const director = demoStaff.find((t) => t.position === '教导主任')!;
  grant(addUser('director', director), 'school_director', { school_id: demoSchoolId });
  const isHead = new Set(classes.filter((c) => c.school_year_id === currentYearId).map((c) => c.head_teacher_id));
  const grade3 = curClassesOf(demoSchoolId, 3);
  const headOfClass = (c: ClassRow | undefined) => (c ? staff[(c.head_teacher_id ?? 0) - 1] : undefined);
  const gradeLeader =
    headOfClass(grade3[0]) ?? demoStaff.find((t) => teacherKeys.has(t) && !leaderSet.has(t) && !linked.has(t.id))!;
  gradeLeader.position = '三年级年级组长';
  grant(addUser('gradelead', gradeLeader), 'grade_leader', { school_id: demoSchoolId, grade_level: 3 });
  const headClass =
    grade3.find((c) => c.head_teacher_id !== null && !linked.has(c.head_teacher_id)) ??
    classes.find(
      (c) =>
        c.school_id === demoSchoolId &&
        c.school_year_id === currentYearId &&
        c.head_teacher_id !== null &&
        !linked.has(c.head_teacher_id),
    )!;
  const headTeacher = staff[headClass.head_teacher_id! - 1];
  const mathIndex = SUBJECT_DEFS.findIndex((d) => d.code === 'math');
  // The 任课教师 teaches 数学 in the 班主任's class (so the two accounts share a class), if that teacher is free.
  const currentTeachersOfSchool = new Set<StaffRow>();
  for (const cls of classes) {
    if (cls.school_id !== demoSchoolId || cls.school_year_id !== currentYearId) continue;
    for (const t of rowsByYear.get(currentYearId)?.get(cls)?.values() ?? []) currentTeachersOfSchool.add(t);
  }
  const freeTeacher = (t: StaffRow | undefined) =>
    t !== undefined && !isHead.has(t.id) && !linked.has(t.id) && t !== headTeacher && currentTeachersOfSchool.has(t);
  const plain = (t: StaffRow) => t.position === '教师';
  // The 任课教师 teaches in the 班主任's class (so the two accounts share a class), 数学 first.
  const classTeachers = [mathIndex, ...SUBJECT_DEFS.map((_, si) => si).filter((si) => si !== mathIndex)]
    .map((si) => teacherOf(currentYearId, headClass, si))
    .filter((t): t is StaffRow => t !== undefined);
  const teacher =
    classTeachers.find((t) => freeTeacher(t) && plain(t)) ??
    demoStaff.find((t) => freeTeacher(t) && plain(t)) ??
    demoStaff.find((t) => freeTeacher(t))!;
  // The 教研组长: the most senior 数学 teacher who holds no other post.
  const titleRank = (t: StaffRow) => TITLES.indexOf(t.title ?? 'none');
  const mathTeachers = demoStaff
    .filter(
      (t) =>
        t.subject_ids[0] === subjects[mathIndex].id &&
        currentTeachersOfSchool.has(t) &&
        !linked.has(t.id) &&
        t !== teacher &&
        t !== headTeacher,
    )
    .sort((a, b) => titleRank(a) - titleRank(b) || a.id - b.id);
  const subjectLeader =
    mathTeachers.find(plain) ??
    mathTeachers[0] ??
    demoStaff.find((t) => !linked.has(t.id) && t !== teacher && t !== headTeacher && teacherKeys.has(t))!;
  if (!subjectLeader.tiers.includes('backbone')) subjectLeader.tiers.push('backbone');
  subjectLeader.position = '数学教研组长';
  if (!subjectLeader.subject_ids.includes(subjects[mathIndex].id))
    subjectLeader.subject_ids.push(subjects[mathIndex].id);
  grant(addUser('subjectlead', subjectLeader), 'subject_leader', {
    school_id: demoSchoolId,
    subject_id: subjects[mathIndex].id,
  });
  addUser('headteacher', headTeacher);
  addUser('teacher', teacher);

  return {
    options,
    countyRegionId,
    demoSchoolId,
    currentSchoolYearId: currentYearId,
    currentTermId,
    regions,
    schools,
    schoolYears,
    terms,
    subjects,
    staff,
    classes,
    teachingAssignments,
    students: studentRows,
    enrollments,
    guardians,
    users,
    userRoles,
  };
}
