/**
 * Word documents: 整改通知书 (one problem's order), 督导报告 (a plan's round: results, ranking, chart, findings) and
 * 通报 (the round's bulletin: ranking, grades, problems named, requirements). Built with platform/documents.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { STATUS_LABELS } from '../../../common/inspections/index.js';
import { audit } from '../../platform/audit.js';
import {
  type Block,
  buildDocx,
  chartBlock,
  DOCX_MIME,
  docTitle,
  heading,
  para,
  renderChart,
  table,
} from '../../platform/documents/index.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { todayInChina } from '../org/shared.js';
import { answersFor, bureauSees, mayRead } from './access.js';
import { rulesOf } from './settings.js';
import { loadVisit } from './visits/load.js';
import { resultOf, visibleVisitIds } from './visits/results.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const cn = (d: string | null) => (d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '—');
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** One plan's visible, scored results (ranked) with their findings. */
async function roundOf(app: FastifyInstance, req: FastifyRequest, planId: number) {
  const auth = authOf(req);
  const ids = await visibleVisitIds(app.db, auth, sql`v.plan_id = ${planId}`);
  if (ids.length === 0) throw notFound();
  const rows = [];
  for (const id of ids) {
    const ctx = await loadVisit(app.db, auth, id);
    if (!ctx.bureau && ctx.visit.status !== 'published') continue;
    const r = await resultOf(app.db, auth.user.countyId, ctx);
    rows.push({ ctx, r });
  }
  if (rows.length === 0) throw notFound();
  const scored = rows.filter((x) => x.r.total !== null).sort((a, b) => b.r.total! - a.r.total!);
  const rank = (t: number) => scored.findIndex((x) => x.r.total === t) + 1;
  return { plan: rows[0].ctx.plan, template: rows[0].ctx.templateRow, rows, scored, rank };
}

export function documentRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  /** 整改通知书 of one ordered problem. */
  app.get(
    '/problems/:id/notice',
    { config: { policy: mayRead }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const p = await app.db
        .selectFrom('insp_problems as p')
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
        .selectAll('p')
        .select('s.name as school_name')
        .where('p.county_id', '=', auth.user.countyId)
        .where('p.id', '=', id)
        .executeTakeFirst();
      if (!p) throw notFound();
      if (!(bureauSees(auth, p.school_id) || answersFor(auth, p.school_id))) throw forbidden();
      if (!p.ordered_on) throw notFound();
      const rules = await rulesOf(app.db, auth.user.countyId);
      const blocks: Block[] = [
        ...docTitle('督导整改通知书', `督整〔${p.ordered_on.slice(0, 4)}〕${id}号`),
        para(`${p.school_name}：`),
        para(
          `根据督导检查情况，你校存在以下问题，现通知你校限期整改。请于${cn(p.deadline)}前将整改措施和整改情况书面报告督导室，并附佐证材料。`,
        ),
        table(
          [
            { title: '项目', width: 1 },
            { title: '内容', width: 3 },
          ],
          [
            ['问题', p.description],
            ['来源指标', p.criterion_code ? `${p.criterion_code} ${p.criterion_title ?? ''}` : '—'],
            ['类别 / 严重程度', `${p.category} / ${p.severity}`],
            ['挂牌督办', p.flagged ? '是' : '否'],
            ['责任单位', p.state.responsibleUnit],
            ['责任人', p.state.responsiblePerson],
            ['下达日期', cn(p.ordered_on)],
            ['整改期限', cn(p.deadline)],
            ['当前状态', STATUS_LABELS[p.status as keyof typeof STATUS_LABELS]],
          ],
        ),
        heading('整改要求', 2),
        para('一、坚持“三不放过”：有问题不整改不放过、整改不到位不放过、群众不满意不放过。'),
        para('二、整改报告须写明问题原因、整改措施、完成情况和长效机制，并附照片或文件等佐证材料。'),
        para('三、督导室将进行核验（回头看），整改不到位、不彻底的不予销号。'),
        para(
          `四、对本通知如有异议，可在收到之日起${rules.rectification.objectionDays}日内书面提出，督导室在${rules.rectification.recheckDays}日内作出复查决定。`,
        ),
        para(`教育督导室　　${cn(p.ordered_on)}`),
      ];
      const body = await buildDocx({ title: `整改通知书-${p.school_name}`, blocks });
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'insp_problem',
        entityId: id,
        summary: '整改通知书',
      });
      return sendFile(reply, body, `整改通知书-${p.school_name}-${id}.docx`, DOCX_MIME);
    },
  );

  /** 督导报告 of a plan's round. */
  app.get(
    '/plans/:id/report',
    { config: { policy: mayRead }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const planId = (req.params as { id: number }).id;
      const { plan, template, rows, scored, rank } = await roundOf(app, req, planId);
      const grades = new Map<string, number>();
      for (const x of scored) grades.set(x.r.grade ?? '—', (grades.get(x.r.grade ?? '—') ?? 0) + 1);
      const mean = scored.length ? scored.reduce((s, x) => s + x.r.total!, 0) / scored.length : null;
      const chart = renderChart(
        {
          grid: { left: 120, right: 30, top: 20, bottom: 30 },
          xAxis: { type: 'value', max: template.body.maxScore },
          yAxis: { type: 'category', data: scored.map((x) => x.ctx.school.name).reverse() },
          series: [
            {
              type: 'bar',
              data: scored.map((x) => round1(x.r.total)).reverse(),
              label: { show: true, position: 'right' },
            },
          ],
        },
        640,
        Math.max(200, 40 + scored.length * 28),
      );
      const blocks: Block[] = [
        ...docTitle(`${plan.title}督导报告`, `${cn(plan.startsOn)}至${cn(plan.endsOn)}`),
        heading('一、基本情况'),
        para(
          `本次督导使用《${template.title}》（第${template.version}版），共督导学校${rows.length}所，已评分${scored.length}所；平均得分${mean === null ? '—' : round1(mean)}分（满分${template.body.maxScore}分）。`,
        ),
        para(`等级分布：${[...grades].map(([g, n]) => `${g}${n}所`).join('，') || '—'}。`),
        heading('二、结果与排名'),
        table(
          [
            { title: '名次', width: 0.6 },
            { title: '学校', width: 2 },
            { title: '得分', width: 0.8 },
            { title: '等级', width: 0.8 },
            { title: '一票否决', width: 0.8 },
          ],
          scored.map((x) => [
            rank(x.r.total!),
            x.ctx.school.name,
            round1(x.r.total),
            x.r.grade,
            x.r.vetoed ? '是' : '否',
          ]),
        ),
        ...chartBlock(chart, '图1 各校督导得分'),
        heading('三、发现的主要问题'),
        ...rows.flatMap((x) =>
          x.r.findings.length
            ? [
                para(
                  `${x.ctx.school.name}：${x.r.findings.map((f) => `${f.code} ${f.title}（得分率${f.ratio === null ? '—' : `${Math.round(f.ratio * 100)}%`}）`).join('；')}。`,
                ),
              ]
            : [],
        ),
        heading('四、整改要求'),
        para(
          '各校对照本报告逐项制定整改方案，明确责任单位和责任人，按整改通知书规定期限报送整改情况；督导室将组织回头看，整改不到位的不予销号。',
        ),
        para(`教育督导室　　${cn(todayInChina())}`),
      ];
      const body = await buildDocx({ title: `${plan.title}督导报告`, blocks });
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'insp_plan',
        entityId: planId,
        summary: '督导报告',
      });
      return sendFile(reply, body, `${plan.title}督导报告.docx`, DOCX_MIME);
    },
  );

  /** 通报 of a plan's round. */
  app.get(
    '/plans/:id/bulletin',
    { config: { policy: mayRead }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const planId = (req.params as { id: number }).id;
      const { plan, template, scored, rank, rows } = await roundOf(app, req, planId);
      const problems = await app.db
        .selectFrom('insp_problems as p')
        .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
        .select(['s.name', 'p.description', 'p.severity', 'p.flagged', 'p.deadline', 'p.status'])
        .where('p.county_id', '=', authOf(req).user.countyId)
        .where(
          'p.visit_id',
          'in',
          rows.map((x) => x.ctx.visit.id),
        )
        .orderBy('p.id')
        .execute();
      const good = scored.filter((x) => !x.r.vetoed).slice(0, 3);
      const blocks: Block[] = [
        ...docTitle(`关于${plan.title}情况的通报`),
        para(
          `${cn(plan.startsOn)}至${cn(plan.endsOn)}，教育督导室按照《${template.title}》对${rows.length}所学校进行了督导检查。现将有关情况通报如下。`,
        ),
        heading('一、总体情况', 2),
        para(
          good.length
            ? `${good.map((x) => x.ctx.school.name).join('、')}等学校工作扎实，得分位居前列，予以通报表扬。`
            : '本轮无学校达到表扬条件。',
        ),
        table(
          [
            { title: '名次', width: 0.6 },
            { title: '学校', width: 2 },
            { title: '得分', width: 0.8 },
            { title: '等级', width: 0.8 },
          ],
          scored.map((x) => [rank(x.r.total!), x.ctx.school.name, round1(x.r.total), x.r.grade]),
        ),
        heading('二、存在的问题', 2),
        problems.length
          ? table(
              [
                { title: '学校', width: 1.5 },
                { title: '问题', width: 3 },
                { title: '严重程度', width: 0.8 },
                { title: '挂牌督办', width: 0.8 },
                { title: '整改期限', width: 1 },
              ],
              problems.map((p) => [p.name, p.description, p.severity, p.flagged ? '是' : '否', p.deadline]),
            )
          : para('本轮未登记需整改的问题。'),
        heading('三、工作要求', 2),
        para(
          '有关学校要高度重视，举一反三，按期完成整改并报送整改报告；挂牌督办事项由督导室跟踪督办，逾期未整改的将予以通报问责。',
        ),
        para(`教育督导室　　${cn(todayInChina())}`),
      ];
      const body = await buildDocx({ title: `${plan.title}通报`, blocks });
      await audit(app.db, actorOf(req), { action: 'export', entity: 'insp_plan', entityId: planId, summary: '通报' });
      return sendFile(reply, body, `${plan.title}通报.docx`, DOCX_MIME);
    },
  );
}
