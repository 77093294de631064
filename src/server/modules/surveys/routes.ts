import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { audit } from '../../platform/audit.js';
import { DOCX_MIME } from '../../platform/documents/index.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { todayInChina } from '../org/shared.js';
import { bulletinDocx } from './bulletin.js';
import { campaignRoutes, visibleCampaign } from './campaigns.js';
import { caseRoutes } from './cases.js';
import { definitionRoutes } from './definitions.js';
import { resultsWorkbook } from './export-xlsx.js';
import { registerSurveyIndicators } from './indicator-sources.js';
import { ledgerRoutes } from './ledger.js';
import { surveysPolicy } from './policy.js';
import { printRoutes } from './print.js';
import { publicCaseRoutes, publicRoutes } from './public.js';
import { campaignComments, campaignResults } from './results.js';

/** The surveys module's API, under /api/v1/surveys. */
export async function surveysRoutes(app: FastifyInstance): Promise<void> {
  definitionRoutes(app);
  campaignRoutes(app);
  printRoutes(app);
  publicRoutes(app);
  publicCaseRoutes(app);
  caseRoutes(app);
  ledgerRoutes(app);
  resultRoutes(app);
  registerSurveyIndicators();
}

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ResultsQuery = Type.Object({ top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) });
const CommentsQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });

async function countyName(app: FastifyInstance, countyId: number): Promise<string> {
  const r = await app.db.selectFrom('regions').select('name').where('id', '=', countyId).executeTakeFirst();
  return r?.name ?? '全县';
}

function resultRoutes(app: FastifyInstance) {
  app.get(
    '/campaigns/:id/results',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id, querystring: ResultsQuery } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const { top } = req.query as Static<typeof ResultsQuery>;
      return campaignResults(app.db, auth, id, { topN: top, countyName: await countyName(app, auth.user.countyId) });
    },
  );

  app.get(
    '/campaigns/:id/comments',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id, querystring: CommentsQuery } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      return campaignComments(app.db, auth, id, (req.query as Static<typeof CommentsQuery>).q ?? '');
    },
  );

  app.get(
    '/campaigns/:id/export',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id, querystring: CommentsQuery } },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await visibleCampaign(app.db, auth, id);
      const results = await campaignResults(app.db, auth, id, {
        countyName: await countyName(app, auth.user.countyId),
      });
      const comments = await campaignComments(
        app.db,
        auth,
        id,
        (req.query as Static<typeof CommentsQuery>).q ?? '',
        100_000,
      );
      const body = await resultsWorkbook(results, comments.items);
      await audit(app.db, actorOf(req), { action: 'export', entity: 'survey_results', entityId: id, summary: c.title });
      return sendFile(
        reply,
        body,
        `${c.title}-结果.xlsx`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    },
  );

  app.get(
    '/campaigns/:id/bulletin',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id } },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const county = await countyName(app, auth.user.countyId);
      const results = await campaignResults(app.db, auth, id, { countyName: county });
      const body = await bulletinDocx(results, county, todayInChina());
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'survey_bulletin',
        entityId: id,
        summary: results.campaign.title,
      });
      return sendFile(reply, body, `${results.campaign.title}-满意度通报.docx`, DOCX_MIME);
    },
  );
}
