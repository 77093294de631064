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

export interface SurveysTables {
  survey_definitions: SurveyDefinitionsTable;
  survey_campaigns: SurveyCampaignsTable;
  survey_units: SurveyUnitsTable;
  survey_tokens: SurveyTokensTable;
  survey_responses: SurveyResponsesTable;
  survey_receipts: SurveyReceiptsTable;
}
