/**
 * The surveys module's indicator sources for the plans module (indicators/sources.ts): the satisfaction rate of a
 * campaign kind, and two numbers of the cases (诉求) — completed on time, and schools without a substantiated
 * complaint. Dates of timestamps are China dates (Asia/Shanghai), compared with the period's inclusive dates.
 */
import { sql } from 'kysely';
import { type CaseState, caseDeadlines, type TimeLimits } from '../../../common/surveys/cases.js';
import type { SurveyDefinition } from '../../../common/surveys/definition.js';
import { satisfactionCounts, satisfactionRate } from '../../../common/surveys/satisfaction.js';
import { DEFAULT_MIN_GROUP_SIZE } from '../../../common/surveys/stats.js';
import { type SurveyResponse, scoredItems } from '../../../common/surveys/types.js';
import type { Db } from '../../db/pool.js';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import { type IndicatorQuery, type IndicatorSource, registerIndicatorSource } from '../indicators/sources.js';
import { schoolInUnit } from '../indicators/units.js';
import { parsePauses } from './cases.js';

const chinaDate = (column: string) => sql`(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date`;
const inPeriod = (column: string, q: IndicatorQuery) =>
  sql<boolean>`${chinaDate(column)} BETWEEN ${q.period.from}::date AND ${q.period.to}::date`;
const unitRef = (q: IndicatorQuery) => `${q.unit.level} ${q.unit.id} ${q.period.from}~${q.period.to}`;

/** The campaign kinds as the library names them → the campaign's audience. */
export const CAMPAIGN_KINDS: Readonly<Record<string, string>> = {
  家长满意度: 'parents',
  学生满意度: 'students',
  教师满意度: 'teachers',
};

function onlyParams(params: Record<string, unknown>, allowed: readonly string[]): string | null {
  const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
  return unknown.length > 0 ? `不支持的参数：${unknown.join('、')}` : null;
}

/** The rows of table alias `x` (with school_id, and class_id when `withClass`) inside the unit. */
function unitRows(q: IndicatorQuery, withClass: boolean) {
  if (q.unit.level === 'class') return withClass ? sql<boolean>`x.class_id = ${q.unit.id}` : sql<boolean>`false`;
  return schoolInUnit('x.school_id', q.countyId, q.unit);
}

/**
 * 满意率 of the latest campaign of a kind closed in the period: among campaigns whose audience is the kind's
 * (CAMPAIGN_KINDS), whose window closed (closes_at ≤ now) on a day in the period, that include a unit of the org unit
 * and have at least one item on the 满意度 scale, the one that closed last. Over its responses from the org unit:
 *   rate = (满意 + 基本满意) ÷ (满意 + 基本满意 + 不满意), answers pooled over every 满意度 item, 不了解 excluded
 * (the module's 口径, common/surveys/satisfaction.ts). Null when there is no such campaign, when fewer than 10
 * respondents answered (the module's suppression rule: a group under 10 shows no number), or when everyone answered
 * 不了解. Levels: county, 学区, school, class.
 */
export const satisfactionRateSource: IndicatorSource = {
  key: 'surveys.satisfactionRate',
  module: 'surveys',
  name: { zh: '满意率（最近一次测评）', en: 'Satisfaction rate (latest campaign)' },
  unit: 'percent',
  direction: 'higher',
  levels: ['county', 'region', 'school', 'class'],
  params: { campaignKind: `测评类别：${Object.keys(CAMPAIGN_KINDS).join('、')}` },
  checkParams(params) {
    const bad = onlyParams(params, ['campaignKind']);
    if (bad) return bad;
    if (typeof params.campaignKind !== 'string' || !(params.campaignKind in CAMPAIGN_KINDS))
      return `campaignKind 须为：${Object.keys(CAMPAIGN_KINDS).join('、')}`;
    return null;
  },
  async compute(db: Db, q) {
    const kind = q.params.campaignKind as string;
    const candidates = await sql<{ id: number; title: string; definition: SurveyDefinition; closesOn: string }>`
      SELECT c.id, c.title, c.definition, to_char(${chinaDate('c.closes_at')}, 'YYYY-MM-DD') AS "closesOn"
      FROM survey_campaigns c
      WHERE c.county_id = ${q.countyId} AND c.audience = ${CAMPAIGN_KINDS[kind]}
        AND c.closes_at <= now() AND ${inPeriod('c.closes_at', q)}
        AND EXISTS (SELECT 1 FROM survey_units x WHERE x.county_id = c.county_id AND x.campaign_id = c.id
          AND ${unitRows(q, true)})
      ORDER BY c.closes_at DESC, c.id DESC`.execute(db);
    const campaign = candidates.rows.find((c) => scoredItems(c.definition).some((i) => i.scale === 'satisfaction'));
    if (!campaign) return { value: null, ref: `无${kind}测评 ${unitRef(q)}`, computedAt: new Date() };
    const rows = await sql<{ answers: SurveyResponse['answers'] }>`
      SELECT x.answers FROM survey_responses x
      WHERE x.county_id = ${q.countyId} AND x.campaign_id = ${campaign.id} AND ${unitRows(q, true)}`.execute(db);
    const counts = satisfactionCounts(rows.rows, scoredItems(campaign.definition));
    const ref = `${kind}测评 ${campaign.id}「${campaign.title}」${campaign.closesOn}截止 ${q.unit.level} ${q.unit.id}`;
    if (counts.respondents < DEFAULT_MIN_GROUP_SIZE)
      return { value: null, ref: `${ref}：不足${DEFAULT_MIN_GROUP_SIZE}人作答，不公布`, computedAt: new Date() };
    const r = satisfactionRate(counts);
    return { value: r.rate, n: counts.respondents, ref, computedAt: new Date() };
  },
};

/**
 * 投诉按期办结率 = cases completed in the period by their 办结 deadline ÷ cases completed (办结, state closed) in the
 * period — the module's 按时办结率 (common/surveys/cases.ts caseRates): the deadline counts working days on the
 * county calendar from the case's dispatch, later by the days spent in 待补充. A case counts for the school it is
 * assigned to; cases not yet dispatched to a school are left out. Null when no case was completed in the period.
 */
export const complaintsOnTime: IndicatorSource = {
  key: 'surveys.complaintsOnTime',
  module: 'surveys',
  name: { zh: '诉求按期办结率', en: 'Cases completed on time' },
  unit: 'percent',
  direction: 'higher',
  levels: ['county', 'region', 'school'],
  params: {},
  checkParams: (p) => onlyParams(p, []),
  async compute(db: Db, q) {
    const rows = await sql<{ closedAt: Date; clockStart: Date; pauses: unknown; limits: TimeLimits }>`
      SELECT x.closed_at AS "closedAt", x.clock_start AS "clockStart", x.pauses, x.limits FROM cases x
      WHERE x.county_id = ${q.countyId} AND x.state = ${'closed' satisfies CaseState} AND x.closed_at IS NOT NULL
        AND ${inPeriod('x.closed_at', q)} AND ${unitRows(q, false)}`.execute(db);
    const cal = await loadWorkingCalendar(db, q.countyId);
    const onTime = rows.rows.filter((r) => {
      const { closeBy } = caseDeadlines(cal, {
        clockStart: r.clockStart,
        pauses: parsePauses(r.pauses),
        limits: r.limits,
      });
      return closeBy !== null && r.closedAt.getTime() <= closeBy.getTime();
    }).length;
    const n = rows.rows.length;
    return {
      value: n === 0 ? null : onTime / n,
      n,
      ref: `诉求办理 ${unitRef(q)}：按期办结 ${onTime}/${n}`,
      computedAt: new Date(),
    };
  },
};

/**
 * "零投诉"学校. Cases store no verdict on whether a complaint was true, so a complaint counts as substantiated
 * (有效投诉) when the school it was assigned to 签收'd it (accepted_at set: the school took it as its own; a case 退回
 * as misdirected is not the school's) and it was received in the period. A school is 零投诉 when it has no such case.
 *   measure 'share' (default): 零投诉 schools ÷ schools of the unit (not archived);
 *   measure 'count': the number of 零投诉 schools.
 * Null when the unit has no school. Levels: county, 学区, school (a school's value is 1 or 0 for share).
 */
export const zeroComplaintSchools: IndicatorSource = {
  key: 'surveys.zeroComplaintSchools',
  module: 'surveys',
  name: { zh: '"零投诉"学校', en: 'Schools without a substantiated complaint' },
  unit: 'percent',
  direction: 'higher',
  levels: ['county', 'region', 'school'],
  params: { measure: "'share'（默认，占学校比例）或 'count'（学校数）" },
  checkParams(p) {
    const bad = onlyParams(p, ['measure']);
    if (bad) return bad;
    if (p.measure !== undefined && p.measure !== 'share' && p.measure !== 'count')
      return "measure 须为 'share' 或 'count'";
    return null;
  },
  async compute(db: Db, q) {
    const measure = (q.params.measure as string | undefined) ?? 'share';
    const r = await sql<{ schools: number; zero: number }>`
      SELECT count(*)::int AS schools,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cases c
          WHERE c.county_id = x.county_id AND c.school_id = x.id AND c.accepted_at IS NOT NULL
            AND ${inPeriod('c.received_at', q)}))::int AS zero
      FROM schools x
      WHERE x.county_id = ${q.countyId} AND x.archived_at IS NULL AND ${schoolInUnit('x.id', q.countyId, q.unit)}`.execute(
      db,
    );
    const { schools, zero } = r.rows[0];
    const value = schools === 0 ? null : measure === 'count' ? zero : zero / schools;
    return {
      value,
      n: schools,
      ref: `诉求办理（已签收诉求）${unitRef(q)}：零投诉学校 ${zero}/${schools}`,
      computedAt: new Date(),
    };
  },
};

/** Registers the three sources (idempotent: the registry replaces a key registered again). */
export function registerSurveyIndicators(): void {
  registerIndicatorSource(satisfactionRateSource);
  registerIndicatorSource(complaintsOnTime);
  registerIndicatorSource(zeroComplaintSchools);
}
