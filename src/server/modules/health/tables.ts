import type { ColumnType, Generated } from 'kysely';

/** The health module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** A county's correction of one cell of the fitness standard (overlay over the shipped tables). */
export interface HealthStandardCellsTable {
  county_id: number;
  id: Generated<number>;
  standard_version: Generated<string>;
  grade_code: string;
  sex: string;
  item: string;
  score: number;
  threshold: number | null;
  reason: string;
  updated_by: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** Item key → measured value (seconds, cm, ml, reps). */
export type FitnessItems = Record<string, number>;
/** Item key → its score and the verification status of the deciding cell (score null = no standard value). */
export type FitnessScores = Record<string, { score: number | null; status: string | null }>;

export interface HealthFitnessResultsTable {
  county_id: number;
  id: Generated<number>;
  school_year_id: number;
  student_id: number;
  school_id: number;
  class_id: number;
  grade_level: number;
  sex: string;
  exempt: Generated<boolean>;
  height_cm: number | null;
  weight_kg: number | null;
  items: Json<FitnessItems>;
  bmi: number | null;
  bmi_category: string | null;
  scores: Json<FitnessScores>;
  standard_score: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
  graduation_score: number | null;
  notes: Json<string[]>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HealthVisionScreeningsTable {
  county_id: number;
  id: Generated<number>;
  term_id: number;
  student_id: number;
  school_id: number;
  class_id: number;
  grade_level: number;
  sex: string;
  left_acuity: number;
  right_acuity: number;
  myopia: boolean;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HealthMentalRoundsTable {
  county_id: number;
  id: Generated<number>;
  school_id: number;
  term_id: number;
  name: string;
  scale: string;
  screened: number;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface HealthMentalCardsTable {
  county_id: number;
  id: Generated<number>;
  school_id: number;
  round_id: number | null;
  student_id: number;
  level: string;
  reason: string;
  scale_score: number | null;
  plan: string | null;
  helper_staff_id: number | null;
  status: Generated<string>;
  closing_note: string | null;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HealthMentalFollowupsTable {
  county_id: number;
  id: Generated<number>;
  card_id: number;
  on_date: ColumnType<string, string, string>;
  note: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface HealthTables {
  health_mental_rounds: HealthMentalRoundsTable;
  health_mental_cards: HealthMentalCardsTable;
  health_mental_followups: HealthMentalFollowupsTable;
  health_standard_cells: HealthStandardCellsTable;
  health_fitness_results: HealthFitnessResultsTable;
  health_vision_screenings: HealthVisionScreeningsTable;
}
