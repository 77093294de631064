/** The surveys module's tables, as Kysely sees them; part of the Database interface (src/server/db/types.ts). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface SurveyDefinitionsTable {
  county_id: number;
  id: Generated<number>;
  title: string;
  audience: string;
  definition: Json;
  template_key: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyCampaignsTable {
  county_id: number;
  id: Generated<number>;
  survey_id: number;
  title: string;
  audience: string;
  definition: Json;
  mode: string;
  school_ids: number[];
  grade_levels: Generated<number[]>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  target: Generated<number>;
  previous_campaign_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyUnitsTable {
  county_id: number;
  id: Generated<number>;
  campaign_id: number;
  school_id: number;
  class_id: number | null;
  eligible: number;
  link_code: string;
}

export interface SurveyTokensTable {
  county_id: number;
  code_hash: string;
  campaign_id: number;
  unit_id: number;
  used: Generated<boolean>;
}

export interface SurveyResponsesTable {
  county_id: number;
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  school_id: number;
  class_id: number | null;
  answers: Json;
  submitted_on: Generated<string>;
}

export interface SurveyReceiptsTable {
  nonce: string;
  county_id: number;
  received_on: Generated<string>;
}

export interface CaseTimeLimitsTable {
  county_id: number;
  category: string;
  urgency: string;
  accept_days: number;
  reply_days: number;
  close_days: number;
}

export interface CasesTable {
  county_id: number;
  id: Generated<number>;
  tracking_code: string;
  channel: string;
  external_ref: string | null;
  category: string;
  urgency: Generated<string>;
  school_id: number | null;
  title: string;
  content: string;
  anonymous: Generated<boolean>;
  contact_name: string | null;
  contact_phone: string | null;
  state: Generated<string>;
  limits: Json;
  clock_start: Generated<Date>;
  pauses: ColumnType<unknown, string | undefined, string>;
  received_at: Generated<Date>;
  accepted_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  reply: string | null;
  visit_verdict: string | null;
  resolution: string | null;
  reopen_count: Generated<number>;
  urge_count: Generated<number>;
  escalated_at: Date | null;
  created_by: number | null;
  updated_at: Generated<Date>;
}

export interface CaseEventsTable {
  county_id: number;
  id: Generated<number>;
  case_id: number;
  at: Generated<Date>;
  user_id: number | null;
  username: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
}

export interface CaseReplyTemplatesTable {
  county_id: number;
  id: Generated<number>;
  category: string | null;
  title: string;
  body: string;
}

export interface SchoolLedgerItemsTable {
  county_id: number;
  id: Generated<number>;
  list: string;
  school_id: number;
  title: string;
  detail: string | null;
  source: string | null;
  status: Generated<string>;
  resolution: string | null;
  resolved_by: number | null;
  resolved_at: Date | null;
  check_note: string | null;
  checked_by: number | null;
  checked_at: Date | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface SurveysTables {
  school_ledger_items: SchoolLedgerItemsTable;
  case_time_limits: CaseTimeLimitsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_reply_templates: CaseReplyTemplatesTable;
  survey_definitions: SurveyDefinitionsTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_units: SurveyUnitsTable;
  survey_tokens: SurveyTokensTable;
  survey_responses: SurveyResponsesTable;
  survey_receipts: SurveyReceiptsTable;
}
