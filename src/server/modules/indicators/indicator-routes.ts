import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { contractStatus } from '../../../common/indicators/index.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { Nullable } from '../org/shared.js';
import { ensureLibrary, ensurePeriods } from './library.js';
import { clash, invalid } from './messages.js';
import { indicatorsPolicy } from './policy.js';
import { type IndicatorUnit, indicatorSource, indicatorSources } from './sources.js';
import { parseUnit } from './units.js';
import { attainmentOf, findTarget, indicatorValue, loadIndicatorByCode, loadPeriod } from './values.js';

const tags = ['indicators'];
const Unit = Type.Union(
  ['percent', 'score', 'count', 'hours', 'days', 'minutes', 'index', 'rank'].map((u) => Type.Literal(u)),
);
const Level = Type.Union(['county', 'region', 'school', 'class', 'teacher'].map((u) => Type.Literal(u)));
const Direction = Type.Union([Type.Literal('higher'), Type.Literal('lower')]);

const IndicatorBody = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,60}$' }),
  name: Type.String({ minLength: 1, maxLength: 80 }),
  unit: Unit,
  direction: Direction,
  definition: Type.String({ minLength: 1, maxLength: 1000 }),
  level: Level,
  sourceKey: Type.String({ minLength: 1, maxLength: 80 }),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
type IndicatorBody = Static<typeof IndicatorBody>;

/** Refuses a source key nobody registered, and params the source rejects. */
export function checkSource(auth: AuthContext, key: string, params: Record<string, unknown>) {
  const source = indicatorSource(key);
  if (!source)
    throw invalid(auth, 'source_unknown', {
      key,
      known:
        indicatorSources()
          .map((s) => s.key)
          .join('、') || '—',
    });
  const problem = source.checkParams?.(params);
  if (problem) throw invalid(auth, 'source_params', { detail: problem });
}

/** Resolves `unit=` and checks the caller may see it: a school inside their scope; a region for bureau roles. */
export async function unitFor(app: FastifyInstance, auth: AuthContext, text: string): Promise<IndicatorUnit> {
  const countyId = auth.user.countyId;
  const unit = parseUnit(text, countyId);
  if (!unit) throw invalid(auth, 'unit_invalid', { unit: text });
  if (unit.level === 'school') {
    const s = await app.db
      .selectFrom('schools')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', unit.id)
      .executeTakeFirst();
    if (!s) throw invalid(auth, 'unit_unknown');
    if (!indicatorsPolicy.seesSchool(auth, unit.id)) throw forbidden();
  } else {
    const r = await app.db
      .selectFrom('regions')
      .select('id')
      .where('county_id', '=', countyId)
      .where('id', '=', unit.id)
      .executeTakeFirst();
    if (!r) throw invalid(auth, 'unit_unknown');
    if (!auth.scope.allSchools && !auth.scope.regionIds.includes(unit.id)) throw forbidden();
    if (unit.level === 'county' && !auth.scope.allSchools) throw forbidden();
  }
  return unit;
}

export function indicatorRoutes(app: FastifyInstance) {
  app.get('/sources', { config: { policy: indicatorsPolicy.read }, schema: { tags } }, async () => ({
    items: indicatorSources().map((s) => ({
      key: s.key,
      module: s.module,
      name: s.name,
      unit: s.unit,
      direction: s.direction,
      levels: s.levels,
      params: s.params,
    })),
  }));

  app.get(
    '/library',
    {
      config: { policy: indicatorsPolicy.read },
      schema: { tags, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 80 })) }) },
    },
    async (req) => {
      const auth = authOf(req);
      await ensureLibrary(app.db, auth.user.countyId);
      let q = app.db
        .selectFrom('indicators')
        .select(['id', 'code', 'name', 'unit', 'direction', 'definition', 'level', 'source_key as sourceKey', 'params'])
        .where('county_id', '=', auth.user.countyId)
        .where('archived_at', 'is', null);
      const text = (req.query as { q?: string }).q?.trim();
      if (text) q = q.where((eb) => eb.or([eb('name', 'ilike', `%${text}%`), eb('code', 'ilike', `%${text}%`)]));
      const rows = await q.orderBy('id').execute();
      return {
        items: rows.map((r) => ({
          ...r,
          sourceAvailable: indicatorSource(r.sourceKey) !== undefined,
          sourceModule: r.sourceKey.split('.')[0],
        })),
      };
    },
  );

  app.post(
    '/library',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, body: IndicatorBody } },
    async (req) => {
      const auth = authOf(req);
      const b = req.body as IndicatorBody;
      checkSource(auth, b.sourceKey, b.params ?? {});
      return app.db.transaction().execute(async (tx) => {
        const taken = await tx
          .selectFrom('indicators')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('code', '=', b.code)
          .executeTakeFirst();
        if (taken) throw clash(auth, 'code_taken', { code: b.code });
        const row = await tx
          .insertInto('indicators')
          .values({
            county_id: auth.user.countyId,
            code: b.code,
            name: b.name,
            unit: b.unit,
            direction: b.direction,
            definition: b.definition,
            level: b.level,
            source_key: b.sourceKey,
            params: JSON.stringify(b.params ?? {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'indicator', entityId: row.id, after: b });
        return { id: row.id };
      });
    },
  );

  app.patch(
    '/library/:id',
    {
      config: { policy: indicatorsPolicy.bureau },
      schema: {
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Partial(Type.Omit(IndicatorBody, ['code'])),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as { id: number };
      const b = req.body as Partial<IndicatorBody>;
      const before = await app.db
        .selectFrom('indicators')
        .selectAll()
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!before) throw notFound();
      if (b.sourceKey !== undefined || b.params !== undefined)
        checkSource(auth, b.sourceKey ?? before.source_key, b.params ?? before.params);
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('indicators')
          .set({
            ...(b.name !== undefined && { name: b.name }),
            ...(b.unit !== undefined && { unit: b.unit }),
            ...(b.direction !== undefined && { direction: b.direction }),
            ...(b.definition !== undefined && { definition: b.definition }),
            ...(b.level !== undefined && { level: b.level }),
            ...(b.sourceKey !== undefined && { source_key: b.sourceKey }),
            ...(b.params !== undefined && { params: JSON.stringify(b.params) }),
            updated_at: new Date(),
          })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await tx
          .deleteFrom('indicator_value_cache')
          .where('county_id', '=', auth.user.countyId)
          .where('indicator_id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'indicator',
          entityId: id,
          before,
          after: { ...before, ...b },
        });
      });
      return { ok: true };
    },
  );

  app.get('/periods', { config: { policy: indicatorsPolicy.read }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    await ensurePeriods(app.db, auth.user.countyId);
    const items = await app.db
      .selectFrom('indicator_periods')
      .select(['id', 'kind', 'name', 'start_date as startDate', 'end_date as endDate'])
      .where('county_id', '=', auth.user.countyId)
      .orderBy('start_date')
      .orderBy('kind')
      .execute();
    return { items };
  });

  const PeriodBody = Type.Object({
    kind: Type.Union([Type.Literal('school_year'), Type.Literal('term'), Type.Literal('year')]),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    startDate: Type.String({ format: 'date' }),
    endDate: Type.String({ format: 'date' }),
  });
  app.post(
    '/periods',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, body: PeriodBody } },
    async (req) => {
      const auth = authOf(req);
      const b = req.body as Static<typeof PeriodBody>;
      if (b.endDate < b.startDate) throw invalid(auth, 'date_order');
      return app.db.transaction().execute(async (tx) => {
        const overlap = await tx
          .selectFrom('indicator_periods')
          .select(['name', 'kind', 'start_date', 'end_date'])
          .where('county_id', '=', auth.user.countyId)
          .where('kind', '=', b.kind)
          .where('start_date', '<=', b.endDate)
          .where('end_date', '>=', b.startDate)
          .executeTakeFirst();
        if (overlap)
          throw invalid(auth, 'period_overlap', {
            kind: overlap.kind,
            name: overlap.name,
            start: overlap.start_date,
            end: overlap.end_date,
          });
        const row = await tx
          .insertInto('indicator_periods')
          .values({
            county_id: auth.user.countyId,
            kind: b.kind,
            name: b.name,
            start_date: b.startDate,
            end_date: b.endDate,
            school_year_id: null,
            term_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'indicator_period', entityId: row.id, after: b });
        return { id: row.id };
      });
    },
  );

  /**
   * The contract (issue 6): the indicator's value for an org unit and period, its target and baseline there (if one
   * is set) and the RAG status. `unit` = `school:<id>` or `region:<id>` (the county's region id = the county).
   */
  app.get(
    '/:code/values',
    {
      config: { policy: indicatorsPolicy.read },
      schema: {
        tags,
        params: Type.Object({ code: Type.String({ maxLength: 80 }) }),
        querystring: Type.Object({
          unit: Type.String({ maxLength: 40 }),
          period: Type.Integer({ minimum: 1 }),
          refresh: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({
            value: Nullable(Type.Number()),
            target: Nullable(Type.Number()),
            baseline: Nullable(Type.Number()),
            status: Type.Union(['green', 'amber', 'red', 'none'].map((s) => Type.Literal(s))),
            source: Type.Object({
              module: Type.String(),
              ref: Type.String(),
              computedAt: Nullable(Type.String()),
              available: Type.Boolean(),
            }),
          }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { code } = req.params as { code: string };
      const q = req.query as { unit: string; period: number; refresh?: boolean };
      // A county whose library was never opened gets it now (the seeded codes are part of the contract).
      let ind = await loadIndicatorByCode(app.db, auth.user.countyId, code);
      if (!ind) {
        await ensureLibrary(app.db, auth.user.countyId);
        ind = await loadIndicatorByCode(app.db, auth.user.countyId, code);
      }
      if (!ind) throw notFound();
      const unit = await unitFor(app, auth, q.unit);
      const period = await loadPeriod(app.db, auth.user.countyId, q.period);
      if (!period) throw invalid(auth, 'period_unknown');
      const v = await indicatorValue(app.db, auth.user.countyId, ind, unit, period, { refresh: q.refresh });
      const t = await findTarget(app.db, auth.user.countyId, ind.id, unit, period.id);
      const a = t ? attainmentOf(t, ind, period, v.value) : null;
      return {
        value: v.value,
        target: a?.target ?? null,
        baseline: t?.baseline ?? null,
        status: a ? contractStatus(a.status) : 'none',
        source: {
          module: v.module,
          ref: v.ref,
          computedAt: v.computedAt ? new Date(v.computedAt).toISOString() : null,
          available: v.available,
        },
      };
    },
  );
}
