import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import {
  contractStatus,
  schoolsMissing,
  splitEqual,
  splitProportional,
  splitSameChange,
  type TargetRule,
  validateTarget,
} from '../../../common/indicators/index.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { unitFor } from './indicator-routes.js';
import { clash, invalid } from './messages.js';
import { studentCount } from './org-sources.js';
import { indicatorsPolicy } from './policy.js';
import { schoolInUnit, unitText } from './units.js';
import {
  attainmentOf,
  childAttainments,
  dropCachedValues,
  type IndicatorRow,
  indicatorValue,
  loadIndicator,
  loadPeriod,
  loadTarget,
  type PeriodRow,
  ruleOf,
  type TargetRow,
  trendOf,
} from './values.js';

const tags = ['indicators'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TargetBody = Type.Object({
  indicatorId: Type.Integer({ minimum: 1 }),
  unit: Type.String({ maxLength: 40 }),
  periodId: Type.Integer({ minimum: 1 }),
  kind: Type.Union([Type.Literal('absolute'), Type.Literal('change'), Type.Literal('rank'), Type.Literal('count')]),
  value: Type.Optional(Type.Number()),
  delta: Type.Optional(Type.Number()),
  changeMode: Type.Optional(Type.Union([Type.Literal('points'), Type.Literal('relative')])),
  among: Type.Optional(Type.String({ maxLength: 40 })),
  baseline: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  citation: Type.Optional(Type.String({ maxLength: 300 })),
});
type TargetBody = Static<typeof TargetBody>;

/** The target's rule as the API shows it, with the resolved number. */
function describe(t: TargetRow) {
  return {
    id: t.id,
    indicatorId: t.indicator_id,
    unit: unitText({ level: t.unit_level, id: t.unit_id }),
    unitLevel: t.unit_level,
    unitId: t.unit_id,
    periodId: t.period_id,
    kind: t.kind,
    value: t.value,
    delta: t.delta,
    changeMode: t.change_mode,
    among: t.among,
    baseline: t.baseline,
    splitFromId: t.split_from_id,
    citation: t.citation,
  };
}

export function targetRoutes(app: FastifyInstance) {
  app.get(
    '/targets',
    {
      config: { policy: indicatorsPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          indicatorId: Type.Optional(Type.Integer({ minimum: 1 })),
          periodId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as { indicatorId?: number; periodId?: number };
      let sel = app.db
        .selectFrom('indicator_targets as t')
        .innerJoin('indicators as i', (j) =>
          j.onRef('i.county_id', '=', 't.county_id').onRef('i.id', '=', 't.indicator_id'),
        )
        .innerJoin('indicator_periods as p', (j) =>
          j.onRef('p.county_id', '=', 't.county_id').onRef('p.id', '=', 't.period_id'),
        )
        .leftJoin('schools as s', (j) =>
          j.onRef('s.county_id', '=', 't.county_id').onRef('s.id', '=', 't.unit_id').on('t.unit_level', '=', 'school'),
        )
        .leftJoin('regions as r', (j) => j.onRef('r.id', '=', 't.unit_id').on('t.unit_level', '!=', 'school'))
        .selectAll('t')
        .select([
          'i.code',
          'i.name as indicator_name',
          'i.unit as indicator_unit',
          'p.name as period_name',
          's.name as school_name',
          'r.name as region_name',
        ])
        .where('t.county_id', '=', auth.user.countyId);
      if (q.indicatorId) sel = sel.where('t.indicator_id', '=', q.indicatorId);
      if (q.periodId) sel = sel.where('t.period_id', '=', q.periodId);
      if (!auth.scope.allSchools)
        sel = sel.where((eb) =>
          eb.or([
            eb.and([eb('t.unit_level', '=', 'school'), eb('t.unit_id', 'in', [...auth.scope.schoolIds, 0])]),
            eb.and([eb('t.unit_level', '=', 'region'), eb('t.unit_id', 'in', [...auth.scope.regionIds, 0])]),
          ]),
        );
      // Each target's current value and status (cached values, see values.ts), indicators and periods loaded once.
      const indicators = new Map<number, IndicatorRow | undefined>();
      const periodRows = new Map<number, PeriodRow | undefined>();
      const currentOf = async (t: TargetRow) => {
        if (!indicators.has(t.indicator_id))
          indicators.set(t.indicator_id, await loadIndicator(app.db, auth.user.countyId, t.indicator_id));
        if (!periodRows.has(t.period_id))
          periodRows.set(t.period_id, await loadPeriod(app.db, auth.user.countyId, t.period_id));
        const ind = indicators.get(t.indicator_id) as IndicatorRow;
        const period = periodRows.get(t.period_id) as PeriodRow;
        const v = await indicatorValue(app.db, auth.user.countyId, ind, { level: t.unit_level, id: t.unit_id }, period);
        return { value: v.value, status: attainmentOf(t, ind, period, v.value).status };
      };
      const rows = await sel
        .orderBy('t.indicator_id')
        .orderBy('t.period_id')
        .orderBy('t.unit_level')
        .orderBy('t.unit_id')
        .limit(500)
        .execute();
      return {
        items: await Promise.all(
          rows.map(async (r) => {
            const { value, status } = await currentOf(r as TargetRow);
            return {
              ...describe(r as TargetRow),
              code: r.code,
              indicatorName: r.indicator_name,
              indicatorUnit: r.indicator_unit,
              periodName: r.period_name,
              unitName: r.school_name ?? r.region_name ?? '',
              current: value,
              status,
            };
          }),
        ),
      };
    },
  );

  app.post(
    '/targets',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, body: TargetBody } },
    async (req) => {
      const auth = authOf(req);
      const b = req.body as TargetBody;
      const countyId = auth.user.countyId;
      const ind = await loadIndicator(app.db, countyId, b.indicatorId);
      if (!ind) throw invalid(auth, 'indicator_unknown', { code: b.indicatorId });
      const unit = await unitFor(app, auth, b.unit);
      if (unit.level !== 'county' && unit.level !== 'region' && unit.level !== 'school')
        throw invalid(auth, 'unit_invalid', { unit: b.unit });
      const period = await loadPeriod(app.db, countyId, b.periodId);
      if (!period) throw invalid(auth, 'period_unknown');
      const baseline = b.baseline ?? null;
      if (b.kind === 'change' && baseline === null) throw invalid(auth, 'target_needs_baseline');
      const rule: TargetRule =
        b.kind === 'change'
          ? { kind: 'change', delta: b.delta ?? Number.NaN, mode: b.changeMode ?? 'points' }
          : b.kind === 'rank'
            ? { kind: 'rank', atMost: b.value ?? Number.NaN, among: b.among }
            : { kind: b.kind, value: b.value ?? Number.NaN };
      const numbers = b.kind === 'change' ? [b.delta] : [b.value];
      if (numbers.some((n) => n === undefined || !Number.isFinite(n)))
        throw invalid(auth, 'target_invalid', { detail: b.kind === 'change' ? 'delta' : 'value' });
      const errors = validateTarget(
        {
          indicator: ind.code,
          orgUnit: b.unit,
          period: { id: String(period.id), name: period.name, start: period.start_date, end: period.end_date },
          rule,
          baseline,
        },
        ind.direction,
      );
      if (errors.length > 0) throw invalid(auth, 'target_invalid', { detail: errors.join('; ') });
      return app.db.transaction().execute(async (tx) => {
        const taken = await tx
          .selectFrom('indicator_targets')
          .select('id')
          .where('county_id', '=', countyId)
          .where('indicator_id', '=', ind.id)
          .where('unit_level', '=', unit.level as 'school')
          .where('unit_id', '=', unit.id)
          .where('period_id', '=', period.id)
          .executeTakeFirst();
        if (taken) throw clash(auth, 'target_taken');
        const row = await tx
          .insertInto('indicator_targets')
          .values({
            county_id: countyId,
            indicator_id: ind.id,
            unit_level: unit.level as 'school',
            unit_id: unit.id,
            period_id: period.id,
            kind: b.kind,
            value: b.kind === 'change' ? null : (b.value as number),
            delta: b.kind === 'change' ? (b.delta as number) : null,
            change_mode: b.kind === 'change' ? (b.changeMode ?? 'points') : null,
            among: b.kind === 'rank' ? (b.among ?? null) : null,
            baseline,
            split_from_id: null,
            citation: b.citation ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), { action: 'create', entity: 'indicator_target', entityId: row.id, after: b });
        return { id: row.id };
      });
    },
  );

  app.delete(
    '/targets/:id',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id } },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params as { id: number };
      const t = await loadTarget(app.db, auth.user.countyId, id);
      if (!t) throw notFound();
      await app.db.transaction().execute(async (tx) => {
        const used = await tx
          .selectFrom('plan_goals')
          .select('id')
          .where('county_id', '=', auth.user.countyId)
          .where('target_id', '=', id)
          .executeTakeFirst();
        if (used)
          await tx
            .deleteFrom('plan_goals')
            .where('county_id', '=', auth.user.countyId)
            .where('target_id', '=', id)
            .execute();
        await tx
          .deleteFrom('indicator_targets')
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'delete',
          entity: 'indicator_target',
          entityId: id,
          before: describe(t),
        });
      });
      return { ok: true };
    },
  );

  /**
   * Splits a county or 学区 target into one target per school of the unit (the children replace any earlier split):
   * equal (every school the same absolute/rank value), sameChange (every school the same change from its own
   * baseline; the school baselines are sent, or taken from the source in the previous period), proportional (a count
   * shared by students enrolled, largest remainder). A target that was itself split from another cannot be split.
   */
  const SplitBody = Type.Object({
    method: Type.Union([Type.Literal('equal'), Type.Literal('sameChange'), Type.Literal('proportional')]),
    baselines: Type.Optional(Type.Record(Type.String({ pattern: '^\\d+$' }), Type.Number())),
  });
  app.post(
    '/targets/:id/split',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id, body: SplitBody } },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const { id } = req.params as { id: number };
      const b = req.body as Static<typeof SplitBody>;
      const parent = await loadTarget(app.db, countyId, id);
      if (!parent) throw notFound();
      if (parent.split_from_id !== null) throw invalid(auth, 'split_circular');
      if (parent.unit_level === 'school') throw invalid(auth, 'split_not_county');
      const ind = (await loadIndicator(app.db, countyId, parent.indicator_id))!;
      const period = (await loadPeriod(app.db, countyId, parent.period_id))!;
      const unit = { level: parent.unit_level, id: parent.unit_id } as const;
      const schools = await app.db
        .selectFrom('schools as s')
        .select(['s.id', 's.name'])
        .where('s.county_id', '=', countyId)
        .where('s.archived_at', 'is', null)
        .where(schoolInUnit('s.id', countyId, unit))
        .orderBy('s.code')
        .execute();
      if (schools.length === 0) throw invalid(auth, 'split_no_schools');
      type Child = {
        schoolId: number;
        kind: TargetRow['kind'];
        value: number | null;
        delta: number | null;
        baseline: number | null;
      };
      let children: Child[];
      if (b.method === 'equal') {
        if (parent.kind === 'change')
          throw invalid(auth, 'target_invalid', { detail: 'equal split needs an absolute or rank target' });
        children = splitEqual(
          parent.value as number,
          schools.map((s) => ({ orgUnit: String(s.id) })),
        ).map((c) => ({
          schoolId: Number(c.orgUnit),
          kind: parent.kind,
          value: c.value,
          delta: null,
          baseline: null,
        }));
      } else if (b.method === 'sameChange') {
        if (parent.kind !== 'change')
          throw invalid(auth, 'target_invalid', { detail: 'sameChange split needs a change target' });
        const prev = await app.db
          .selectFrom('indicator_periods')
          .selectAll()
          .where('county_id', '=', countyId)
          .where('kind', '=', period.kind as 'year')
          .where('end_date', '<', period.start_date)
          .orderBy('end_date', 'desc')
          .executeTakeFirst();
        const shares = [];
        for (const s of schools) {
          let baseline = b.baselines?.[String(s.id)] ?? null;
          if (baseline === null && prev)
            baseline = (await indicatorValue(app.db, countyId, ind, { level: 'school', id: s.id }, prev)).value;
          shares.push({ orgUnit: String(s.id), baseline });
        }
        const missing = shares
          .filter((s) => s.baseline === null)
          .map((s) => schools.find((x) => String(x.id) === s.orgUnit)?.name);
        if (missing.length > 0) throw invalid(auth, 'target_needs_baseline', { schools: missing.join('、') });
        splitSameChange(parent.delta as number, shares, parent.change_mode ?? 'points');
        children = shares.map((s) => ({
          schoolId: Number(s.orgUnit),
          kind: 'change',
          value: null,
          delta: parent.delta,
          baseline: s.baseline,
        }));
      } else {
        if (parent.kind !== 'count')
          throw invalid(auth, 'target_invalid', { detail: 'proportional split needs a count target' });
        const sizes = [];
        for (const s of schools)
          sizes.push({
            orgUnit: String(s.id),
            size:
              (
                await studentCount.compute(app.db, {
                  countyId,
                  unit: { level: 'school', id: s.id },
                  period: { from: period.start_date, to: period.end_date },
                  params: {},
                })
              ).value ?? 0,
          });
        let parts: { orgUnit: string; value: number | null }[];
        try {
          parts = splitProportional(parent.value as number, sizes);
        } catch (e) {
          throw invalid(auth, 'target_invalid', { detail: (e as Error).message });
        }
        children = parts.map((c) => ({
          schoolId: Number(c.orgUnit),
          kind: 'count',
          value: c.value,
          delta: null,
          baseline: null,
        }));
      }
      await app.db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('indicator_targets')
          .where('county_id', '=', countyId)
          .where('split_from_id', '=', parent.id)
          .execute();
        const clashing = await tx
          .selectFrom('indicator_targets')
          .select('unit_id')
          .where('county_id', '=', countyId)
          .where('indicator_id', '=', parent.indicator_id)
          .where('period_id', '=', parent.period_id)
          .where('unit_level', '=', 'school')
          .where(
            'unit_id',
            'in',
            children.map((c) => c.schoolId),
          )
          .execute();
        if (clashing.length > 0) throw clash(auth, 'target_taken');
        await tx
          .insertInto('indicator_targets')
          .values(
            children.map((c) => ({
              county_id: countyId,
              indicator_id: parent.indicator_id,
              unit_level: 'school' as const,
              unit_id: c.schoolId,
              period_id: parent.period_id,
              kind: c.kind,
              value: c.value,
              delta: c.delta,
              change_mode: c.kind === 'change' ? (parent.change_mode ?? 'points') : null,
              among: parent.among,
              baseline: c.baseline,
              split_from_id: parent.id,
              citation: parent.citation,
            })),
          )
          .execute();
        await audit(tx, actorOf(req), {
          action: 'create',
          entity: 'indicator_target_split',
          entityId: parent.id,
          after: { method: b.method, schools: children.length },
        });
      });
      return { created: children.length };
    },
  );

  /** Attainment of one target: value, target, gap, RAG, the trend over periods, and the schools that miss theirs. */
  app.get(
    '/targets/:id/attainment',
    {
      config: { policy: indicatorsPolicy.read },
      schema: { tags, params: Id, querystring: Type.Object({ refresh: Type.Optional(Type.Boolean()) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const { id } = req.params as { id: number };
      const t = await loadTarget(app.db, countyId, id);
      if (!t) throw notFound();
      const unit = await unitFor(app, auth, unitText({ level: t.unit_level, id: t.unit_id }));
      const ind = (await loadIndicator(app.db, countyId, t.indicator_id))!;
      const period = (await loadPeriod(app.db, countyId, t.period_id))!;
      const v = await indicatorValue(app.db, countyId, ind, unit, period, {
        refresh: (req.query as { refresh?: boolean }).refresh,
      });
      const a = attainmentOf(t, ind, period, v.value);
      const schools = await childAttainments(app.db, countyId, t, ind, period);
      const split = schoolsMissing(
        schools.map((s) => ({
          orgUnit: String(s.schoolId),
          attainment: { ...a, value: s.value, target: s.target, gap: s.gap, status: s.status },
        })),
      );
      const byId = new Map(schools.map((s) => [String(s.schoolId), s]));
      return {
        targetRow: describe(t),
        rule: ruleOf(t),
        indicator: {
          id: ind.id,
          code: ind.code,
          name: ind.name,
          unit: ind.unit,
          direction: ind.direction,
          definition: ind.definition,
        },
        period: { id: period.id, name: period.name, startDate: period.start_date, endDate: period.end_date },
        ...a,
        contractStatus: contractStatus(a.status),
        source: {
          key: ind.source_key,
          available: v.available,
          module: v.module,
          ref: v.ref,
          computedAt: v.computedAt,
          n: v.n,
        },
        trend: await trendOf(app.db, countyId, ind, unit, period),
        schools,
        schoolsMissing: split.missing.map((m) => byId.get(m.orgUnit)),
        schoolsNoData: split.noData.map((m) => byId.get(m.orgUnit)),
      };
    },
  );

  // --- Values entered by hand, with evidence, approved by the bureau. ---
  const ManualBody = Type.Object({
    indicatorId: Type.Integer({ minimum: 1 }),
    unit: Type.String({ maxLength: 40 }),
    periodId: Type.Integer({ minimum: 1 }),
    value: Type.Number(),
    evidenceNote: Type.String({ maxLength: 500 }),
    evidenceFile: Type.Optional(
      Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }), name: Type.String({ maxLength: 200 }) }),
    ),
  });
  app.post(
    '/manual-values',
    { config: { policy: indicatorsPolicy.someSchool }, schema: { tags, body: ManualBody } },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const b = req.body as Static<typeof ManualBody>;
      const ind = await loadIndicator(app.db, countyId, b.indicatorId);
      if (!ind) throw invalid(auth, 'indicator_unknown', { code: b.indicatorId });
      if (ind.source_key !== 'indicators.manual') throw invalid(auth, 'manual_not_manual', { source: ind.source_key });
      if (b.evidenceNote.trim().length < 2) throw invalid(auth, 'manual_needs_evidence');
      const unit = await unitFor(app, auth, b.unit);
      if (unit.level === 'school' ? !indicatorsPolicy.forSchool(auth, unit.id) : !indicatorsPolicy.bureau(auth))
        throw forbidden();
      const period = await loadPeriod(app.db, countyId, b.periodId);
      if (!period) throw invalid(auth, 'period_unknown');
      return app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('indicator_manual_values')
          .values({
            county_id: countyId,
            indicator_id: ind.id,
            unit_level: unit.level,
            unit_id: unit.id,
            period_id: period.id,
            value: b.value,
            evidence_note: b.evidenceNote.trim(),
            evidence_file: b.evidenceFile?.hash ?? null,
            evidence_file_name: b.evidenceFile?.name ?? null,
            entered_by: auth.user.id,
            reviewed_by: null,
            review_comment: null,
            reviewed_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), {
          action: 'create',
          entity: 'indicator_manual_value',
          entityId: row.id,
          after: b,
        });
        return { id: row.id, status: 'pending' };
      });
    },
  );

  app.get(
    '/manual-values',
    {
      config: { policy: indicatorsPolicy.someSchool },
      schema: { tags, querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) }) },
    },
    async (req) => {
      const auth = authOf(req);
      let q = app.db
        .selectFrom('indicator_manual_values as m')
        .innerJoin('indicators as i', (j) =>
          j.onRef('i.county_id', '=', 'm.county_id').onRef('i.id', '=', 'm.indicator_id'),
        )
        .innerJoin('indicator_periods as p', (j) =>
          j.onRef('p.county_id', '=', 'm.county_id').onRef('p.id', '=', 'm.period_id'),
        )
        .select([
          'm.id',
          'm.value',
          'm.unit_level as unitLevel',
          'm.unit_id as unitId',
          'm.evidence_note as evidenceNote',
          'm.evidence_file as evidenceFile',
          'm.evidence_file_name as evidenceFileName',
          'm.status',
          'm.review_comment as reviewComment',
          'm.created_at as createdAt',
          'i.code',
          'i.name as indicatorName',
          'i.unit as indicatorUnit',
          'p.name as periodName',
        ])
        .where('m.county_id', '=', auth.user.countyId);
      const status = (req.query as { status?: string }).status;
      if (status) q = q.where('m.status', '=', status as 'pending');
      if (!indicatorsPolicy.bureau(auth)) q = q.where('m.entered_by', '=', auth.user.id);
      return { items: await q.orderBy('m.id', 'desc').limit(200).execute() };
    },
  );

  const Review = Type.Object({
    decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  });
  app.post(
    '/manual-values/:id/review',
    { config: { policy: indicatorsPolicy.bureau }, schema: { tags, params: Id, body: Review } },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const { id } = req.params as { id: number };
      const b = req.body as Static<typeof Review>;
      await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('indicator_manual_values')
          .selectAll()
          .where('county_id', '=', countyId)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound();
        if (row.status !== 'pending') throw clash(auth, 'already_reviewed');
        await tx
          .updateTable('indicator_manual_values')
          .set({
            status: b.decision === 'approve' ? 'approved' : 'returned',
            reviewed_by: auth.user.id,
            reviewed_at: new Date(),
            review_comment: b.comment ?? null,
          })
          .where('county_id', '=', countyId)
          .where('id', '=', id)
          .execute();
        await dropCachedValues(tx, countyId, row.indicator_id);
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'indicator_manual_value',
          entityId: id,
          before: { status: row.status },
          after: { status: b.decision, comment: b.comment },
        });
      });
      return { ok: true };
    },
  );

  // --- Evidence and attachments (FileStore, content-addressed). ---
  app.post('/files', { config: { policy: indicatorsPolicy.someSchool }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const part = await req.file();
    if (!part) throw invalid(auth, 'file_missing');
    const content = await part.toBuffer();
    if (content.length === 0) throw invalid(auth, 'file_missing');
    const hash = await app.files.put(content);
    return { hash, name: part.filename };
  });

  app.get(
    '/files/:hash',
    {
      config: { policy: indicatorsPolicy.read },
      schema: {
        tags,
        params: Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        querystring: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const { hash } = req.params as { hash: string };
      let body: Buffer;
      try {
        body = await app.files.get(hash);
      } catch {
        throw notFound();
      }
      return sendFile(reply, body, (req.query as { name?: string }).name ?? hash, 'application/octet-stream');
    },
  );
}
