import type { ColumnType, Generated } from 'kysely';

/** The activities module's tables, as Kysely sees them (migration 0005_activities); part of Database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
type Id = Generated<number>;
/** jsonb written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface ActivityRubricsTable {
  county_id: number;
  id: Id;
  code: string;
  name: string;
  levels: number;
  level_labels: string[];
  criteria: Json<{ id: string; zh: string; hint?: string }[]>;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityQuotaRulesTable {
  county_id: number;
  id: Id;
  code: string;
  label: string;
  activity: string;
  subkinds: string[] | null;
  levels: string[] | null;
  subject_scope: string;
  subject_role: string | null;
  group_kind: string | null;
  school_types: string[] | null;
  tiers: string[] | null;
  measure: string;
  period: string;
  target_kind: string;
  target_value: number;
  target_role: string | null;
  citation: Json<unknown> | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityRoleHoldingsTable {
  county_id: number;
  id: Id;
  staff_id: number;
  role: string;
  from_date: DateText;
  until_date: DateText | null;
  note: string | null;
  created_at: Generated<Date>;
}

export interface ActivityGroupsTable {
  county_id: number;
  id: Id;
  school_id: number;
  kind: string;
  name: string;
  subject_id: number | null;
  grade_levels: Generated<number[]>;
  leader_staff_id: number | null;
  member_ids: Generated<number[]>;
  from_date: DateText | null;
  until_date: DateText | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityOpenLessonsTable {
  county_id: number;
  id: Id;
  school_id: number;
  host_staff_id: number;
  subject_id: number;
  class_id: number | null;
  kind: string;
  level: string;
  topic: string;
  lesson_date: DateText;
  period: number | null;
  participants: string | null;
  materials: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityObservationsTable {
  county_id: number;
  id: Id;
  observer_id: number;
  teacher_id: number;
  school_id: number;
  class_id: number | null;
  subject_id: number;
  lesson_date: DateText;
  period: number;
  kind: string;
  rubric_id: number;
  scores: Json<Record<string, number>>;
  score: number;
  evidence: string | null;
  strengths: string;
  improvement: string;
  open_lesson_id: number | null;
  entered_at: Generated<Date>;
  acknowledged_at: Timestamp | null;
  acknowledgement: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityPrepsTable {
  county_id: number;
  id: Id;
  school_id: number;
  group_id: number;
  prep_date: DateText;
  topic: string;
  lead_staff_id: number;
  participant_ids: Generated<number[]>;
  outputs: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityResearchEventsTable {
  county_id: number;
  id: Id;
  school_id: number | null;
  organiser_staff_id: number;
  kind: string;
  level: string;
  event_date: DateText;
  topic: string;
  location: string | null;
  target_school_ids: Generated<number[]>;
  participants: string | null;
  notes: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityTrainingCoursesTable {
  county_id: number;
  id: Id;
  name: string;
  organiser: string;
  hours: number;
  level: string;
  start_date: DateText;
  end_date: DateText;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityTrainingsTable {
  county_id: number;
  id: Id;
  course_id: number;
  staff_id: number;
  school_id: number | null;
  hours: number;
  completed_on: DateText;
  certificate_no: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityMentorPairsTable {
  county_id: number;
  id: Id;
  school_id: number;
  mentor_id: number;
  mentee_id: number;
  start_date: DateText;
  end_date: DateText | null;
  goals: string;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityMentorRecordsTable {
  county_id: number;
  id: Id;
  pair_id: number;
  record_date: DateText;
  kind: string;
  content: string;
  created_at: Generated<Date>;
}

export interface ActivityHomeVisitsTable {
  county_id: number;
  id: Id;
  school_id: number;
  visitor_id: number;
  student_id: number;
  visit_date: DateText;
  mode: string;
  category: string;
  notes: string | null;
  follow_up: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityHomeworkTable {
  county_id: number;
  id: Id;
  school_id: number;
  class_id: number;
  subject_id: number;
  hw_date: DateText;
  minutes: number;
  content: string | null;
  teacher_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivityHomeworkCapsTable {
  county_id: number;
  id: Id;
  grade_from: number;
  grade_to: number;
  written_allowed: boolean;
  cap_minutes: number;
  citation: string | null;
}

export interface ActivitiesTables {
  activity_rubrics: ActivityRubricsTable;
  activity_quota_rules: ActivityQuotaRulesTable;
  activity_role_holdings: ActivityRoleHoldingsTable;
  activity_groups: ActivityGroupsTable;
  activity_open_lessons: ActivityOpenLessonsTable;
  activity_observations: ActivityObservationsTable;
  activity_preps: ActivityPrepsTable;
  activity_research_events: ActivityResearchEventsTable;
  activity_training_courses: ActivityTrainingCoursesTable;
  activity_trainings: ActivityTrainingsTable;
  activity_mentor_pairs: ActivityMentorPairsTable;
  activity_mentor_records: ActivityMentorRecordsTable;
  activity_home_visits: ActivityHomeVisitsTable;
  activity_homework: ActivityHomeworkTable;
  activity_homework_caps: ActivityHomeworkCapsTable;
}
