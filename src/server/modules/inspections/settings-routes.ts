import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../../platform/audit.js';
import { isCountyAdmin } from '../../platform/auth/roles.js';
import { actorOf, authOf } from '../../platform/http.js';
import { isBureau } from './access.js';
import { invalid } from './messages.js';
import { rulesOf } from './settings.js';

const Days = Type.Integer({ minimum: 1, maximum: 365 });
/** The editable rules (settings.ts documents each); every field optional, merged over what is stored. */
const RulesPatch = Type.Object(
  {
    rectification: Type.Optional(
      Type.Object({
        deadlineDays: Days,
        deadlineDaysBySeverity: Type.Optional(Type.Record(Type.String(), Days)),
        objectionDays: Days,
        recheckDays: Days,
        onRejected: Type.Union([
          Type.Object({ kind: Type.Literal('keep') }),
          Type.Object({ kind: Type.Literal('reset'), days: Days }),
        ]),
        reopenDays: Days,
        evidenceRequired: Type.Boolean(),
        requirePublicSatisfaction: Type.Boolean(),
      }),
    ),
    resultObjectionDays: Type.Optional(Days),
    lowRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    spread: Type.Optional(
      Type.Union([
        Type.Object({ kind: Type.Literal('points'), value: Type.Number({ minimum: 0 }) }),
        Type.Object({ kind: Type.Literal('fraction'), value: Type.Number({ minimum: 0, maximum: 1 }) }),
      ]),
    ),
    escalation: Type.Optional(
      Type.Object({
        remindDaysBefore: Type.Integer({ minimum: 0, maximum: 60 }),
        schoolHeadAfterDays: Type.Integer({ minimum: 1, maximum: 365 }),
        bureauAfterDays: Type.Integer({ minimum: 1, maximum: 365 }),
      }),
    ),
    maxUploadBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 })),
    severities: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 10 })),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 30 })),
    risk: Type.Optional(
      Type.Object({
        overdue: Type.Number({ minimum: 0 }),
        recurring: Type.Number({ minimum: 0 }),
        lowScore: Type.Number({ minimum: 0 }),
        monthsSinceVisit: Type.Number({ minimum: 0 }),
        maxMonths: Type.Integer({ minimum: 1, maximum: 120 }),
      }),
    ),
  },
  { additionalProperties: false },
);

/** The county's inspection rules: read by the bureau side, changed by the county's 教育局管理员 (audited). */
export function settingsRoutes(app: FastifyInstance) {
  const tags = ['inspections'];
  app.get('/settings', { config: { policy: isBureau }, schema: { tags } }, async (req) => ({
    rules: await rulesOf(app.db, authOf(req).user.countyId),
  }));
  app.put('/settings', { config: { policy: isCountyAdmin }, schema: { tags, body: RulesPatch } }, async (req) => {
    const auth = authOf(req);
    const before = await rulesOf(app.db, auth.user.countyId);
    const rules = { ...before, ...(req.body as object) };
    if (rules.escalation.bureauAfterDays < rules.escalation.schoolHeadAfterDays) {
      throw invalid(auth, 'problem_transition', { detail: '上报督导室的逾期天数不能少于督办校长的天数' });
    }
    const unknown = Object.keys(rules.rectification.deadlineDaysBySeverity ?? {}).filter(
      (s) => !rules.severities.includes(s),
    );
    if (unknown.length > 0) {
      throw invalid(auth, 'problem_transition', {
        detail: `整改期限中的严重程度“${unknown.join('、')}”不在严重程度列表中`,
      });
    }
    await app.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('insp_settings')
        .values({ county_id: auth.user.countyId, rules: JSON.stringify(rules) })
        .onConflict((oc) =>
          oc.column('county_id').doUpdateSet({ rules: JSON.stringify(rules), updated_at: new Date() }),
        )
        .execute();
      await audit(trx, actorOf(req), {
        action: 'update',
        entity: 'insp_settings',
        entityId: auth.user.countyId,
        before,
        after: rules,
      });
    });
    return { rules };
  });
}
