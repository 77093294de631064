import type { ColumnType, Generated } from 'kysely';

/** The exams module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type ExamKind = 'sampling' | 'final' | 'midterm' | 'unit' | 'mock' | 'joint' | 'proficiency';
export type ScoreStatus = 'sat' | 'absent' | 'cheated' | 'exempt';
export type AnalysisStatus = 'none' | 'queued' | 'running' | 'done' | 'failed';
export type UnitKind = 'county' | 'region' | 'location' | 'school' | 'class' | 'teacher';

export interface ExamsTable {
  county_id: number;
  id: Generated<number>;
  name: string;
  kind: ExamKind;
  term_id: number;
  grade_level: number;
  exam_date: string | null;
  owner_school_id: number | null;
  school_ids: number[];
  thresholds: Json<unknown>;
  prior_exam_id: number | null;
  stale: Generated<boolean>;
  analysis_status: Generated<AnalysisStatus>;
  analysis_message: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ExamSubjectsTable {
  county_id: number;
  id: Generated<number>;
  exam_id: number;
  subject_id: number;
  full_marks: number;
  in_total: boolean;
  group_name: string | null;
  scaled: boolean;
  sort: number;
}

export interface ExamItemsTable {
  county_id: number;
  exam_subject_id: number;
  position: number;
  label: string;
  full_marks: number;
  kind: 'objective' | 'subjective';
  answer_key: string | null;
  option_count: number | null;
  knowledge_point: string | null;
  ability_level: string | null;
}

export interface ExamScoresTable {
  county_id: number;
  exam_subject_id: number;
  student_id: number;
  exam_id: number;
  school_id: number;
  class_id: number | null;
  status: ScoreStatus;
  total: number | null;
  raw_total: number | null;
  items: number[] | null;
  options: (string | null)[] | null;
}

export interface ExamAnalysesTable {
  county_id: number;
  exam_id: number;
  basis: Json<unknown>;
  computed_at: Generated<Date>;
}

export interface ExamUnitResultsTable {
  county_id: number;
  exam_id: number;
  unit_kind: UnitKind;
  unit_id: number;
  subject_key: string;
  school_id: number | null;
  n: number;
  stats: Json<unknown>;
}

export interface ExamStudentResultsTable {
  county_id: number;
  exam_id: number;
  student_id: number;
  school_id: number;
  class_id: number | null;
  data: Json<unknown>;
}

export interface ExamsTables {
  exams: ExamsTable;
  exam_subjects: ExamSubjectsTable;
  exam_items: ExamItemsTable;
  exam_scores: ExamScoresTable;
  exam_analyses: ExamAnalysesTable;
  exam_unit_results: ExamUnitResultsTable;
  exam_student_results: ExamStudentResultsTable;
}
