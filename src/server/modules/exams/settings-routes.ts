import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CompositeTerm } from '../../../common/exams/index.js';
import { audit } from '../../platform/audit.js';
import { actorOf, authOf } from '../../platform/http.js';
import { examsPolicy } from './access.js';
import {
  type ExamPrivacy,
  type ExamThresholds,
  ExamThresholdsSchema,
  examSetting,
  setExamSetting,
} from './thresholds.js';

const Privacy = Type.Object({
  minGroup: Type.Integer({ minimum: 1, maximum: 100 }),
  ranks: Type.Object({
    bureau: Type.Object({ compulsory: Type.Boolean(), senior: Type.Boolean() }),
    school: Type.Object({ compulsory: Type.Boolean(), senior: Type.Boolean() }),
    teacher: Type.Object({ compulsory: Type.Boolean(), senior: Type.Boolean() }),
  }),
});
const Composite = Type.Array(
  Type.Object({
    metric: Type.Union(['scoreRate', 'excellentRate', 'goodRate', 'passRate', 'lowRate'].map((m) => Type.Literal(m))),
    weight: Type.Number({ minimum: 0, maximum: 1 }),
    transform: Type.Optional(Type.Union([Type.Literal('identity'), Type.Literal('complement')])),
  }),
  { minItems: 1, maxItems: 6 },
);
const Settings = Type.Object({ thresholds: ExamThresholdsSchema, composite: Composite, privacy: Privacy });

/** The county's exam settings: threshold defaults for new exams, 综合得分 weights, privacy (ranks, small groups). */
export function settingsRoutes(app: FastifyInstance) {
  app.get(
    '/settings',
    { config: { policy: examsPolicy.read }, schema: { tags: ['exams'], response: { 200: Settings } } },
    async (req) => {
      const countyId = authOf(req).user.countyId;
      return {
        thresholds: await examSetting(app.db, countyId, 'exams.thresholds'),
        composite: await examSetting(app.db, countyId, 'exams.compositeWeights'),
        privacy: await examSetting(app.db, countyId, 'exams.privacy'),
      };
    },
  );
  app.put(
    '/settings',
    {
      config: { policy: examsPolicy.manageCounty },
      schema: { tags: ['exams'], body: Settings, response: { 200: Settings } },
    },
    async (req) => {
      const countyId = authOf(req).user.countyId;
      const body = req.body as { thresholds: ExamThresholds; composite: CompositeTerm[]; privacy: ExamPrivacy };
      await app.db.transaction().execute(async (tx) => {
        const before = {
          thresholds: await examSetting(tx, countyId, 'exams.thresholds'),
          composite: await examSetting(tx, countyId, 'exams.compositeWeights'),
          privacy: await examSetting(tx, countyId, 'exams.privacy'),
        };
        await setExamSetting(tx, countyId, 'exams.thresholds', body.thresholds);
        await setExamSetting(tx, countyId, 'exams.compositeWeights', body.composite);
        await setExamSetting(tx, countyId, 'exams.privacy', body.privacy);
        await audit(tx, actorOf(req), { action: 'update', entity: 'exam_settings', before, after: body });
      });
      return body;
    },
  );
}
