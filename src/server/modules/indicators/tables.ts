import type { ColumnType, Generated } from 'kysely';
import type { Recurrence } from '../../../common/calendar/index.js';

/** The indicators module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
type DateText = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface IndicatorsTable {
  county_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  definition: string;
  level: string;
  source_key: string;
  params: Json<Record<string, unknown>>;
  archived_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IndicatorPeriodsTable {
  county_id: number;
  id: Generated<number>;
  kind: 'school_year' | 'term' | 'year';
  name: string;
  start_date: DateText;
  end_date: DateText;
  school_year_id: number | null;
  term_id: number | null;
  created_at: Generated<Date>;
}

export interface IndicatorTargetsTable {
  county_id: number;
  id: Generated<number>;
  indicator_id: number;
  unit_level: 'county' | 'region' | 'school';
  unit_id: number;
  period_id: number;
  kind: 'absolute' | 'change' | 'rank' | 'count';
  value: number | null;
  delta: number | null;
  change_mode: 'points' | 'relative' | null;
  among: string | null;
  baseline: number | null;
  split_from_id: number | null;
  citation: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IndicatorManualValuesTable {
  county_id: number;
  id: Generated<number>;
  indicator_id: number;
  unit_level: string;
  unit_id: number;
  period_id: number;
  value: number;
  evidence_note: string;
  evidence_file: string | null;
  evidence_file_name: string | null;
  status: Generated<'pending' | 'approved' | 'returned'>;
  entered_by: number | null;
  reviewed_by: number | null;
  review_comment: string | null;
  created_at: Generated<Date>;
  reviewed_at: Date | null;
}

export interface IndicatorValueCacheTable {
  county_id: number;
  indicator_id: number;
  unit_level: string;
  unit_id: number;
  period_id: number;
  value: number | null;
  n: number | null;
  ref: string;
  computed_at: Date;
}

export interface LeadingGroupMember {
  role: 'leader' | 'deputy' | 'member' | 'office';
  name: string;
  title?: string;
}

export interface PlansTable {
  county_id: number;
  id: Generated<number>;
  kind: string;
  title: string;
  owner_level: 'county' | 'school';
  owner_id: number;
  start_date: DateText;
  end_date: DateText;
  basis: string | null;
  leading_group: Json<LeadingGroupMember[]>;
  parent_plan_id: number | null;
  filing_due: DateText | null;
  summary_style: Generated<'topical' | 'pdca' | 'mirror'>;
  archived_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanPhasesTable {
  county_id: number;
  id: Generated<number>;
  plan_id: number;
  name: string;
  start_date: DateText;
  end_date: DateText;
  sort: Generated<number>;
}

export interface PlanGoalsTable {
  county_id: number;
  id: Generated<number>;
  plan_id: number;
  target_id: number;
  sort: Generated<number>;
}

export interface PlanTasksTable {
  county_id: number;
  id: Generated<number>;
  plan_id: number;
  phase_id: number | null;
  title: string;
  description: Generated<string>;
  lead_unit: string;
  responsible_school_ids: ColumnType<number[], number[] | undefined, number[]>;
  responsible_depts: ColumnType<string[], string[] | undefined, string[]>;
  responsible_person: Generated<string>;
  due_date: DateText | null;
  recurrence: Json<Recurrence | null>;
  evidence_required: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportFile {
  hash: string;
  name: string;
}

export interface PlanTaskReportsTable {
  county_id: number;
  id: Generated<number>;
  task_id: number;
  school_id: number | null;
  due_date: DateText;
  status: 'in_progress' | 'done' | 'blocked';
  narrative: Generated<string>;
  files: Json<ReportFile[]>;
  reported_by: number | null;
  reported_at: Generated<Date>;
}

export interface PlanFilingsTable {
  county_id: number;
  id: Generated<number>;
  plan_id: number;
  school_id: number;
  title: string;
  content: Generated<string>;
  file: string | null;
  file_name: string | null;
  status: Generated<'submitted' | 'approved' | 'returned'>;
  review_comment: string | null;
  submitted_at: Generated<Date>;
  reviewed_at: Date | null;
}

export interface PlanSummaryTextsTable {
  county_id: number;
  plan_id: number;
  section: string;
  body: string;
  updated_at: Generated<Date>;
}

export interface IndicatorsTables {
  indicators: IndicatorsTable;
  indicator_periods: IndicatorPeriodsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_manual_values: IndicatorManualValuesTable;
  indicator_value_cache: IndicatorValueCacheTable;
  plans: PlansTable;
  plan_phases: PlanPhasesTable;
  plan_goals: PlanGoalsTable;
  plan_tasks: PlanTasksTable;
  plan_task_reports: PlanTaskReportsTable;
  plan_filings: PlanFilingsTable;
  plan_summary_texts: PlanSummaryTextsTable;
}
