/** Shapes of the activities API answers the pages read (docs/modules/activities.md). */
export interface Rubric {
  id: number;
  code: string;
  name: string;
  levels: number;
  levelLabels: string[];
  criteria: { id: string; zh: string; hint?: string }[];
}

export interface Observation {
  id: number;
  observerId: number;
  observerName: string;
  teacherId: number;
  teacherName: string;
  schoolId: number;
  schoolName: string;
  classId: number | null;
  className: string | null;
  subjectId: number;
  subjectName: string;
  lessonDate: string;
  period: number;
  kind: string;
  rubricId: number;
  rubricName: string;
  scores: Record<string, number>;
  score: number;
  evidence: string | null;
  strengths: string;
  improvement: string;
  openLessonId: number | null;
  enteredAt: string;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
}

export type QuotaStatus = 'met' | 'on_track' | 'behind' | 'not_met';

export interface ComplianceRow {
  ruleId: number;
  ruleLabel: string;
  measure: string;
  scope: 'person' | 'group' | 'school';
  subjectId: string;
  name: string;
  schoolId: number | null;
  schoolName: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  measured: number;
  target: number;
  expectedToDate: number;
  presentShare: number;
  status: QuotaStatus;
  shortfall: number;
  recordCount: number;
}

export interface Tally {
  subjects: number;
  met: number;
  ok: number;
  behind: number;
  shareMet: number | null;
  shareOk: number | null;
}

export interface RuleSummary {
  ruleId: number;
  code: string;
  label: string;
  activity: string;
  measure: string;
  period: string;
  periodId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  county: Tally | null;
  schools: (Tally & { schoolId: number | null; schoolName: string })[];
}

export interface QuotaRule {
  id: number;
  code: string;
  label: string;
  activity: string;
  subkinds: string[] | null;
  levels: string[] | null;
  subjectScope: string;
  subjectRole: string | null;
  groupKind: string | null;
  schoolTypes: string[] | null;
  tiers: string[] | null;
  measure: string;
  period: string;
  targetKind: string;
  targetValue: number;
  targetRole: string | null;
  active: boolean;
  citation: { note: string; section: string; seedLine: string; quote: string } | null;
}

export const OBSERVATION_KINDS = ['推门听课', '随堂', '公开课', '视导', '磨课'] as const;
