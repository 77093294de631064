import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { definitionProblems, type SurveyDefinition } from '../../../common/surveys/definition.js';
import { SURVEY_TEMPLATES } from '../../../common/surveys/templates.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { notFound } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { invalid } from './messages.js';
import { surveysPolicy } from './policy.js';

/**
 * Survey definitions (问卷): the builder's list, one definition, create/update/archive, JSON export and import.
 * A definition is stored as the JSON the builder edits; every save is checked by definitionProblems (so an
 * imported file is held to exactly the builder's rules) and audited.
 */
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DefinitionJson = Type.Unknown();
const Body = Type.Object({ definition: DefinitionJson });
const SurveyItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  audience: Type.String(),
  templateKey: Type.Union([Type.String(), Type.Null()]),
  questionCount: Type.Integer(),
  updatedAt: Type.String(),
});

/** The definition after the builder's checks, or a 400 naming every problem. */
export function checkedDefinition(auth: AuthContext, input: unknown): SurveyDefinition {
  const problems = definitionProblems(input);
  if (problems.length > 0) throw invalid(auth, 'definition_invalid', { problems: problems.join('；') });
  return input as SurveyDefinition;
}

export async function loadDefinition(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('survey_definitions')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** Copies the seeded templates into a county (once: a county that has any template keeps its own copies). */
export async function seedTemplates(db: Db, countyId: number): Promise<void> {
  const has = await db
    .selectFrom('survey_definitions')
    .select('id')
    .where('county_id', '=', countyId)
    .where('template_key', 'is not', null)
    .executeTakeFirst();
  if (has) return;
  await db
    .insertInto('survey_definitions')
    .values(
      Object.entries(SURVEY_TEMPLATES).map(([key, def]) => ({
        county_id: countyId,
        title: def.title,
        audience: def.audience,
        definition: JSON.stringify(def),
        template_key: key,
      })),
    )
    .execute();
}

export function definitionRoutes(app: FastifyInstance) {
  app.get(
    '/definitions',
    {
      config: { policy: surveysPolicy.read },
      schema: { tags: ['surveys'], response: { 200: Type.Object({ items: Type.Array(SurveyItem) }) } },
    },
    async (req) => {
      const auth = authOf(req);
      await seedTemplates(app.db, auth.user.countyId);
      const rows = await app.db
        .selectFrom('survey_definitions')
        .select(['id', 'title', 'audience', 'template_key', 'definition', 'updated_at'])
        .where('county_id', '=', auth.user.countyId)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          title: r.title,
          audience: r.audience,
          templateKey: r.template_key,
          questionCount: (r.definition as SurveyDefinition).questions.length,
          updatedAt: r.updated_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/definitions/:id',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id } },
    async (req, _reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const row = await loadDefinition(app.db, auth.user.countyId, id);
      if (!row) throw notFound();
      return { id: row.id, templateKey: row.template_key, definition: row.definition };
    },
  );

  app.get(
    '/definitions/:id/export',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id } },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const row = await loadDefinition(app.db, auth.user.countyId, id);
      if (!row) throw notFound();
      const body = Buffer.from(`${JSON.stringify(row.definition, null, 2)}\n`);
      return sendFile(reply, body, `${row.title}.survey.json`, 'application/json; charset=utf-8');
    },
  );

  // Create and import are one route: an import is a create whose body is the exported file.
  app.post(
    '/definitions',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], body: Body } },
    async (req, reply) => {
      const auth = authOf(req);
      const def = checkedDefinition(auth, (req.body as Static<typeof Body>).definition);
      const id = await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('survey_definitions')
          .values({
            county_id: auth.user.countyId,
            title: def.title,
            audience: def.audience,
            definition: JSON.stringify(def),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'survey', entityId: row.id, after: def });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );

  app.put(
    '/definitions/:id',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], params: Id, body: Body } },
    async (req, _reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const before = await loadDefinition(app.db, auth.user.countyId, id);
      if (!before) throw notFound();
      const def = checkedDefinition(auth, (req.body as Static<typeof Body>).definition);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('survey_definitions')
          .set({ title: def.title, audience: def.audience, definition: JSON.stringify(def), updated_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'survey',
          entityId: id,
          before: before.definition,
          after: def,
        });
      });
      return { id };
    },
  );

  app.delete(
    '/definitions/:id',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], params: Id } },
    async (req, _reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const before = await loadDefinition(app.db, auth.user.countyId, id);
      if (!before) throw notFound();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('survey_definitions')
          .set({ archived_at: new Date() })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), { action: 'archive', entity: 'survey', entityId: id, summary: before.title });
      });
      return { ok: true };
    },
  );
}
