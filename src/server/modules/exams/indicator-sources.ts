import { sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import {
  type IndicatorQuery,
  type IndicatorSource,
  type IndicatorValue,
  registerIndicatorSource,
} from '../indicators/sources.js';
import { EXAM_KINDS } from './exam-crud.js';

/**
 * What the plans module reads from exams: a unit's rate or mean in the latest analysed exam of the period that matches
 * the params (exam kind, grade, subject or 总分). The value is the stored analysis itself, so a plan's attainment and
 * the exam report always show the same number, with the same 口径.
 */
const PARAMS = {
  examKind: `考试类型（${EXAM_KINDS.join('/')}，可省略）`,
  gradeLevel: '年级（1–12）',
  subjectId: '科目 id；省略为总分',
};

function checkParams(p: Record<string, unknown>): string | null {
  if (p.examKind !== undefined && !(EXAM_KINDS as readonly string[]).includes(String(p.examKind)))
    return '考试类型无效';
  const g = Number(p.gradeLevel);
  if (!Number.isInteger(g) || g < 1 || g > 12) return '年级须为 1–12';
  if (p.subjectId !== undefined && !(Number.isInteger(Number(p.subjectId)) && Number(p.subjectId) > 0))
    return '科目无效';
  return null;
}

/**
 * The subject key of an exam's 总分: the analysis stores a 'total' row only when more than one subject counts in the
 * total; an exam of one subject (a 语文 抽测) has its 总分 in that subject's row.
 */
const TOTAL_KEY = sql<string>`(CASE WHEN (SELECT count(*) FROM exam_subjects es WHERE es.county_id = r.county_id
  AND es.exam_id = r.exam_id AND es.in_total) = 1 THEN (SELECT es.id::text FROM exam_subjects es
  WHERE es.county_id = r.county_id AND es.exam_id = r.exam_id AND es.in_total) ELSE 'total' END)`;

/** The stored unit row of the latest matching exam, or null. */
export async function latestUnitStats(db: Db, q: IndicatorQuery) {
  const p = q.params;
  const kind = q.unit.level === 'region' ? 'region' : q.unit.level;
  const row = await db
    .selectFrom('exam_unit_results as r')
    .innerJoin('exams as e', (j) => j.onRef('e.county_id', '=', 'r.county_id').onRef('e.id', '=', 'r.exam_id'))
    .innerJoin('exam_analyses as a', (j) =>
      j.onRef('a.county_id', '=', 'r.county_id').onRef('a.exam_id', '=', 'r.exam_id'),
    )
    .select(['e.id', 'e.name', 'r.n', 'r.stats', 'a.computed_at'])
    .where('r.county_id', '=', q.countyId)
    .where('r.unit_kind', '=', kind as never)
    .where('r.unit_id', '=', q.unit.id)
    .where('e.archived_at', 'is', null)
    .where('e.grade_level', '=', Number(p.gradeLevel))
    .$if(p.examKind !== undefined, (qb) => qb.where('e.kind', '=', String(p.examKind) as never))
    .where(
      q.period.termId
        ? sql<boolean>`e.term_id = ${q.period.termId}`
        : sql<boolean>`coalesce(e.exam_date, a.computed_at::date) BETWEEN ${q.period.from}::date AND ${q.period.to}::date`,
    )
    .where(
      p.subjectId === undefined
        ? sql<boolean>`r.subject_key = ${TOTAL_KEY}`
        : sql<boolean>`r.subject_key = (SELECT es.id::text FROM exam_subjects es WHERE es.county_id = r.county_id AND es.exam_id = r.exam_id AND es.subject_id = ${Number(p.subjectId)})`,
    )
    .orderBy(sql`e.exam_date DESC NULLS LAST`)
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

function source(
  name: string,
  label: { zh: string; en: string },
  unit: IndicatorSource['unit'],
  direction: IndicatorSource['direction'],
  pick: (stats: Record<string, unknown>) => number | null,
): IndicatorSource {
  return {
    key: `exams.${name}`,
    module: 'exams',
    name: label,
    unit,
    direction,
    levels: ['county', 'region', 'school', 'class', 'teacher'],
    params: PARAMS,
    checkParams,
    async compute(db, q): Promise<IndicatorValue> {
      // Params stored before they were checked (e.g. a library row with other keys) give no value, not a 500.
      const bad = checkParams(q.params);
      if (bad) return { value: null, ref: `参数无效：${bad}`, computedAt: new Date() };
      const row = await latestUnitStats(db, q);
      if (!row) return { value: null, ref: '无符合条件的已分析考试', computedAt: new Date() };
      const stats = row.stats as Record<string, unknown>;
      return { value: pick(stats), ref: `考试 ${row.id}：${row.name}`, computedAt: row.computed_at, n: row.n };
    },
  };
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

export function registerExamIndicatorSources(): void {
  registerIndicatorSource(
    source('passRate', { zh: '及格率', en: 'Pass rate' }, 'percent', 'higher', (s) => num(s.passRate)),
  );
  registerIndicatorSource(
    source('excellentRate', { zh: '优秀率', en: 'Excellent rate' }, 'percent', 'higher', (s) => num(s.excellentRate)),
  );
  registerIndicatorSource(
    source('lowRate', { zh: '低分率', en: 'Low-score rate' }, 'percent', 'lower', (s) => num(s.lowRate)),
  );
  registerIndicatorSource(
    source('meanScore', { zh: '平均分', en: 'Mean score' }, 'score', 'higher', (s) => num(s.mean)),
  );
  registerIndicatorSource(
    source('highScoreCount', { zh: '高分段人数（前N名）', en: 'Students in the top N' }, 'count', 'higher', (s) => {
      const lines = (s.lines as { name: string; count: number }[] | undefined) ?? [];
      const top = lines.find((l) => l.name.startsWith('前'));
      return top ? top.count : null;
    }),
  );
}
