import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { type Coverage, coverageByParent, coverageOf, rollUpCoverage } from '../../../common/surveys/coverage.js';
import type { SurveyDefinition } from '../../../common/surveys/definition.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { schoolVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { newCode } from './codes.js';
import { loadDefinition } from './definitions.js';
import { invalid } from './messages.js';
import { surveysPolicy } from './policy.js';
import { type UnitRow, visibleUnits } from './units.js';

/**
 * Campaigns (测评): a survey × a population × a window. Opening one freezes the definition and creates one unit per
 * class (parents, students: classes of the current school year in the chosen schools and grades, eligible = its
 * students 在读 — seed-004 L39 counts families "by student headcount") or per school (teachers: its staff), each
 * with its own open link. Coverage: respondents ÷ eligible against the campaign's target (0.5 a term, seed-004 L39).
 */
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CampaignCreate = Type.Object({
  surveyId: Type.Integer({ minimum: 1 }),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  schoolIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
  gradeLevels: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 12 }), { uniqueItems: true })),
  mode: Type.Union([Type.Literal('open'), Type.Literal('tokens')]),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  previousCampaignId: Type.Optional(Type.Integer({ minimum: 1 })),
});
const CampaignUpdate = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  closesAt: Type.Optional(Type.String({ format: 'date-time' })),
  target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
});

export interface CampaignRow {
  id: number;
  countyId: number;
  surveyId: number;
  title: string;
  audience: string;
  mode: string;
  definition: SurveyDefinition;
  schoolIds: number[];
  gradeLevels: number[];
  opensAt: Date;
  closesAt: Date;
  target: number;
  previousCampaignId: number | null;
}

/** A campaign the caller may see (one of its schools is in scope), or 404/403. */
export async function visibleCampaign(db: Db, auth: AuthContext, id: number): Promise<CampaignRow> {
  const row = await db
    .selectFrom('survey_campaigns as c')
    .select([
      'c.id',
      'c.county_id as countyId',
      'c.survey_id as surveyId',
      'c.title',
      'c.audience',
      'c.mode',
      'c.definition',
      'c.school_ids as schoolIds',
      'c.grade_levels as gradeLevels',
      'c.opens_at as opensAt',
      'c.closes_at as closesAt',
      'c.target',
      'c.previous_campaign_id as previousCampaignId',
      sql<boolean>`EXISTS (SELECT 1 FROM unnest(c.school_ids) AS sid WHERE ${schoolVisible(auth.scope, 'sid')})`.as(
        'visible',
      ),
    ])
    .where('c.county_id', '=', auth.user.countyId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (!row.visible) throw forbidden();
  const { visible: _v, ...rest } = row;
  return { ...rest, definition: rest.definition as SurveyDefinition, gradeLevels: rest.gradeLevels.map(Number) };
}

/** The campaign's coverage for the caller: per unit, per school (sum of its units), and the 班主任 reminder list. */
export function coverageReport(units: readonly UnitRow[], target: number) {
  const byUnit = coverageOf(
    units.map((u) => ({ unitId: String(u.id), eligible: u.eligible, respondents: u.respondents })),
    target,
  );
  const schoolOf = new Map(units.map((u) => [String(u.id), String(u.schoolId)]));
  const schools = coverageByParent(byUnit, (id) => schoolOf.get(id)!, target);
  const total = rollUpCoverage('all', byUnit, target);
  return { byUnit, schools, total };
}

const pct = (c: Coverage) => (c.coverage === null ? null : c.coverage);

export function campaignRoutes(app: FastifyInstance) {
  app.get('/campaigns', { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'] } }, async (req) => {
    const auth = authOf(req);
    const rows = await app.db
      .selectFrom('survey_campaigns as c')
      .select([
        'c.id',
        'c.title',
        'c.audience',
        'c.mode',
        'c.survey_id as surveyId',
        'c.opens_at as opensAt',
        'c.closes_at as closesAt',
        'c.target',
        'c.school_ids as schoolIds',
        sql<number>`(SELECT count(*)::int FROM survey_responses r WHERE r.county_id = c.county_id AND r.campaign_id = c.id)`.as(
          'respondents',
        ),
        sql<number>`(SELECT coalesce(sum(eligible), 0)::int FROM survey_units u WHERE u.county_id = c.county_id AND u.campaign_id = c.id)`.as(
          'eligible',
        ),
      ])
      .where('c.county_id', '=', auth.user.countyId)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(c.school_ids) AS sid WHERE ${schoolVisible(auth.scope, 'sid')})`)
      .orderBy('c.opens_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute();
    return {
      items: rows.map((r) => ({
        ...r,
        schoolCount: r.schoolIds.length,
        schoolIds: undefined,
        opensAt: r.opensAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
      })),
    };
  });

  app.post(
    '/campaigns',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], body: CampaignCreate } },
    async (req, reply) => {
      const auth = authOf(req);
      const body = req.body as Static<typeof CampaignCreate>;
      if (!surveysPolicy.manageSchools(auth, body.schoolIds)) throw invalid(auth, 'campaign_schools');
      if (new Date(body.closesAt) <= new Date(body.opensAt)) throw invalid(auth, 'campaign_window');
      const survey = await loadDefinition(app.db, auth.user.countyId, body.surveyId);
      if (!survey) throw invalid(auth, 'survey_not_found');
      if (body.previousCampaignId) {
        const prev = await app.db
          .selectFrom('survey_campaigns')
          .select('survey_id')
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', body.previousCampaignId)
          .executeTakeFirst();
        if (!prev || prev.survey_id !== body.surveyId) throw invalid(auth, 'campaign_previous');
      }
      const grades = body.gradeLevels ?? [];
      const units = await populationUnits(app.db, auth.user.countyId, survey.audience, body.schoolIds, grades);
      if (units.length === 0) throw invalid(auth, 'campaign_no_units');
      const id = await app.db.transaction().execute(async (tx) => {
        const c = await tx
          .insertInto('survey_campaigns')
          .values({
            county_id: auth.user.countyId,
            survey_id: body.surveyId,
            title: body.title,
            audience: survey.audience,
            definition: JSON.stringify(survey.definition),
            mode: body.mode,
            school_ids: body.schoolIds,
            grade_levels: grades,
            opens_at: body.opensAt,
            closes_at: body.closesAt,
            target: body.target ?? 0.5,
            previous_campaign_id: body.previousCampaignId ?? null,
            created_by: auth.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('survey_units')
          .values(
            units.map((u) => ({
              county_id: auth.user.countyId,
              campaign_id: c.id,
              school_id: u.schoolId,
              class_id: u.classId,
              eligible: u.eligible,
              link_code: newCode(),
            })),
          )
          .execute();
        await audit(tx, actorOf(req), {
          action: 'create',
          entity: 'survey_campaign',
          entityId: c.id,
          after: { ...body, units: units.length },
        });
        return c.id;
      });
      return reply.status(201).send({ id, units: units.length });
    },
  );

  app.patch(
    '/campaigns/:id',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], params: Id, body: CampaignUpdate } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await visibleCampaign(app.db, auth, id);
      if (!surveysPolicy.manageSchools(auth, c.schoolIds)) throw forbidden();
      const body = req.body as Static<typeof CampaignUpdate>;
      if (body.closesAt && new Date(body.closesAt) <= c.opensAt) throw invalid(auth, 'campaign_window');
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('survey_campaigns')
          .set({
            ...(body.title ? { title: body.title } : {}),
            ...(body.closesAt ? { closes_at: body.closesAt } : {}),
            ...(body.target ? { target: body.target } : {}),
            updated_at: new Date(),
          })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'survey_campaign',
          entityId: id,
          before: { title: c.title, closesAt: c.closesAt.toISOString(), target: c.target },
          after: {
            title: body.title ?? c.title,
            closesAt: body.closesAt ?? c.closesAt.toISOString(),
            target: body.target ?? c.target,
          },
        });
      });
      return { ok: true };
    },
  );

  app.get(
    '/campaigns/:id',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await visibleCampaign(app.db, auth, id);
      const units = await visibleUnits(app.db, auth, id);
      const cov = coverageReport(units, c.target);
      const byId = new Map(cov.byUnit.map((x) => [x.unitId, x]));
      const schoolCov = new Map(cov.schools.map((x) => [x.unitId, x]));
      const schools = [...new Map(units.map((u) => [u.schoolId, u])).values()].map((u) => {
        const s = schoolCov.get(String(u.schoolId))!;
        return {
          schoolId: u.schoolId,
          schoolName: u.schoolName,
          regionName: u.regionName,
          eligible: s.eligible,
          respondents: s.respondents,
          coverage: pct(s),
          required: s.required,
          met: s.met,
        };
      });
      return {
        id: c.id,
        title: c.title,
        audience: c.audience,
        mode: c.mode,
        surveyId: c.surveyId,
        opensAt: c.opensAt.toISOString(),
        closesAt: c.closesAt.toISOString(),
        target: c.target,
        previousCampaignId: c.previousCampaignId,
        canManage: surveysPolicy.manageSchools(auth, c.schoolIds),
        definition: c.definition,
        total: { eligible: cov.total.eligible, respondents: cov.total.respondents, coverage: pct(cov.total) },
        schools,
        units: units.map((u) => {
          const x = byId.get(String(u.id))!;
          return {
            id: u.id,
            schoolId: u.schoolId,
            schoolName: u.schoolName,
            classId: u.classId,
            className: u.className,
            headTeacherName: u.headTeacherName,
            eligible: u.eligible,
            respondents: u.respondents,
            coverage: pct(x),
            shortfall: x.shortfall,
            met: x.met,
            linkCode: c.mode === 'open' ? u.linkCode : null,
          };
        }),
      };
    },
  );
}

/** The units a new campaign gets: classes with their students 在读, or schools with their staff. */
async function populationUnits(
  db: Db,
  countyId: number,
  audience: string,
  schoolIds: number[],
  grades: number[],
): Promise<{ schoolId: number; classId: number | null; eligible: number }[]> {
  if (audience === 'teachers') {
    const rows = await db
      .selectFrom('schools as s')
      .select([
        's.id as schoolId',
        sql<number>`(SELECT count(*)::int FROM staff st WHERE st.county_id = s.county_id AND st.school_id = s.id AND st.archived_at IS NULL)`.as(
          'eligible',
        ),
      ])
      .where('s.county_id', '=', countyId)
      .where('s.id', 'in', schoolIds)
      .where('s.archived_at', 'is', null)
      .orderBy('s.code')
      .execute();
    return rows.map((r) => ({ ...r, classId: null }));
  }
  let q = db
    .selectFrom('classes as c')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .select([
      'c.school_id as schoolId',
      'c.id as classId',
      sql<number>`(SELECT count(*)::int FROM students st WHERE st.county_id = c.county_id AND st.class_id = c.id AND st.status = 'active' AND st.archived_at IS NULL)`.as(
        'eligible',
      ),
    ])
    .where('c.county_id', '=', countyId)
    .where('y.is_current', '=', true)
    .where('c.school_id', 'in', schoolIds)
    .where('c.archived_at', 'is', null);
  if (grades.length > 0) q = q.where('c.grade_level', 'in', grades);
  return q.orderBy('c.school_id').orderBy('c.grade_level').orderBy('c.class_no').execute();
}
