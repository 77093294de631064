import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { ensureCountyDefaults } from './defaults.js';
import { clash, invalid } from './messages.js';
import { activitiesPolicy } from './policy.js';
import { IdParams, Nullable, TAGS } from './shared.js';

/**
 * The county's rubric templates (read) and quota rules (read by all, edited by the bureau). Rules are never
 * deleted: `active: false` switches one off (the seeded code then stays, so the seed does not come back).
 */

const Rubric = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  levels: Type.Integer(),
  levelLabels: Type.Array(Type.String()),
  criteria: Type.Array(Type.Object({ id: Type.String(), zh: Type.String(), hint: Type.Optional(Type.String()) })),
});

const Activity = Type.Union(
  ['observation', 'open_lesson', 'collective_prep', 'training', 'home_visit'].map((v) => Type.Literal(v)),
);
const Scope = Type.Union(['person', 'group', 'school'].map((v) => Type.Literal(v)));
const Measure = Type.Union(['count', 'hours', 'distinct_families', 'family_coverage'].map((v) => Type.Literal(v)));
const PeriodKind = Type.Union(
  ['week', 'term', 'school_year', 'calendar_year', 'rolling_5y'].map((v) => Type.Literal(v)),
);
const TextList = Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 }));

const RuleFields = {
  label: Type.String({ minLength: 1, maxLength: 100 }),
  activity: Activity,
  subkinds: TextList,
  levels: TextList,
  subjectScope: Scope,
  subjectRole: Nullable(Type.String({ maxLength: 20 })),
  groupKind: Nullable(Type.String({ maxLength: 20 })),
  schoolTypes: TextList,
  tiers: TextList,
  measure: Measure,
  period: PeriodKind,
  targetKind: Type.Union([Type.Literal('fixed'), Type.Literal('per_head')]),
  targetValue: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  targetRole: Nullable(Type.String({ maxLength: 20 })),
  active: Type.Boolean(),
};
const Rule = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  ...RuleFields,
  citation: Nullable(
    Type.Object({ note: Type.String(), section: Type.String(), seedLine: Type.String(), quote: Type.String() }),
  ),
});
type RuleItem = Static<typeof Rule>;
const CreateRule = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }),
  ...RuleFields,
  subkinds: Type.Optional(TextList),
  levels: Type.Optional(TextList),
  subjectRole: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  groupKind: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  schoolTypes: Type.Optional(TextList),
  tiers: Type.Optional(TextList),
  targetRole: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  active: Type.Optional(Type.Boolean()),
});
const UpdateRule = Type.Partial(Type.Object(RuleFields));

async function listRules(db: Db, countyId: number, id?: number): Promise<RuleItem[]> {
  await ensureCountyDefaults(db, countyId);
  let q = db
    .selectFrom('activity_quota_rules')
    .select([
      'id',
      'code',
      'label',
      'activity',
      'subkinds',
      'levels',
      'subject_scope as subjectScope',
      'subject_role as subjectRole',
      'group_kind as groupKind',
      'school_types as schoolTypes',
      'tiers',
      'measure',
      'period',
      'target_kind as targetKind',
      'target_value as targetValue',
      'target_role as targetRole',
      'active',
      'citation',
    ])
    .where('county_id', '=', countyId)
    .orderBy('id');
  if (id) q = q.where('id', '=', id);
  return (await q.execute()) as RuleItem[];
}

/** The shape rules the database CHECKs too, said in words before the insert. */
function checkShape(auth: AuthContext, r: Partial<RuleItem>) {
  if (r.subjectScope === 'person' && !r.subjectRole) throw invalid(auth, 'rule_role_required');
  if (r.subjectScope === 'group' && !r.groupKind) throw invalid(auth, 'rule_group_required');
  if (r.targetKind === 'per_head' && (r.subjectScope !== 'school' || !r.targetRole))
    throw invalid(auth, 'rule_per_head');
}

function toRow(r: Partial<RuleItem>) {
  const row = {
    label: r.label,
    activity: r.activity,
    subkinds: r.subkinds,
    levels: r.levels,
    subject_scope: r.subjectScope,
    subject_role: r.subjectRole,
    group_kind: r.groupKind,
    school_types: r.schoolTypes,
    tiers: r.tiers,
    measure: r.measure,
    period: r.period,
    target_kind: r.targetKind,
    target_value: r.targetValue,
    target_role: r.targetRole,
    active: r.active,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

export function rulesRoutes(app: FastifyInstance) {
  app.get(
    '/rubrics',
    { config: { policy: activitiesPolicy.read }, schema: { tags: TAGS, response: { 200: Type.Array(Rubric) } } },
    async (req) => {
      const countyId = authOf(req).user.countyId;
      await ensureCountyDefaults(app.db, countyId);
      return app.db
        .selectFrom('activity_rubrics')
        .select(['id', 'code', 'name', 'levels', 'level_labels as levelLabels', 'criteria'])
        .where('county_id', '=', countyId)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
    },
  );

  app.get(
    '/quota-rules',
    { config: { policy: activitiesPolicy.read }, schema: { tags: TAGS, response: { 200: Type.Array(Rule) } } },
    async (req) => listRules(app.db, authOf(req).user.countyId),
  );

  app.get(
    '/quota-rules/:id',
    { config: { policy: activitiesPolicy.read }, schema: { tags: TAGS, params: IdParams, response: { 200: Rule } } },
    async (req) => {
      const [rule] = await listRules(app.db, authOf(req).user.countyId, (req.params as { id: number }).id);
      if (!rule) throw notFound();
      return rule;
    },
  );

  app.post(
    '/quota-rules',
    {
      config: { policy: activitiesPolicy.manageRules },
      schema: { tags: TAGS, body: CreateRule, response: { 200: Rule } },
    },
    async (req) => {
      const auth = authOf(req);
      const input = req.body as Static<typeof CreateRule>;
      checkShape(auth, input as Partial<RuleItem>);
      const countyId = auth.user.countyId;
      await ensureCountyDefaults(app.db, countyId);
      const taken = await app.db
        .selectFrom('activity_quota_rules')
        .select('id')
        .where('county_id', '=', countyId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw clash(auth, 'rule_code_taken', { code: input.code });
      const id = await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('activity_quota_rules')
          .values({
            county_id: countyId,
            code: input.code,
            label: input.label,
            activity: input.activity,
            subject_scope: input.subjectScope,
            measure: input.measure,
            period: input.period,
            target_kind: input.targetKind,
            target_value: input.targetValue,
            ...toRow(input as Partial<RuleItem>),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), {
          action: 'create',
          entity: 'activity_quota_rules',
          entityId: row.id,
          after: input,
        });
        return row.id;
      });
      return (await listRules(app.db, countyId, id))[0];
    },
  );

  app.patch(
    '/quota-rules/:id',
    {
      config: { policy: activitiesPolicy.manageRules },
      schema: { tags: TAGS, params: IdParams, body: UpdateRule, response: { 200: Rule } },
    },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const id = (req.params as { id: number }).id;
      const [before] = await listRules(app.db, countyId, id);
      if (!before) throw notFound();
      const input = req.body as Partial<RuleItem>;
      checkShape(auth, { ...before, ...input });
      const set = toRow(input);
      if (Object.keys(set).length > 0) {
        await app.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('activity_quota_rules')
            .set({ ...set, updated_at: new Date() })
            .where('county_id', '=', countyId)
            .where('id', '=', id)
            .execute();
          const [after] = await listRules(tx, countyId, id);
          await audit(tx, actorOf(req), {
            action: 'update',
            entity: 'activity_quota_rules',
            entityId: id,
            before,
            after,
          });
        });
      }
      return (await listRules(app.db, countyId, id))[0];
    },
  );
}
