import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import { audit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { writeTable } from '../../platform/tabular/write.js';
import { examsPolicy, loadExam, managesExam } from './access.js';
import { type ResultsQueryT, studentRows, unitResults } from './reports.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const num = (key: string, header: string): ColumnSpec => ({ key, header, headerEn: key, type: 'number' });
const txt = (key: string, header: string): ColumnSpec => ({ key, header, headerEn: key, type: 'text' });

/** Report columns: rates as percentages (×100), everything rounded to 2 decimals here only, for the file. */
export const UNIT_COLUMNS: ColumnSpec[] = [
  txt('name', '单位'),
  num('expected', '应考'),
  num('n', '实考'),
  num('absent', '缺考'),
  num('mean', '平均分'),
  num('scoreRate', '得分率(%)'),
  num('sd', '标准差'),
  num('max', '最高分'),
  num('min', '最低分'),
  num('median', '中位数'),
  num('excellentRate', '优秀率(%)'),
  num('goodRate', '良好率(%)'),
  num('passRate', '及格率(%)'),
  num('lowRate', '低分率(%)'),
  num('overMean', '超均率(%)'),
  num('tScore', 'T分'),
  num('composite', '综合得分'),
  num('compositeRank', '综合排名'),
  num('va', '增值'),
  num('vaLow', '增值95%下限'),
  num('vaHigh', '增值95%上限'),
];
const PERCENT = new Set(['scoreRate', 'excellentRate', 'goodRate', 'passRate', 'lowRate', 'overMean']);
const r2 = (x: unknown) => (typeof x === 'number' ? Math.round(x * 100) / 100 : null);

export function unitExportRow(u: { name: string; suppressed: boolean; stats: unknown }) {
  const s = u.stats as Record<string, unknown>;
  if (u.suppressed) return { name: `${u.name}（人数不足，不公开）`, expected: s.expected };
  const out: Record<string, unknown> = { name: u.name };
  for (const c of UNIT_COLUMNS.slice(1)) {
    const v = s[c.key];
    out[c.key] = typeof v === 'number' ? r2(PERCENT.has(c.key) ? v * 100 : v) : null;
  }
  const va = s.va as { va: number | null; ciLow: number | null; ciHigh: number | null } | undefined;
  out.va = r2(va?.va);
  out.vaLow = r2(va?.ciLow);
  out.vaHigh = r2(va?.ciHigh);
  out.composite = r2(typeof s.composite === 'number' ? s.composite * 100 : null);
  return out;
}

const STUDENT_COLUMNS: ColumnSpec[] = [
  txt('studentNo', '学籍号'),
  txt('name', '姓名'),
  txt('schoolName', '学校'),
  txt('className', '班级'),
  txt('status', '状态'),
  num('score', '成绩'),
  txt('grade', '等级'),
  num('t', 'T分'),
  num('rank', '县排名'),
  txt('flags', '标记'),
];
const STATUS = { sat: '实考', absent: '缺考', cheated: '作弊', exempt: '免考', none: '未录入' } as Record<
  string,
  string
>;

/** Excel of a report table: units (county overview, a school's classes or teachers) or the student rows behind one. */
export function exportRoutes(app: FastifyInstance) {
  app.get(
    '/:id/export',
    {
      config: { policy: examsPolicy.read },
      schema: {
        tags: ['exams'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({
          view: Type.Union([Type.Literal('units'), Type.Literal('students'), Type.Literal('raw')]),
          unitKind: Type.Optional(Type.String({ pattern: '^(county|region|location|school|class|teacher)$' })),
          key: Type.Optional(Type.String({ maxLength: 30 })),
          schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
          classId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const q = req.query as {
        view: 'units' | 'students' | 'raw';
        unitKind?: string;
        key?: string;
        schoolId?: number;
        classId?: number;
      };
      const exam = await loadExam(app.db, auth, id);
      let body: Buffer;
      let rows = 0;
      if (q.view === 'units') {
        const res = await unitResults(app.db, auth, id, {
          unitKind: (q.unitKind ?? 'school') as ResultsQueryT['unitKind'],
          key: q.key,
          schoolId: q.schoolId,
        });
        rows = res.items.length;
        body = await writeTable(UNIT_COLUMNS, res.items.map(unitExportRow), { format: 'xlsx', sheetName: '成绩分析' });
      } else if (q.view === 'students') {
        const res = await studentRows(app.db, auth, id, {
          key: q.key,
          schoolId: q.schoolId,
          classId: q.classId,
          pageSize: 500,
          page: 1,
        });
        const all = [...res.items];
        for (let page = 2; all.length < res.total; page++)
          all.push(
            ...(
              await studentRows(app.db, auth, id, {
                key: q.key,
                schoolId: q.schoolId,
                classId: q.classId,
                pageSize: 500,
                page,
              })
            ).items,
          );
        rows = all.length;
        body = await writeTable(
          STUDENT_COLUMNS,
          all.map((r) => {
            const x = (r.result ?? {}) as Record<string, unknown>;
            return {
              ...r,
              status: STATUS[String(x.st)] ?? '',
              score: x.s,
              grade: x.g,
              t: r2(x.t),
              rank: x.rk,
              flags: [
                ...((x.b as string[] | undefined) ?? []).map((b) => `${b}临界`),
                x.top ? '尖子生' : '',
                x.bottom ? '学困生' : '',
              ]
                .filter(Boolean)
                .join('、'),
            };
          }),
          { format: 'xlsx', sheetName: '学生成绩' },
        );
      } else {
        // Raw data (scores, item scores, options): the exam's managers only — the bureau owns and may export all of it.
        if (!managesExam(auth, exam)) throw forbidden();
        const raw = await app.db
          .selectFrom('exam_scores as sc')
          .innerJoin('students as st', (j) =>
            j.onRef('st.county_id', '=', 'sc.county_id').onRef('st.id', '=', 'sc.student_id'),
          )
          .innerJoin('exam_subjects as es', (j) =>
            j.onRef('es.county_id', '=', 'sc.county_id').onRef('es.id', '=', 'sc.exam_subject_id'),
          )
          .innerJoin('subjects as s', (j) =>
            j.onRef('s.county_id', '=', 'es.county_id').onRef('s.id', '=', 'es.subject_id'),
          )
          .select([
            'st.student_no',
            'st.name',
            's.name as subject',
            'sc.status',
            'sc.total',
            'sc.raw_total',
            'sc.items',
            'sc.options',
          ])
          .where('sc.county_id', '=', auth.user.countyId)
          .where('sc.exam_id', '=', id)
          .orderBy('st.student_no')
          .execute();
        rows = raw.length;
        body = await writeTable(
          [
            txt('student_no', '学籍号'),
            txt('name', '姓名'),
            txt('subject', '科目'),
            txt('status', '状态'),
            num('total', '成绩'),
            num('raw_total', '原始分'),
            txt('items', '小题分'),
            txt('options', '选项'),
          ],
          raw.map((r) => ({
            ...r,
            status: STATUS[r.status],
            items: r.items?.join(',') ?? '',
            options: r.options?.map((o) => o ?? '').join(',') ?? '',
          })),
          { format: 'xlsx', sheetName: '原始成绩' },
        );
      }
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'exam',
        entityId: id,
        after: { ...q, rows },
        summary: `导出考试“${exam.name}”${q.view === 'raw' ? '原始成绩' : '分析表'} ${rows} 行`,
      });
      return sendFile(
        reply,
        body,
        `${exam.name}-${q.view === 'units' ? '成绩分析' : q.view === 'students' ? '学生成绩' : '原始成绩'}.xlsx`,
        XLSX,
      );
    },
  );
}
