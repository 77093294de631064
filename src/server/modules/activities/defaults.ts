import { sql } from 'kysely';
import { DEFAULT_QUOTA_RULES, FOUR_CRITERION_RUBRIC, HOMEWORK_CAP_RULES } from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';

/**
 * A county's teaching-routine data that starts from the seeds: the rubric templates, the quota rules
 * (src/common/activities/rules.ts, each with its citation) and the homework caps (homework.ts). Inserted on the
 * module's first use in a county — a county is created by the platform, which knows nothing of this module — and
 * never again: a rule the bureau edits keeps its code, so the seed does not come back over it (rules are switched
 * off, never deleted).
 */

const LEVEL_LABELS = ['待改进', '合格', '良好', '优秀'];

/** The seeded rubric templates: the four-criterion 四看 rubric (seed-001-notes.md W17) and one overall 4-level grade. */
export const DEFAULT_RUBRICS = [
  {
    code: 'four-looks',
    name: '四看课堂评价表',
    levels: 4,
    level_labels: LEVEL_LABELS,
    criteria: FOUR_CRITERION_RUBRIC.map((c) => ({ id: c.id, zh: c.zh, hint: c.hint })),
  },
  {
    code: 'overall-4',
    name: '课堂教学等级评价（四级）',
    levels: 4,
    level_labels: LEVEL_LABELS,
    criteria: [{ id: 'overall', zh: '课堂教学总体评价', hint: '优秀 / 良好 / 合格 / 待改进' }],
  },
];

const seeded = new WeakMap<Db, Set<number>>();

export async function ensureCountyDefaults(db: Db, countyId: number): Promise<void> {
  const done = seeded.get(db) ?? new Set<number>();
  seeded.set(db, done);
  if (done.has(countyId)) return;
  await db
    .insertInto('activity_rubrics')
    .values(DEFAULT_RUBRICS.map((r) => ({ county_id: countyId, ...r, criteria: JSON.stringify(r.criteria) })))
    .onConflict((oc) => oc.columns(['county_id', 'code']).doNothing())
    .execute();
  await db
    .insertInto('activity_quota_rules')
    .values(
      DEFAULT_QUOTA_RULES.map((r) => ({
        county_id: countyId,
        code: r.id,
        label: r.label,
        activity: r.activity,
        subkinds: r.subkinds ?? null,
        levels: r.levels ?? null,
        subject_scope: r.subject.scope,
        subject_role: r.subject.scope === 'person' ? r.subject.role : null,
        group_kind: r.subject.scope === 'group' ? r.subject.groupKind : null,
        school_types: null,
        tiers: null,
        measure: r.measure,
        period: r.period,
        target_kind: r.target.kind,
        target_value: r.target.kind === 'fixed' ? r.target.value : r.target.factor,
        target_role: r.target.kind === 'per_head' ? r.target.role : null,
        citation: JSON.stringify(r.citation),
      })),
    )
    .onConflict((oc) => oc.columns(['county_id', 'code']).doNothing())
    .execute();
  const hasCaps = await db
    .selectFrom('activity_homework_caps')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('county_id', '=', countyId)
    .executeTakeFirstOrThrow();
  if (hasCaps.n === 0) {
    await db
      .insertInto('activity_homework_caps')
      .values(
        HOMEWORK_CAP_RULES.map((r) => ({
          county_id: countyId,
          grade_from: Math.min(...r.grades),
          grade_to: Math.max(...r.grades),
          written_allowed: r.writtenAllowed,
          cap_minutes: r.capMinutes,
          citation: r.citation,
        })),
      )
      .onConflict((oc) => oc.columns(['county_id', 'grade_from']).doNothing())
      .execute();
  }
  done.add(countyId);
}
