/**
 * The inspections module's indicator sources for the plans module (indicators/sources.ts). Both are read straight
 * from the inspections tables; levels county, 学区 (region subtree) and school.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import { type IndicatorQuery, type IndicatorSource, registerIndicatorSource } from '../indicators/sources.js';
import { schoolInUnit } from '../indicators/units.js';

const LEVELS = ['county', 'region', 'school'] as const;
const unitRef = (q: IndicatorQuery) => `${q.unit.level} ${q.unit.id} ${q.period.from}~${q.period.to}`;

/** Refuses params other than `allowed`, and a non-empty-string `category`. */
function checkKnown(allowed: readonly string[]) {
  return (params: Record<string, unknown>): string | null => {
    const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) return `不支持的参数：${unknown.join('、')}`;
    const c = params.category;
    if (c !== undefined && (typeof c !== 'string' || c.trim() === '' || c.length > 50))
      return 'category 须为检查模板的类别（如"教学常规"），1–50字';
    return null;
  };
}

/**
 * 学校督导覆盖率 = schools of the unit (not archived) with at least one visit scored or published in the period ÷
 * schools of the unit (not archived). A visit counts for the period when its plan starts in it (the zones rule of
 * docs/modules/inspections.md), of any kind but 自评 (`self`): the school assessing itself is no inspection.
 * Param `category` (optional): only plans whose template has that category (e.g. 教学常规). Null when the unit has
 * no school.
 */
export const schoolCoverage: IndicatorSource = {
  key: 'inspections.schoolCoverage',
  module: 'inspections',
  name: { zh: '学校督导（检查）覆盖率', en: 'Share of schools inspected' },
  unit: 'percent',
  direction: 'higher',
  levels: LEVELS,
  params: { category: '检查模板类别（可选，如"教学常规"）；不填则计所有非自评检查' },
  checkParams: checkKnown(['category']),
  async compute(db: Db, q) {
    const category = (q.params.category as string | undefined) ?? null;
    const r = await sql<{ schools: number; inspected: number }>`
      SELECT count(*)::int AS schools,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM insp_visits v
          JOIN insp_plans p ON p.county_id = v.county_id AND p.id = v.plan_id
          JOIN insp_templates t ON t.county_id = p.county_id AND t.id = p.template_id
          WHERE v.county_id = s.county_id AND v.school_id = s.id AND v.status IN ('scored', 'published')
            AND p.kind <> 'self' AND p.starts_on BETWEEN ${q.period.from}::date AND ${q.period.to}::date
            AND (${category}::text IS NULL OR t.category = ${category}::text)))::int AS inspected
      FROM schools s
      WHERE s.county_id = ${q.countyId} AND s.archived_at IS NULL AND ${schoolInUnit('s.id', q.countyId, q.unit)}`.execute(
      db,
    );
    const { schools, inspected } = r.rows[0];
    return {
      value: schools === 0 ? null : inspected / schools,
      n: schools,
      ref: `督导检查${category ? `（${category}）` : ''} ${unitRef(q)}：受检学校 ${inspected}/${schools}`,
      computedAt: new Date(),
    };
  },
};

/**
 * 问题整改按期销号率 = problems due in the period that were closed by their deadline ÷ problems due in the period.
 * "Due in the period" = the problem's current deadline falls in [from, to] (a problem without a deadline — not yet
 * ordered — is not due); withdrawn problems (异议成立，撤销) are left out. "Closed by the deadline" = status closed
 * and closed_on ≤ deadline (a problem reopened after closing is open again and counts as not closed). Problems of
 * every source module (visits, surveys …) count: the ledger is one. Null when no problem is due.
 */
export const problemsClosedOnTime: IndicatorSource = {
  key: 'inspections.problemsClosedOnTime',
  module: 'inspections',
  name: { zh: '问题整改按期销号率', en: 'Problems closed by their deadline' },
  unit: 'percent',
  direction: 'higher',
  levels: LEVELS,
  params: {},
  checkParams: checkKnown([]),
  async compute(db: Db, q) {
    const r = await sql<{ due: number; onTime: number }>`
      SELECT count(*)::int AS due,
        count(*) FILTER (WHERE x.status = 'closed' AND x.closed_on <= x.deadline)::int AS "onTime"
      FROM insp_problems x
      WHERE x.county_id = ${q.countyId} AND x.status <> 'withdrawn'
        AND x.deadline BETWEEN ${q.period.from}::date AND ${q.period.to}::date
        AND ${schoolInUnit('x.school_id', q.countyId, q.unit)}`.execute(db);
    const { due, onTime } = r.rows[0];
    return {
      value: due === 0 ? null : onTime / due,
      n: due,
      ref: `整改台账 ${unitRef(q)}：按期销号 ${onTime}/${due}`,
      computedAt: new Date(),
    };
  },
};

/** Registers the two sources (idempotent: the registry replaces a key registered again). */
export function registerInspectionIndicators(): void {
  registerIndicatorSource(schoolCoverage);
  registerIndicatorSource(problemsClosedOnTime);
}
