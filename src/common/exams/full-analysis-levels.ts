/**
 * The unit levels of an exam analysis (county, school groupings, school, class, teacher) as per-student unit ids, and
 * the student order by school then class that makes every school's and class's students one contiguous block.
 */
import type { ExamData, SubjectData } from './full-analysis-types.js';

/** One level: the unit id of every student (−1 = in no unit of this level, e.g. a class without a teacher). */
export interface Level {
  key: string;
  count: number;
  ofStudent: Int32Array;
  /** For the class level: the school of every class (peer ranking within the parent). */
  parentOf?: Int32Array;
  parentCount?: number;
}

/** The levels shared by every measure: county, each school grouping, school, class. */
export function baseLevels(data: ExamData): Level[] {
  const N = data.studentCount;
  const school = new Int32Array(N);
  for (let i = 0; i < N; i++) school[i] = data.classSchool[data.studentClass[i]];
  const levels: Level[] = [{ key: 'county', count: 1, ofStudent: new Int32Array(N) }];
  for (const g of data.schoolGroupings) {
    const of = new Int32Array(N);
    for (let i = 0; i < N; i++) of[i] = g.ofSchool[school[i]];
    levels.push({ key: g.key, count: g.count, ofStudent: of });
  }
  levels.push({ key: 'school', count: data.schoolCount, ofStudent: school });
  levels.push({
    key: 'class',
    count: data.classCount,
    ofStudent: data.studentClass,
    parentOf: data.classSchool,
    parentCount: data.schoolCount,
  });
  return levels;
}

/** The teacher level of a subject (via its class → teacher map), or null without teaching assignments. */
export function teacherLevel(data: ExamData, subject: SubjectData): Level | null {
  if (!subject.teacherOfClass || !subject.teacherCount) return null;
  const of = new Int32Array(data.studentCount);
  for (let i = 0; i < of.length; i++) of[i] = subject.teacherOfClass[data.studentClass[i]];
  return { key: 'teacher', count: subject.teacherCount, ofStudent: of };
}

/**
 * Students ordered by school, then class (a counting sort of the classes by school, then of the students by that
 * class order), with the block start of every class and every school in that order.
 */
export interface SchoolClassOrder {
  /** Student indices, school by school and class by class. */
  order: Int32Array;
  /** Students of class c: order[classStart[c] .. classStart[c] + classSize[c]). */
  classStart: Int32Array;
  classSize: Int32Array;
  /** Students of school s: order[schoolStart[s] .. schoolStart[s + 1]). */
  schoolStart: Int32Array;
}

export function schoolClassOrder(data: ExamData): SchoolClassOrder {
  const { classCount: C, schoolCount: S, studentCount: N } = data;
  const classSize = new Int32Array(C);
  for (let i = 0; i < N; i++) classSize[data.studentClass[i]]++;
  const schoolStart = new Int32Array(S + 1);
  for (let c = 0; c < C; c++) schoolStart[data.classSchool[c] + 1] += classSize[c];
  for (let s = 0; s < S; s++) schoolStart[s + 1] += schoolStart[s];
  const classStart = new Int32Array(C);
  const fillSchool = schoolStart.slice(0, S);
  for (let c = 0; c < C; c++) {
    const s = data.classSchool[c];
    classStart[c] = fillSchool[s];
    fillSchool[s] += classSize[c];
  }
  const order = new Int32Array(N);
  const fill = classStart.slice();
  for (let i = 0; i < N; i++) order[fill[data.studentClass[i]]++] = i;
  return { order, classStart, classSize, schoolStart };
}

/** Unit ids with −1 mapped to an extra last id (`count`), so that engine functions see ids in [0, count]. */
export function withNoneGroup(level: Level): Int32Array {
  const ids = new Int32Array(level.ofStudent.length);
  for (let i = 0; i < ids.length; i++) ids[i] = level.ofStudent[i] < 0 ? level.count : level.ofStudent[i];
  return ids;
}
