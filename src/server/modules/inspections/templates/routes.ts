import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publishTemplate, validateTemplate } from '../../../../common/inspections/index.js';
import { audit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../../platform/http.js';
import { isManager, mayRead } from '../access.js';
import { clash, invalid } from '../messages.js';
import type { TemplateBody } from '../tables.js';
import { TemplateSheetError, templateToXlsx, xlsxToTemplate } from './excel.js';
import { ensureLibrary } from './seed.js';
import { createDraft, loadTemplateRow, storedBody, templateOf } from './store.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Body = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 40 }),
  body: Type.Object(
    {
      title: Type.String({ maxLength: 200 }),
      levelNames: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 6 }),
      aggregation: Type.Union([Type.Literal('weightedMean'), Type.Literal('sum')]),
      maxScore: Type.Number(),
      grades: Type.Array(Type.Object({ label: Type.String(), min: Type.Union([Type.Null(), Type.Number()]) })), // null first: ajv would coerce null to 0
      vetoGrade: Type.Optional(Type.String()),
      schoolTypes: Type.Optional(Type.Array(Type.String())),
      criteria: Type.Array(Type.Any(), { maxItems: 500 }),
    },
    { additionalProperties: false },
  ),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template's validation issues; a malformed tree (wrong shapes from a hand-made request) is one issue. */
function issuesOf(t: ReturnType<typeof templateOf>) {
  try {
    return validateTemplate(t);
  } catch {
    return [{ code: '', message: '指标结构有误' }];
  }
}

/**
 * Template versions. A published version is immutable (the database refuses updates too); editing a published
 * template creates the next version as a draft (one draft per template at a time); plans use published versions.
 */
export function templateRoutes(app: FastifyInstance) {
  const tags = ['inspections'];
  const manage = { policy: isManager };

  app.get('/templates', { config: { policy: mayRead }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    await ensureLibrary(app.db, auth.user.countyId);
    const rows = await app.db
      .selectFrom('insp_templates')
      .select(['id', 'family_id as familyId', 'version', 'status', 'category', 'title', 'published_at as publishedAt'])
      .where('county_id', '=', auth.user.countyId)
      .orderBy('family_id')
      .orderBy('version', 'desc')
      .execute();
    return { items: rows, total: rows.length };
  });

  app.get('/templates/:id', { config: { policy: mayRead }, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const row = await loadTemplateRow(app.db, auth.user.countyId, (req.params as { id: number }).id);
    const t = templateOf(row);
    return {
      id: row.id,
      familyId: row.family_id,
      version: row.version,
      status: row.status,
      category: row.category,
      body: row.body,
      issues: issuesOf(t),
    };
  });

  app.post('/templates', { config: manage, schema: { tags, body: Body } }, async (req) => {
    const actor = actorOf(req);
    const { category, body } = req.body as { category: string; body: TemplateBody };
    return app.db.transaction().execute(async (trx) => {
      const id = await createDraft(trx, actor.countyId, actor.userId, category, body, null);
      await audit(trx, actor, {
        action: 'create',
        entity: 'insp_template',
        entityId: id,
        after: { title: body.title },
      });
      return { id };
    });
  });

  app.put('/templates/:id', { config: manage, schema: { tags, params: IdParams, body: Body } }, async (req) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const id = (req.params as { id: number }).id;
    const { category, body } = req.body as { category: string; body: TemplateBody };
    return app.db.transaction().execute(async (trx) => {
      const row = await loadTemplateRow(trx, actor.countyId, id);
      if (row.status === 'published') throw clash(auth, 'template_published');
      await trx
        .updateTable('insp_templates')
        .set({ category, title: body.title, body: storedBody(body), updated_at: new Date() })
        .where('county_id', '=', actor.countyId)
        .where('id', '=', id)
        .execute();
      await audit(trx, actor, {
        action: 'update',
        entity: 'insp_template',
        entityId: id,
        before: { category: row.category, body: row.body },
        after: { category, body },
      });
      return { id };
    });
  });

  app.post('/templates/:id/publish', { config: manage, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const id = (req.params as { id: number }).id;
    return app.db.transaction().execute(async (trx) => {
      const row = await loadTemplateRow(trx, actor.countyId, id);
      if (row.status === 'published') throw clash(auth, 'template_published');
      const issues = issuesOf(templateOf(row));
      if (issues.length > 0) {
        throw invalid(auth, 'template_invalid', { detail: issues.map((i) => i.message).join('；') });
      }
      publishTemplate(templateOf(row)); // the engine's own check, kept as the single rule
      await trx
        .updateTable('insp_templates')
        .set({ status: 'published', published_at: new Date(), updated_at: new Date() })
        .where('county_id', '=', actor.countyId)
        .where('id', '=', id)
        .execute();
      await audit(trx, actor, { action: 'publish', entity: 'insp_template', entityId: id, summary: row.title });
      return { id };
    });
  });

  app.post('/templates/:id/revise', { config: manage, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const id = (req.params as { id: number }).id;
    return app.db.transaction().execute(async (trx) => {
      const row = await loadTemplateRow(trx, actor.countyId, id);
      if (row.status !== 'published') throw clash(auth, 'template_has_draft', { version: row.version });
      const draft = await trx
        .selectFrom('insp_templates')
        .select('version')
        .where('county_id', '=', actor.countyId)
        .where('family_id', '=', row.family_id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (draft) throw clash(auth, 'template_has_draft', { version: draft.version });
      const newId = await createDraft(trx, actor.countyId, actor.userId, row.category, row.body, row.family_id);
      await audit(trx, actor, {
        action: 'create',
        entity: 'insp_template',
        entityId: newId,
        summary: `${row.title}：由第 ${row.version} 版创建新版本`,
      });
      return { id: newId };
    });
  });

  app.delete('/templates/:id', { config: manage, schema: { tags, params: IdParams } }, async (req) => {
    const auth = authOf(req);
    const actor = actorOf(req);
    const id = (req.params as { id: number }).id;
    return app.db.transaction().execute(async (trx) => {
      const row = await loadTemplateRow(trx, actor.countyId, id);
      if (row.status === 'published') throw clash(auth, 'template_published');
      await trx.deleteFrom('insp_templates').where('county_id', '=', actor.countyId).where('id', '=', id).execute();
      await audit(trx, actor, {
        action: 'delete',
        entity: 'insp_template',
        entityId: id,
        before: { title: row.title },
      });
      return { id };
    });
  });

  app.get(
    '/templates/:id/export',
    { config: { policy: mayRead }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const auth = authOf(req);
      const row = await loadTemplateRow(app.db, auth.user.countyId, (req.params as { id: number }).id);
      const body = await templateToXlsx(row.category, templateOf(row));
      return sendFile(reply, body, `${row.title}（第${row.version}版）.xlsx`, XLSX);
    },
  );

  /** Upload a workbook: a new template (draft), or with ?familyId= a new draft version of that template. */
  app.post(
    '/templates/import',
    {
      config: manage,
      schema: { tags, querystring: Type.Object({ familyId: Type.Optional(Type.Integer({ minimum: 1 })) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const file = await req.file();
      if (!file) throw badRequest('file_missing');
      const buffer = await file.toBuffer();
      let parsed: Awaited<ReturnType<typeof xlsxToTemplate>>;
      try {
        parsed = await xlsxToTemplate(buffer);
      } catch (e) {
        if (e instanceof TemplateSheetError) throw invalid(auth, 'template_import', { row: e.row, detail: e.message });
        throw e;
      }
      const familyId = (req.query as { familyId?: number }).familyId ?? null;
      return app.db.transaction().execute(async (trx) => {
        if (familyId !== null) {
          const draft = await trx
            .selectFrom('insp_templates')
            .select('version')
            .where('county_id', '=', actor.countyId)
            .where('family_id', '=', familyId)
            .where('status', '=', 'draft')
            .executeTakeFirst();
          if (draft) throw clash(auth, 'template_has_draft', { version: draft.version });
        }
        const id = await createDraft(trx, actor.countyId, actor.userId, parsed.category, parsed.body, familyId);
        await audit(trx, actor, {
          action: 'import',
          entity: 'insp_template',
          entityId: id,
          summary: `导入模板：${parsed.body.title}`,
        });
        return { id, issues: issuesOf(templateOf(await loadTemplateRow(trx, actor.countyId, id))) };
      });
    },
  );
}
