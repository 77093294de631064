import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import {
  type Block,
  buildDocx,
  chartBlock,
  DOCX_MIME,
  docTitle,
  Footnotes,
  heading,
  para,
  renderChart,
  table,
} from '../../platform/documents/index.js';
import { forbidden } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { examsPolicy, loadExam } from './access.js';
import { examSubjects } from './exam-crud.js';
import { basisOf, type ResultsQueryT, unitResults } from './reports.js';

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : null);
const fix = (x: unknown, d = 2) => (typeof x === 'number' ? x.toFixed(d) : null);

type Row = Awaited<ReturnType<typeof unitResults>>['items'][number];
type Stats = Record<string, unknown> & {
  va?: { va: number | null; ciLow: number | null; ciHigh: number | null; n: number };
};

const UNIT_COLUMNS = [
  { title: '单位', width: 3 },
  { title: '应考', align: 'right' as const },
  { title: '实考', align: 'right' as const },
  { title: '平均分', align: 'right' as const },
  { title: '得分率', align: 'right' as const },
  { title: '优秀率', align: 'right' as const },
  { title: '及格率', align: 'right' as const },
  { title: '低分率', align: 'right' as const },
  { title: '综合得分', align: 'right' as const },
  { title: '排名', align: 'right' as const },
];

function unitRow(r: Row) {
  const s = r.stats as Stats;
  if (r.suppressed) return [`${r.name}（人数不足，不公开）`, s.expected as number];
  return [
    r.name,
    s.expected as number,
    s.n as number,
    fix(s.mean),
    pct(s.scoreRate),
    pct(s.excellentRate),
    pct(s.passRate),
    pct(s.lowRate),
    typeof s.composite === 'number' ? (s.composite * 100).toFixed(1) : null,
    s.compositeRank as number | null,
  ];
}

function meansChart(rows: Row[], title: string) {
  const shown = rows.filter((r) => !r.suppressed && typeof (r.stats as Stats).mean === 'number');
  return renderChart(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 50, right: 20, bottom: 90, top: 40 },
      xAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: shown.map((r) => Number(((r.stats as Stats).mean as number).toFixed(2))) }],
    },
    640,
    360,
  );
}

/**
 * 质量分析报告 (.docx) of an exam for the county (every school the caller sees) or for one school (its classes and
 * teachers against the county): tables per measure, a chart of means, value added with intervals, the paper's quality;
 * footnotes give the 口径. The same stored numbers (and the same scope and small-group rules) as the pages.
 */
export async function examWordReport(
  db: Db,
  auth: AuthContext,
  examId: number,
  schoolId?: number,
): Promise<{ name: string; body: Buffer }> {
  const exam = await loadExam(db, auth, examId);
  const basis = (await basisOf(db, auth.user.countyId, examId)) as {
    keys?: Record<string, { name: string; cuts: Record<string, number | null> }>;
  } | null;
  const subjects = await examSubjects(db, auth.user.countyId, examId);
  const keys = [...(basis?.keys?.total ? ['total'] : []), ...subjects.map((s) => String(s.id))].filter(
    (k) => basis?.keys?.[k],
  );
  const notes = new Footnotes();
  const get = (q: ResultsQueryT) => unitResults(db, auth, examId, q);
  let schoolName = '';
  if (schoolId) {
    const own = await get({ unitKind: 'school', key: keys[0] ?? 'total', unitId: schoolId });
    if (own.items.length === 0) throw forbidden();
    schoolName = own.items[0].name;
  }
  const title = `${exam.name}${schoolId ? `（${schoolName}）` : ''}质量分析报告`;
  const blocks: Block[] = [
    ...docTitle(
      title,
      `数据计算时间：${(basis as { computedAt?: string } | null)?.computedAt?.slice(0, 16).replace('T', ' ') ?? '未分析'}`,
    ),
    heading('一、统计口径'),
    para(
      '各项比率的分母为实考人数，缺考、作弊、免考学生不计入分母（不按 0 分计）；标准差为样本标准差；综合得分按县设定的权重计算；',
      '人数少于规定人数的学校在跨校比较中不公开。',
      notes.ref(
        '优秀率 = 成绩 ≥ 优秀线的人数 / 实考人数；及格率、良好率同理；低分率 = 成绩 < 低分线的人数 / 实考人数。',
      ),
    ),
  ];
  for (const [i, key] of keys.entries()) {
    const k = basis!.keys![key];
    const cuts = k.cuts;
    blocks.push(heading(`${['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'][i] ?? ''}、${k.name}`));
    blocks.push(
      para(
        `分数线：优秀 ≥ ${cuts.excellent ?? '—'}，良好 ≥ ${cuts.good ?? '—'}，及格 ≥ ${cuts.pass ?? '—'}，低分 < ${cuts.low ?? '—'}。`,
      ),
    );
    const county = await get({ unitKind: 'county', key });
    if (schoolId) {
      const school = await get({ unitKind: 'school', key, unitId: schoolId });
      const classes = await get({ unitKind: 'class', key, schoolId });
      blocks.push(
        heading('学校与各班', 2),
        table(UNIT_COLUMNS, [...county.items, ...school.items, ...classes.items].map(unitRow)),
      );
      if (classes.items.length > 1)
        blocks.push(...chartBlock(meansChart(classes.items, `${k.name}各班平均分`), `图：${k.name}各班平均分`));
      if (key !== 'total') {
        const teachers = await get({ unitKind: 'teacher', key, schoolId });
        if (teachers.items.length)
          blocks.push(heading('任课教师', 2), table(UNIT_COLUMNS, teachers.items.map(unitRow)));
      }
    } else {
      const schools = await get({ unitKind: 'school', key });
      blocks.push(heading('各校情况', 2), table(UNIT_COLUMNS, [...county.items, ...schools.items].map(unitRow)));
      if (schools.items.length > 1)
        blocks.push(...chartBlock(meansChart(schools.items, `${k.name}各校平均分`), `图：${k.name}各校平均分`));
      const va = schools.items.filter((r) => !r.suppressed && (r.stats as Stats).va?.va != null);
      if (va.length)
        blocks.push(
          heading('增值评价', 2),
          para(
            '增值 = 本校学生在两次考试间的回归残差均值（县内标准化，经验贝叶斯收缩），附 95% 置信区间；区间包含 0 的学校与全县平均无显著差异，不宜排名。',
          ),
          table(
            [{ title: '学校', width: 3 }, { title: '人数' }, { title: '增值' }, { title: '95%区间', width: 2 }],
            va.map((r) => {
              const v = (r.stats as Stats).va!;
              return [r.name, v.n, fix(v.va), `[${fix(v.ciLow)}, ${fix(v.ciHigh)}]`];
            }),
          ),
        );
    }
    const paper = (
      county.items[0]?.stats as
        | {
            paper?: {
              alpha: number | null;
              sem: number | null;
              items: {
                label: string;
                difficulty: number | null;
                upperLowerD: number | null;
                discrimination: number | null;
                flagHard: boolean;
                flagEasy: boolean;
                flagLowD: boolean;
                flagNegativeR: boolean;
              }[];
            };
          }
        | undefined
    )?.paper;
    if (paper) {
      blocks.push(
        heading('试题质量', 2),
        para(`信度 α = ${fix(paper.alpha, 3) ?? '—'}，测量标准误 SEM = ${fix(paper.sem) ?? '—'}。`),
        table(
          [
            { title: '题号' },
            { title: '难度P' },
            { title: '区分度D' },
            { title: '题总相关r' },
            { title: '问题', width: 2 },
          ],
          paper.items.map((it) => [
            it.label,
            fix(it.difficulty),
            fix(it.upperLowerD),
            fix(it.discrimination),
            [it.flagHard && '过难', it.flagEasy && '过易', it.flagLowD && '区分度低', it.flagNegativeR && '负相关']
              .filter(Boolean)
              .join('、'),
          ]),
        ),
      );
    }
  }
  return { name: `${title}.docx`, body: await buildDocx({ title, blocks, footnotes: notes }) };
}

export function wordReportRoutes(app: FastifyInstance) {
  app.get(
    '/:id/report',
    {
      config: { policy: examsPolicy.read },
      schema: {
        tags: ['exams'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ schoolId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const { schoolId } = req.query as { schoolId?: number };
      // The county report lists schools side by side: bureau roles only (a school asks for its own report).
      if (!schoolId && !auth.scope.bureau) throw forbidden();
      const { name, body } = await examWordReport(app.db, auth, id, schoolId);
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'exam',
        entityId: id,
        after: { report: 'docx', schoolId },
        summary: `导出${name}`,
      });
      return sendFile(reply, body, name, DOCX_MIME);
    },
  );
}
