import { sql } from 'kysely';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import type { ImportContext, ImportKind, RowError } from '../../platform/import/kinds.js';
import { examsPolicy, managesExam } from './access.js';
import { requestAnalysis } from './analysis-queue.js';

/**
 * Paper import (`exam-paper:<examId>`): the 双向细目表 — one row per item: 科目, 题号, 满分, 题型 (客观/主观), 答案,
 * 选项数, 知识点, 能力层级. A subject in the file has its items replaced. The items of a subject must add up to its
 * full marks; a subject that already has item scores keeps its number of items (its score arrays follow the order).
 */
interface PaperPlan {
  examId: number;
  examSubjectId: number;
  items: {
    position: number;
    label: string;
    fullMarks: number;
    kind: 'objective' | 'subjective';
    answerKey: string | null;
    optionCount: number | null;
    knowledgePoint: string | null;
    abilityLevel: string | null;
  }[];
}

export const PAPER_COLUMNS: ColumnSpec[] = [
  { key: 'subject', header: '科目', headerEn: 'Subject', type: 'text', required: true, maxLength: 20 },
  { key: 'label', header: '题号', headerEn: 'Item', type: 'text', required: true, maxLength: 20 },
  { key: 'fullMarks', header: '满分', headerEn: 'Full marks', type: 'number', required: true, min: 0.5, max: 200 },
  {
    key: 'kind',
    header: '题型',
    headerEn: 'Type',
    type: 'enum',
    options: [
      { value: 'objective', zh: '客观题', en: 'objective' },
      { value: 'subjective', zh: '主观题', en: 'subjective' },
    ],
    aliases: { 客观: 'objective', 主观: 'subjective', 选择题: 'objective' },
  },
  { key: 'answerKey', header: '答案', headerEn: 'Key', type: 'text', maxLength: 6 },
  { key: 'optionCount', header: '选项数', headerEn: 'Options', type: 'int', min: 2, max: 10 },
  { key: 'knowledgePoint', header: '知识点', headerEn: 'Knowledge point', type: 'text', maxLength: 60 },
  { key: 'abilityLevel', header: '能力层级', headerEn: 'Ability level', type: 'text', maxLength: 20 },
];

async function examOf(db: Db, auth: AuthContext, ctx: ImportContext) {
  const id = Number(ctx.param);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const exam = await db
    .selectFrom('exams')
    .select(['id', 'owner_school_id', 'archived_at'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return exam && !exam.archived_at && managesExam(auth, exam) ? exam : null;
}

export const examPaperKind: ImportKind<PaperPlan> = {
  kind: 'exam-paper',
  label: { zh: '试卷细目表', en: 'Exam paper' },
  sheetName: '细目表',
  columns: PAPER_COLUMNS,
  keyColumns: ['subject', 'label'],
  mayImport: examsPolicy.manageSome,

  async plan(db, auth, rows, _progress, ctx) {
    const none = { create: 0, update: 0, unchanged: 0 };
    const exam = await examOf(db, auth, ctx);
    if (!exam)
      return {
        items: [],
        errors: [{ row: 0, column: '', message: '考试不存在，或您不能编辑该考试的试卷' }],
        summary: none,
      };
    const countyId = auth.user.countyId;
    const subjects = await db
      .selectFrom('exam_subjects as es')
      .innerJoin('subjects as s', (j) =>
        j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'),
      )
      .select([
        'es.id',
        's.name',
        'es.full_marks',
        sql<number>`(SELECT count(*)::int FROM exam_items i WHERE i.county_id = es.county_id AND i.exam_subject_id = es.id)`.as(
          'itemCount',
        ),
        sql<boolean>`EXISTS (SELECT 1 FROM exam_scores sc WHERE sc.county_id = es.county_id AND sc.exam_subject_id = es.id AND sc.items IS NOT NULL)`.as(
          'hasItemScores',
        ),
      ])
      .where('es.county_id', '=', countyId)
      .where('es.exam_id', '=', exam.id)
      .execute();
    const byName = new Map(subjects.map((s) => [s.name, s]));
    const errors: RowError[] = [];
    const plans = new Map<number, PaperPlan>();
    for (const row of rows) {
      const v = row.values as Record<string, string | number | undefined>;
      const s = byName.get(String(v.subject).trim());
      if (!s) {
        errors.push({ row: row.rowNumber, column: '科目', message: `科目“${v.subject}”不在本次考试中` });
        continue;
      }
      const plan = plans.get(s.id) ?? { examId: exam.id, examSubjectId: s.id, items: [] };
      plans.set(s.id, plan);
      const key = v.answerKey ? String(v.answerKey).trim().toUpperCase() : null;
      if (key && !/^[A-Z]{1,6}$/.test(key)) {
        errors.push({ row: row.rowNumber, column: '答案', message: '答案应为字母 A–Z' });
        continue;
      }
      const kind = (v.kind as 'objective' | 'subjective' | undefined) ?? (key ? 'objective' : 'subjective');
      plan.items.push({
        position: plan.items.length + 1,
        label: String(v.label).trim(),
        fullMarks: Number(v.fullMarks),
        kind,
        answerKey: key,
        optionCount: (v.optionCount as number | undefined) ?? (kind === 'objective' ? 4 : null),
        knowledgePoint: v.knowledgePoint ? String(v.knowledgePoint).trim() : null,
        abilityLevel: v.abilityLevel ? String(v.abilityLevel).trim() : null,
      });
    }
    for (const plan of plans.values()) {
      const s = subjects.find((x) => x.id === plan.examSubjectId)!;
      const sum = Number(plan.items.reduce((a, b) => a + b.fullMarks, 0).toPrecision(12));
      if (Math.abs(sum - s.full_marks) > 1e-6)
        errors.push({
          row: 0,
          column: '满分',
          message: `${s.name}各小题满分之和 ${sum} 与科目满分 ${s.full_marks} 不一致`,
        });
      if (s.hasItemScores && s.itemCount !== plan.items.length)
        errors.push({
          row: 0,
          column: '题号',
          message: `${s.name}已导入小题分（${s.itemCount} 题），题目数不能改为 ${plan.items.length}；请先重新导入成绩`,
        });
    }
    const update = [...plans.values()].filter((p) => subjects.find((s) => s.id === p.examSubjectId)!.itemCount > 0);
    const items = [...plans.values()];
    return {
      items: errors.length ? [] : items,
      errors,
      summary: {
        create: items.filter((p) => !update.includes(p)).reduce((a, p) => a + p.items.length, 0),
        update: update.reduce((a, p) => a + p.items.length, 0),
        unchanged: 0,
      },
    };
  },

  async apply(tx, auth, plans) {
    const countyId = auth.user.countyId;
    for (const plan of plans) {
      await tx
        .deleteFrom('exam_items')
        .where('county_id', '=', countyId)
        .where('exam_subject_id', '=', plan.examSubjectId)
        .execute();
      await tx
        .insertInto('exam_items')
        .values(
          plan.items.map((it) => ({
            county_id: countyId,
            exam_subject_id: plan.examSubjectId,
            position: it.position,
            label: it.label,
            full_marks: it.fullMarks,
            kind: it.kind,
            answer_key: it.answerKey,
            option_count: it.optionCount,
            knowledge_point: it.knowledgePoint,
            ability_level: it.abilityLevel,
          })),
        )
        .execute();
      await requestAnalysis(tx, countyId, plan.examId);
    }
  },

  async exportRows() {
    return [];
  },
};
