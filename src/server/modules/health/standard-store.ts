/**
 * The county's fitness standard: the shipped 2014 tables with the county's cell corrections laid over them
 * (src/common/health/overlay.ts). Editing a cell is checked (the cell exists; the merged table stays monotonic),
 * audited, and re-scores the county's stored results in the same transaction, so reports never mix versions.
 */
import { applyOverrides, type CellOverride, overrideProblem, problemsOfEdit } from '../../../common/health/overlay.js';
import { type FitnessStandard, STANDARD_2014 } from '../../../common/health/standard.js';
import type { Db } from '../../db/pool.js';
import { type AuditActor, audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { rescoreCounty } from './fitness-scoring.js';

export const STANDARD_VERSION = '2014';

/** The county's corrections of the standard, oldest first. */
export async function countyOverrides(db: Db, countyId: number) {
  return db
    .selectFrom('health_standard_cells')
    .select(['grade_code', 'sex', 'item', 'score', 'threshold', 'reason', 'updated_by', 'updated_at'])
    .where('county_id', '=', countyId)
    .where('standard_version', '=', STANDARD_VERSION)
    .orderBy('id')
    .execute();
}

/** The standard a county scores with: version 2014 plus its corrections. */
export async function countyStandard(db: Db, countyId: number): Promise<FitnessStandard> {
  const rows = await countyOverrides(db, countyId);
  if (rows.length === 0) return STANDARD_2014;
  return applyOverrides(STANDARD_2014, rows.map(toOverride), `gb-2014+county-${countyId}`);
}

function toOverride(r: { grade_code: string; sex: string; item: string; score: number; threshold: number | null }) {
  return { gradeCode: r.grade_code, sex: r.sex, item: r.item, score: r.score, threshold: r.threshold };
}

/**
 * Sets one cell (threshold null = no value) with the reason (e.g. the page of the official document). Refused
 * when the cell does not exist or the table would no longer be monotonic. Returns how many stored results changed.
 */
export async function setStandardCell(
  db: Db,
  actor: AuditActor,
  edit: CellOverride & { reason: string },
): Promise<{ rescored: number }> {
  return db.transaction().execute(async (tx) => {
    const countyId = actor.countyId;
    // One editor at a time per county: the check below must see every other edit.
    await tx.selectFrom('regions').select('id').where('id', '=', countyId).forUpdate().execute();
    const before = await countyStandard(tx, countyId);
    const problem = overrideProblem(before, edit);
    if (problem) throw validationFailed(problem);
    const rows = (await countyOverrides(tx, countyId)).map(toOverride);
    const others = rows.filter(
      (o) => !(o.gradeCode === edit.gradeCode && o.sex === edit.sex && o.item === edit.item && o.score === edit.score),
    );
    const after = applyOverrides(STANDARD_2014, [...others, edit]);
    const problems = problemsOfEdit(after, edit);
    if (problems.length > 0) throw validationFailed(`修改后评分表不单调，未保存：${problems.join('；')}`);
    const table =
      before.grades[edit.gradeCode as keyof FitnessStandard['grades']][edit.sex as 'M' | 'F'][edit.item as 'run_50m'];
    const oldCell = table?.cells.find((c) => c.score === edit.score);
    await tx
      .insertInto('health_standard_cells')
      .values({
        county_id: countyId,
        grade_code: edit.gradeCode,
        sex: edit.sex,
        item: edit.item,
        score: edit.score,
        threshold: edit.threshold,
        reason: edit.reason,
        updated_by: actor.userId,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['county_id', 'standard_version', 'grade_code', 'sex', 'item', 'score']).doUpdateSet({
          threshold: edit.threshold,
          reason: edit.reason,
          updated_by: actor.userId,
          updated_at: new Date(),
        }),
      )
      .execute();
    const label = `${before.grades[edit.gradeCode as 'J1'].grade}${edit.sex === 'M' ? '男' : '女'} ${table?.itemCn} ${edit.score}分`;
    await audit(tx, actor, {
      action: 'update',
      entity: 'health_standard_cell',
      entityId: `${edit.gradeCode}/${edit.sex}/${edit.item}/${edit.score}`,
      before: { threshold: oldCell?.threshold ?? null, status: oldCell?.status ?? null },
      after: { threshold: edit.threshold, reason: edit.reason },
      summary: `修改体质健康评分标准：${label} ${oldCell?.threshold ?? '—'} → ${edit.threshold ?? '—'}（${edit.reason}）`,
    });
    const rescored = await rescoreCounty(tx, countyId, after);
    return { rescored };
  });
}
