/** Shapes of the exams API as the pages use them (see src/server/modules/exams). */
export interface ExamListItem {
  id: number;
  name: string;
  kind: string;
  termName: string;
  gradeLevel: number;
  examDate: string | null;
  ownerSchoolName: string | null;
  subjectNames: string[];
  students: number;
  analysisStatus: string;
  stale: boolean;
  computedAt: string | null;
}

export interface ExamSubject {
  id: number;
  subjectId: number;
  name: string;
  fullMarks: number;
  inTotal: boolean;
  groupName: string | null;
  scaled: boolean;
  itemCount: number;
  scoreCount: number;
}

export type Threshold =
  | { kind: 'fraction'; value: number }
  | { kind: 'score'; value: number }
  | { kind: 'top'; share: number };
export interface ExamThresholds {
  rates: { excellent: Threshold; good?: Threshold; pass: Threshold; low: Threshold };
  gradeLines: Threshold[];
  lines: { name: string; threshold: Threshold; source?: string }[];
  borderlineK: number;
  bandStep: number;
  topShare: number;
  topN: number;
}

export interface Exam {
  id: number;
  name: string;
  kind: string;
  termId: number;
  termName: string;
  gradeLevel: number;
  examDate: string | null;
  ownerSchoolId: number | null;
  ownerSchoolName: string | null;
  schoolIds: number[];
  priorExamId: number | null;
  thresholds: ExamThresholds;
  stale: boolean;
  analysisStatus: string;
  analysisMessage: string | null;
  computedAt: string | null;
  mayManage: boolean;
  subjects: ExamSubject[];
}

export type Num = number | null;
export interface UnitStats {
  expected: number;
  n?: number;
  absent?: number;
  mean?: Num;
  scoreRate?: Num;
  sd?: Num;
  min?: Num;
  max?: Num;
  median?: Num;
  excellentRate?: Num;
  goodRate?: Num;
  passRate?: Num;
  lowRate?: Num;
  overMean?: Num;
  tScore?: Num;
  composite?: Num;
  compositeRank?: Num;
  rank?: Num;
  va?: { n: number; va: Num; ciLow: Num; ciHigh: Num; notDifferent: boolean | null };
  lines?: { name: string; cut: Num; count: number; rate: Num }[];
  bands?: { lower: number; upper: number; count: number; cumulative: number; share: number; cumulativeShare: number }[];
  items?: { p: Num; options?: Num[] }[];
  knowledge?: { name: string; rate: Num }[];
  paper?: {
    n: number;
    alpha: Num;
    sem: Num;
    items: {
      label: string;
      fullMarks: number;
      difficulty: Num;
      upperLowerD: Num;
      discrimination: Num;
      fullRate: Num;
      zeroRate: Num;
      flagHard: boolean;
      flagEasy: boolean;
      flagLowD: boolean;
      flagNegativeR: boolean;
      knowledgePoint: string | null;
      abilityLevel: string | null;
      kind: string;
      answerKey: string | null;
    }[];
  };
}

export interface UnitRow {
  unitKind: string;
  unitId: number;
  schoolId: number | null;
  name: string;
  n: number;
  key: string;
  suppressed: boolean;
  stats: UnitStats;
}

export interface Basis {
  keys: Record<string, { name: string; fullMarks: number; cuts: { excellent: Num; good: Num; pass: Num; low: Num } }>;
  computedAt: string;
}

export interface ResultsAnswer {
  items: UnitRow[];
  minGroup: number;
  basis: Basis | null;
  exam: { analysisStatus: string; stale: boolean };
}

export interface StudentResult {
  s: Num;
  st: string;
  g?: string;
  z?: Num;
  t?: Num;
  pr?: Num;
  rk?: number;
  rs?: number;
  rc?: number;
  b?: string[];
  top?: 1;
  bottom?: 1;
  imb?: number;
  drk?: number;
}

export interface StudentRow {
  studentId: number;
  studentNo: string;
  name: string;
  schoolName: string;
  schoolId: number;
  className: string | null;
  classId: number | null;
  result: StudentResult | null;
}
