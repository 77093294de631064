import {
  DEFAULT_RECTIFICATION_RULES,
  type RectificationRules,
  type SpreadRule,
} from '../../../common/inspections/index.js';
import type { Db } from '../../db/pool.js';
import type { EscalationRules } from './problems/reminders.js';
import type { RiskWeights } from './stats/risk.js';

/**
 * The inspections module's rules, stored per county in insp_settings (data, not constants). Defaults and sources:
 * - rectification: 30-day report, 15-day objection, 30-day 复查 (anchors-platform §7, a provincial regulation);
 *   重大 problems 15 days (local practice: 挂牌督办 items are chased harder; seed-003 L502) — configurable;
 * - resultObjectionDays: a published result may be objected to within 15 days (anchors-platform §7);
 * - lowRatio: a leaf scored under 60% of its points proposes a problem (the 合格 line of the default bands);
 * - spread: inspectors disagree when the range on a node exceeds 20% of its points;
 * - reminders/escalation: see problems/reminders.ts;
 * - uploads: photos and documents up to 10 MB (a phone photo is 2–6 MB);
 * - risk: see stats/risk.ts.
 */
export interface InspectionRules {
  rectification: RectificationRules;
  resultObjectionDays: number;
  lowRatio: number;
  spread: SpreadRule;
  escalation: EscalationRules;
  maxUploadBytes: number;
  severities: string[];
  categories: string[];
  risk: RiskWeights;
}

export const DEFAULT_INSPECTION_RULES: InspectionRules = {
  rectification: { ...DEFAULT_RECTIFICATION_RULES, deadlineDaysBySeverity: { 重大: 15, 一般: 30, 轻微: 30 } },
  resultObjectionDays: 15,
  lowRatio: 0.6,
  spread: { kind: 'fraction', value: 0.2 },
  escalation: { remindDaysBefore: 3, schoolHeadAfterDays: 1, bureauAfterDays: 15 },
  maxUploadBytes: 10 * 1024 * 1024,
  severities: ['重大', '一般', '轻微'],
  categories: ['教学常规', '课堂教学', '安全', '食品卫生', '校车', '规范办学', '其他'],
  risk: { overdue: 3, recurring: 2, lowScore: 20, monthsSinceVisit: 1, maxMonths: 12 },
};

/** The county's rules (defaults merged under what is stored). */
export async function rulesOf(db: Db, countyId: number): Promise<InspectionRules> {
  const row = await db.selectFrom('insp_settings').select('rules').where('county_id', '=', countyId).executeTakeFirst();
  return { ...DEFAULT_INSPECTION_RULES, ...(row?.rules ?? {}) };
}
