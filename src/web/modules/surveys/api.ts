/** Shapes of the surveys API answers the pages read (see src/server/modules/surveys). */
import type { SurveyDefinition } from '../../../common/surveys/definition';

export interface SurveyItem {
  id: number;
  title: string;
  audience: 'parents' | 'students' | 'teachers';
  templateKey: string | null;
  questionCount: number;
  updatedAt: string;
}

export interface CampaignItem {
  id: number;
  title: string;
  audience: string;
  mode: 'open' | 'tokens';
  surveyId: number;
  opensAt: string;
  closesAt: string;
  target: number;
  respondents: number;
  eligible: number;
  schoolCount: number;
}

export interface CampaignUnit {
  id: number;
  schoolId: number;
  schoolName: string;
  classId: number | null;
  className: string | null;
  headTeacherName: string | null;
  eligible: number;
  respondents: number;
  coverage: number | null;
  shortfall: number;
  met: boolean;
  linkCode: string | null;
}

export interface CampaignDetail {
  id: number;
  title: string;
  audience: string;
  mode: 'open' | 'tokens';
  surveyId: number;
  opensAt: string;
  closesAt: string;
  target: number;
  previousCampaignId: number | null;
  canManage: boolean;
  definition: SurveyDefinition;
  total: { eligible: number; respondents: number; coverage: number | null };
  schools: {
    schoolId: number;
    schoolName: string;
    regionName: string;
    eligible: number;
    respondents: number;
    coverage: number | null;
    required: number;
    met: boolean;
  }[];
  units: CampaignUnit[];
}

export interface Interval {
  low: number;
  high: number;
}
export type Cell =
  | { suppressed: true }
  | {
      suppressed: false;
      respondents: number;
      rate: number | null;
      rateCi: Interval | null;
      unknownShare: number | null;
      index: number | null;
      indexCi: Interval | null;
    };
export interface GroupResult {
  level: 'county' | 'region' | 'school' | 'class';
  id: string;
  name: string;
  parentId: string | null;
  suppressed: boolean;
  respondents: number | null;
  overall: Cell;
  dimensions: Record<string, Cell>;
  items: Record<string, Cell>;
}
export interface RankedSchool {
  schoolId: string;
  name: string;
  value: number;
  ci: Interval | null;
  rank: number;
  bottomRank: number;
}
export interface CampaignResults {
  campaign: { id: number; title: string };
  dimensions: string[];
  items: { key: string; title: string; dimension: string }[];
  groups: GroupResult[];
  ranking: { measure: 'rate' | 'index'; top: RankedSchool[]; bottom: RankedSchool[]; all: RankedSchool[] };
  changes: {
    schoolId: string;
    name: string;
    change: { current: number; previous: number; difference: number; overlap: boolean | null } | null;
  }[];
  drivers: (
    | { suppressed: true; dimension: string }
    | {
        suppressed: false;
        dimension: string;
        pairs: number;
        importance: number | null;
        performance: number | null;
        quadrant: string | null;
      }
  )[];
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
export const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(1));
export const pctCi = (ci: Interval | null) =>
  ci ? `${(ci.low * 100).toFixed(1)}–${(ci.high * 100).toFixed(1)}%` : '—';
export const numCi = (ci: Interval | null) => (ci ? `${ci.low.toFixed(1)}–${ci.high.toFixed(1)}` : '—');
