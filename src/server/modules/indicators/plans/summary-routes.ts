import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { cstDate } from '../../../../common/calendar/index.js';
import { audit } from '../../../platform/audit.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { buildDocx, DOCX_MIME, docTitle, heading, para, table } from '../../../platform/documents/index.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../../platform/http.js';
import { indicatorsPolicy } from '../policy.js';
import { type loadPlan, planView, taskViews } from './board.js';
import { rankUnits } from './bulletin.js';
import { problemStats } from './problems.js';
import { composeSummary, SECTIONS, type SummaryStyle } from './summary.js';

type PlanRow = NonNullable<Awaited<ReturnType<typeof loadPlan>>>;
interface Helpers {
  planOr404: (auth: AuthContext, id: number) => Promise<PlanRow>;
  mayEditPlan: (auth: AuthContext, plan: PlanRow) => boolean;
  maySeePlan: (auth: AuthContext, plan: PlanRow) => boolean;
}
const tags = ['plans'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** The window of a periodic 进展通报 (e.g. a quarter); both ends optional. */
const Window = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) });
const Style = Type.Optional(Type.Union([Type.Literal('topical'), Type.Literal('pdca'), Type.Literal('mirror')]));

async function countyName(app: FastifyInstance, countyId: number) {
  return (await app.db.selectFrom('regions').select('name').where('id', '=', countyId).executeTakeFirst())?.name ?? '';
}

async function narratives(app: FastifyInstance, countyId: number, planId: number): Promise<Record<string, string>> {
  const rows = await app.db
    .selectFrom('plan_summary_texts')
    .select(['section', 'body'])
    .where('county_id', '=', countyId)
    .where('plan_id', '=', planId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.body]));
}

/** The 总结 (editable narratives per section, .docx in three styles) and the 进展通报 of a plan. */
export function summaryRoutes(app: FastifyInstance, h: Helpers) {
  app.get(
    '/plans/:id/summary-texts',
    {
      config: { policy: indicatorsPolicy.read },
      schema: { tags, params: Id, querystring: Type.Object({ style: Style }) },
    },
    async (req) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const style = ((req.query as { style?: SummaryStyle }).style ?? plan.summary_style) as SummaryStyle;
      const texts = await narratives(app, auth.user.countyId, plan.id);
      return { style, sections: SECTIONS[style].map((s) => ({ ...s, body: texts[s.key] ?? '' })) };
    },
  );

  app.put(
    '/plans/:id/summary-texts/:section',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: {
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), section: Type.String({ pattern: '^[a-z]{2,20}$' }) }),
        body: Type.Object({ body: Type.String({ maxLength: 20000 }) }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id, section } = req.params as { id: number; section: string };
      const plan = await h.planOr404(auth, id);
      if (!h.mayEditPlan(auth, plan)) throw forbidden();
      const known = new Set(Object.values(SECTIONS).flatMap((list) => list.map((s) => s.key)));
      if (!known.has(section)) throw notFound();
      const { body } = req.body as { body: string };
      await app.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('plan_summary_texts')
          .values({ county_id: auth.user.countyId, plan_id: plan.id, section, body })
          .onConflict((oc) =>
            oc.columns(['county_id', 'plan_id', 'section']).doUpdateSet({ body, updated_at: new Date() }),
          )
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'plan_summary_text',
          entityId: `${plan.id}/${section}`,
          after: { body },
        });
      });
      return { ok: true };
    },
  );

  app.get(
    '/plans/:id/summary.docx',
    {
      config: { policy: indicatorsPolicy.read },
      schema: { tags, params: Id, querystring: Type.Object({ style: Style }) },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const style = ((req.query as { style?: SummaryStyle }).style ?? plan.summary_style) as SummaryStyle;
      const now = new Date();
      const view = await planView(app.db, auth.user.countyId, plan, { refresh: true, now });
      const doc = composeSummary({
        view,
        problems: await problemStats(app.db, auth.user.countyId, plan, cstDate(now)),
        style,
        narratives: await narratives(app, auth.user.countyId, plan.id),
        countyName: await countyName(app, auth.user.countyId),
        now,
      });
      const body = await buildDocx({
        title: doc.title,
        blocks: doc.blocks,
        footnotes: doc.footnotes,
        creator: view.plan.ownerName,
      });
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'plan_summary',
        entityId: plan.id,
        summary: style,
      });
      return sendFile(reply, body, `${doc.title}.docx`, DOCX_MIME);
    },
  );

  app.get(
    '/plans/:id/bulletin',
    { config: { policy: indicatorsPolicy.read }, schema: { tags, params: Id, querystring: Window } },
    async (req) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const window = req.query as { from?: string; to?: string };
      const r = rankUnits(await taskViews(app.db, auth.user.countyId, plan, new Date(), window));
      return {
        asOf: cstDate(new Date()),
        from: window.from ?? plan.start_date,
        to: window.to ?? null,
        ranked: r.ranked.filter((u) => u.schoolId === null || indicatorsPolicy.seesSchool(auth, u.schoolId)),
        nothingDue: r.nothingDue,
      };
    },
  );

  app.get(
    '/plans/:id/bulletin.docx',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id, querystring: Window } },
    async (req, reply) => {
      const auth = authOf(req);
      const plan = await h.planOr404(auth, (req.params as { id: number }).id);
      const window = req.query as { from?: string; to?: string };
      const tasks = await taskViews(app.db, auth.user.countyId, plan, new Date(), window);
      const { ranked, nothingDue } = rankUnits(tasks);
      const today = cstDate(new Date());
      const span = `统计区间：${window.from ?? plan.start_date} 至 ${window.to && window.to < today ? window.to : today}`;
      const title = `${plan.title}进展通报`;
      const overdue = tasks.flatMap((t) =>
        t.units.filter((u) => u.overdueCount > 0).map((u) => [u.name, t.title, u.dueDate, u.overdueCount] as const),
      );
      const blocks = [
        ...docTitle(title, `${await countyName(app, auth.user.countyId)}　截至${today}`),
        heading('一、各单位任务完成情况排名'),
        para(`${span}。`),
        para(
          `按期完成率 = 按期报告"已完成"的到期次数 ÷ 已到期次数；尚无到期任务的单位不排名${nothingDue.length ? `（${nothingDue.length}个）` : ''}。`,
        ),
        table(
          [
            { title: '名次' },
            { title: '单位', width: 3 },
            { title: '已到期' },
            { title: '按期完成' },
            { title: '逾期' },
            { title: '完成率' },
          ],
          ranked.map((u) => [u.rank, u.name, u.due, u.doneOnTime, u.overdue, `${(u.rate * 100).toFixed(1)}%`]),
        ),
        heading('二、逾期未完成事项'),
        overdue.length === 0
          ? para('无逾期事项。')
          : table(
              [
                { title: '单位', width: 2 },
                { title: '任务', width: 4 },
                { title: '最近期限', width: 2 },
                { title: '逾期次数' },
              ],
              overdue.map((o) => [...o]),
            ),
      ];
      const body = await buildDocx({ title, blocks });
      await audit(app.db, actorOf(req), { action: 'export', entity: 'plan_bulletin', entityId: plan.id });
      return sendFile(reply, body, `${title}.docx`, DOCX_MIME);
    },
  );
}
