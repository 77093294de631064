/**
 * Quota rules of the teaching routine (issue 7, "Quotas and compliance") as DATA, and the defaults seeded from the
 * domain notes. Each default carries its citation: the note, its workflow section and the seed file's own line.
 * Seed 000 = ../shared/seeds/000_a6ca181368170882.txt, seed 004 = ../shared/seeds/004_0d5ad2170be2920c.txt.
 */
import type { PeriodKind } from './calendar.js';

/** The activity kinds a record can be. */
export type ActivityKind = 'observation' | 'open_lesson' | 'collective_prep' | 'training' | 'home_visit';

/** Chinese labels of the activity kinds. */
export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = Object.freeze({
  observation: '听课',
  open_lesson: '公开课',
  collective_prep: '集体备课',
  training: '培训学时',
  home_visit: '家访',
});

/**
 * Who a rule applies to.
 * - `person`: each person holding `role` (e.g. 'researcher' 教研员, 'principal' 校长, 'teacher' 每位任课教师,
 *   'cadre' 教干, 'staff' 教职工); the person's own records count (observer, host, trainee, visitor).
 * - `group`: each group of `groupKind` (备课组 / 教研组); records tagged with the group's id count.
 * - `school`: each school as a whole; the records of its people count.
 */
export type RuleSubject =
  | { scope: 'person'; role: string }
  | { scope: 'group'; groupKind: string }
  | { scope: 'school' };

/**
 * What is measured in a period.
 * - `count`: number of records;
 * - `hours`: sum of the records' hours;
 * - `distinct_families`: number of different families visited;
 * - `family_coverage`: share (0–1) of the school's families with at least one visit.
 */
export type Measure = 'count' | 'hours' | 'distinct_families' | 'family_coverage';

/**
 * The target.
 * - `fixed`: the value itself (40 lessons, 72 hours, share 1 = every family);
 * - `per_head`: `factor` × the headcount of people with `role` in the school during the period (≥ half the
 *   teachers = factor 0.5 of role 'teacher'); only for school-scope rules.
 */
export type Target = { kind: 'fixed'; value: number } | { kind: 'per_head'; factor: number; role: string };

/** Where a default comes from: the domain note, its section, the seed line and the seed's words. */
export interface Citation {
  note: string;
  section: string;
  seedLine: string;
  quote: string;
}

/** One quota rule. The comparison is always "measured ≥ target" (every seeded quota is a floor: 不少于 / 至少). */
export interface QuotaRule {
  id: string;
  label: string;
  activity: ActivityKind;
  /** Only records of these sub-kinds count (e.g. an observation's 推门听课/随堂 …); all when absent. */
  subkinds?: string[];
  /** Only records at one of these levels count (县级, 市级 … for "县级以上"); all when absent. */
  levels?: string[];
  subject: RuleSubject;
  measure: Measure;
  period: PeriodKind;
  target: Target;
  comparison: 'at_least';
  citation: Citation;
}

/** The levels of "县级以上" (county level and above). */
export const COUNTY_AND_ABOVE = ['县级', '市级', '省级', '国家级'];

const N000 = 'seed-000-notes.md';
const N004 = 'seed-004-notes.md';

/** The default quota rules, every number checked against the seed line cited. */
export const DEFAULT_QUOTA_RULES: readonly QuotaRule[] = Object.freeze([
  {
    id: 'observe-researcher-term',
    label: '教研员每学期听课不少于40节',
    activity: 'observation',
    subject: { scope: 'person', role: 'researcher' },
    measure: 'count',
    period: 'term',
    target: { kind: 'fixed', value: 40 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W7', seedLine: 'L179', quote: '教学研训人员每学期听课不少于40节' },
  },
  {
    id: 'observe-principal-term',
    label: '校长每学期听课不少于20节',
    activity: 'observation',
    subject: { scope: 'person', role: 'principal' },
    measure: 'count',
    period: 'term',
    target: { kind: 'fixed', value: 20 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W7', seedLine: 'L423', quote: '校长每学期必须讲示范课,听课不少于20节' },
  },
  {
    id: 'open-lessons-school-term',
    label: '每学期每校公开课不少于教师人数的一半',
    activity: 'open_lesson',
    subject: { scope: 'school' },
    measure: 'count',
    period: 'term',
    target: { kind: 'per_head', factor: 0.5, role: 'teacher' },
    comparison: 'at_least',
    citation: {
      note: N000,
      section: 'W8',
      seedLine: 'L55',
      quote: '每学期每校组织的各种类型的公开课不得少于教师人数的一半',
    },
  },
  {
    id: 'open-lesson-teacher-year',
    label: '每位任课教师全年至少上一节公开课',
    activity: 'open_lesson',
    subject: { scope: 'person', role: 'teacher' },
    measure: 'count',
    period: 'school_year',
    target: { kind: 'fixed', value: 1 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W8', seedLine: 'L55', quote: '每位任课教师全年必须至少上一节公开课' },
  },
  {
    id: 'model-lesson-principal-term',
    label: '校长每学期必须讲示范课',
    activity: 'open_lesson',
    subkinds: ['示范课'],
    subject: { scope: 'person', role: 'principal' },
    measure: 'count',
    period: 'term',
    target: { kind: 'fixed', value: 1 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W7', seedLine: 'L423', quote: '校长每学期必须讲示范课' },
  },
  {
    id: 'open-lesson-researcher-year',
    label: '研训员每年上3节县级以上公开课',
    activity: 'open_lesson',
    levels: COUNTY_AND_ABOVE,
    subject: { scope: 'person', role: 'researcher' },
    measure: 'count',
    // The seed says "每学科每年": read per 研训员, as a county centre has one per subject (W8 reads it so too).
    // "每年" of teaching work read as the school year (training hours below are registered by calendar year).
    period: 'school_year',
    target: { kind: 'fixed', value: 3 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W8', seedLine: 'L179', quote: '每学科每年至少…上3节县级以上公开课' },
  },
  {
    id: 'model-lesson-researcher-year',
    label: '教研员每年亲授一节示范课',
    activity: 'open_lesson',
    subkinds: ['示范课'],
    subject: { scope: 'person', role: 'researcher' },
    measure: 'count',
    period: 'school_year',
    target: { kind: 'fixed', value: 1 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W8', seedLine: 'L433', quote: '教研员每年应完成“六个一”发展要求:亲授一节示范课' },
  },
  {
    id: 'collective-prep-group-week',
    label: '每周每学科集体备课不少于1次',
    activity: 'collective_prep',
    subject: { scope: 'group', groupKind: '备课组' },
    measure: 'count',
    period: 'week',
    target: { kind: 'fixed', value: 1 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W9', seedLine: 'L53', quote: '每周每学科学校集体备课不得少于1次' },
  },
  {
    id: 'training-teacher-year',
    label: '教师每年培训不少于72学时',
    activity: 'training',
    subject: { scope: 'person', role: 'teacher' },
    measure: 'hours',
    // "每年" read as the calendar year, the year 继续教育 hours are registered in; the data can say school_year.
    period: 'calendar_year',
    target: { kind: 'fixed', value: 72 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W23', seedLine: 'L163', quote: '保证教师每年参加各级各类培训不少于72学时' },
  },
  {
    id: 'training-researcher-year',
    label: '教研员每年培训不少于72课时',
    activity: 'training',
    subject: { scope: 'person', role: 'researcher' },
    measure: 'hours',
    period: 'calendar_year',
    target: { kind: 'fixed', value: 72 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W23', seedLine: 'L433', quote: '每位教研员每年接受不少于72课时的培训' },
  },
  {
    id: 'training-teacher-5y',
    label: '5年1周期培训不少于360学时',
    activity: 'training',
    subject: { scope: 'person', role: 'teacher' },
    measure: 'hours',
    period: 'rolling_5y',
    target: { kind: 'fixed', value: 360 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W23', seedLine: 'L509', quote: '落实5年1周期不少于360学时的全员培训制度' },
  },
  {
    id: 'home-visit-coverage-year',
    label: '学年内家访全覆盖',
    activity: 'home_visit',
    subject: { scope: 'school' },
    measure: 'family_coverage',
    period: 'school_year',
    target: { kind: 'fixed', value: 1 },
    comparison: 'at_least',
    citation: { note: N000, section: 'W31', seedLine: 'L141', quote: '做好家访工作,实现学年内家访“全覆盖”' },
  },
  {
    id: 'home-visit-cadre-term',
    label: '每位教干联系服务20名学生和家长,每学期至少家访1次',
    activity: 'home_visit',
    subject: { scope: 'person', role: 'cadre' },
    measure: 'distinct_families',
    period: 'term',
    target: { kind: 'fixed', value: 20 },
    comparison: 'at_least',
    citation: {
      note: N004,
      section: 'W13',
      seedLine: 'L110',
      quote: '每位教干要联系服务20名学生和家长…每学期至少对其进行1次家访',
    },
  },
  {
    id: 'home-visit-staff-term',
    label: '每名教职工联系服务10名学生和家长,每学期至少家访1次',
    activity: 'home_visit',
    subject: { scope: 'person', role: 'staff' },
    measure: 'distinct_families',
    period: 'term',
    target: { kind: 'fixed', value: 10 },
    comparison: 'at_least',
    citation: {
      note: N004,
      section: 'W13',
      seedLine: 'L110',
      quote: '每名教职工联系服务10名学生和家长…每学期至少对其进行1次家访',
    },
  },
] satisfies QuotaRule[]);

/**
 * The six categories a visitor's contact families must cover (seed-004-notes.md W13, seed 004 L110:
 * "联系对象应涵盖优等生、特长生、贫困生、学困生、留守儿童、单亲学生家庭等层面").
 */
export const HOME_VISIT_CATEGORIES = Object.freeze([
  { value: 'top', zh: '优等生' },
  { value: 'talented', zh: '特长生' },
  { value: 'poor', zh: '贫困生' },
  { value: 'struggling', zh: '学困生' },
  { value: 'left_behind', zh: '留守儿童' },
  { value: 'single_parent', zh: '单亲学生家庭' },
] as const);
export type HomeVisitCategory = (typeof HOME_VISIT_CATEGORIES)[number]['value'];

/**
 * The four-criterion lesson rubric ("一看…二看…三看…四看", seed-001-notes.md W17 and Q128, seed 001 L686): the
 * breadth of student participation, the depth of learning, the effectiveness in reaching the aims, the students'
 * satisfaction. Data for the observation form; the scoring levels are the template engine's.
 */
export const FOUR_CRITERION_RUBRIC = Object.freeze([
  { id: 'breadth', zh: '学生参与的广度', hint: '是少数人动,还是多数人动' },
  { id: 'depth', zh: '学生学习的深度', hint: '积极认知、思维活跃、善于质疑问难、有独立见解' },
  { id: 'efficacy', zh: '教学目标达成的效度', hint: '知识是否达标、能力是否生成、情感是否丰富' },
  { id: 'satisfaction', zh: '学生的满意度', hint: '学得轻松愉快,负担不重,收获大' },
] as const);
