/** The inspections module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Answers, Problem, Template } from '../../../common/inspections/index.js';
import type { InspectionRules } from './settings.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
type Id = Generated<number>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

/** The template body as stored: the engine's Template without the row's own id/version/status. */
export type TemplateBody = Omit<Template, 'id' | 'version' | 'status'>;

export interface InspSettingsTable {
  county_id: number;
  rules: Json<InspectionRules>;
  updated_at: Generated<Date>;
}

export interface InspTemplatesTable {
  county_id: number;
  id: Id;
  family_id: number;
  version: number;
  status: 'draft' | 'published';
  category: string;
  title: string;
  body: Json<TemplateBody>;
  created_by: number | null;
  published_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type VisitKind = 'self' | 'routine' | 'random' | 'special' | 'teaching' | 'regular' | 'joint';

export interface InspPlansTable {
  county_id: number;
  id: Id;
  title: string;
  kind: VisitKind;
  template_id: number;
  starts_on: DateText;
  ends_on: DateText;
  unannounced: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface InspPlanInspectorsTable {
  county_id: number;
  plan_id: number;
  user_id: number;
}

export interface InspVisitsTable {
  county_id: number;
  id: Id;
  plan_id: number;
  school_id: number;
  status: Generated<'planned' | 'scored' | 'published'>;
  total: number | null;
  grade: string | null;
  vetoed: Generated<boolean>;
  published_at: Timestamp | null;
  objection_until: DateText | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InspSheetsTable {
  county_id: number;
  id: Id;
  visit_id: number;
  user_id: number;
  is_self: Generated<boolean>;
  answers: Json<Answers>;
  status: Generated<'draft' | 'submitted'>;
  revision: Generated<number>;
  total: number | null;
  grade: string | null;
  submitted_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface InspFilesTable {
  county_id: number;
  id: Id;
  school_id: number;
  hash: string;
  name: string;
  mime: string;
  size: number;
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export interface InspObjectionsTable {
  county_id: number;
  id: Id;
  visit_id: number;
  filed_by: number;
  reason: string;
  filed_on: DateText;
  upheld: boolean | null;
  decision: string | null;
  decided_by: number | null;
  decided_on: DateText | null;
  created_at: Generated<Date>;
}

export interface InspProblemsTable {
  county_id: number;
  id: Id;
  school_id: number;
  source_module: string;
  source_ref: string | null;
  visit_id: number | null;
  criterion_code: string | null;
  criterion_title: string | null;
  category: string;
  severity: string;
  description: string;
  evidence: Json<number[]>;
  flagged: Generated<boolean>;
  status: string;
  ordered_on: DateText | null;
  deadline: DateText | null;
  closed_on: DateText | null;
  before_ratio: number | null;
  after_ratio: number | null;
  escalation: Generated<number>;
  state: Json<Problem>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InspProblemStepsTable {
  county_id: number;
  id: Id;
  problem_id: number;
  type: string;
  on_date: DateText;
  user_id: number | null;
  note: string | null;
  evidence: Json<number[]>;
  detail: Json<Record<string, unknown>> | null;
  created_at: Generated<Date>;
}

export interface InspRemindersTable {
  county_id: number;
  id: Id;
  problem_id: number;
  kind: 'before' | 'school_head' | 'bureau';
  deadline: DateText;
  sent_on: DateText;
  recipient: string;
}

export interface InspZonesTable {
  county_id: number;
  id: Id;
  name: string;
  inspector_id: number;
  min_visits: number;
  period: 'month' | 'term';
  created_at: Generated<Date>;
}

export interface InspZoneSchoolsTable {
  county_id: number;
  zone_id: number;
  school_id: number;
}

export interface InspectionsTables {
  insp_settings: InspSettingsTable;
  insp_templates: InspTemplatesTable;
  insp_plans: InspPlansTable;
  insp_plan_inspectors: InspPlanInspectorsTable;
  insp_visits: InspVisitsTable;
  insp_sheets: InspSheetsTable;
  insp_files: InspFilesTable;
  insp_objections: InspObjectionsTable;
  insp_problems: InspProblemsTable;
  insp_problem_steps: InspProblemStepsTable;
  insp_reminders: InspRemindersTable;
  insp_zones: InspZonesTable;
  insp_zone_schools: InspZoneSchoolsTable;
}
