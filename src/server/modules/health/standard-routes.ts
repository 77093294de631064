import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { GradeCode, Sex } from '../../../common/health/standard.js';
import { actorOf, authOf } from '../../platform/http.js';
import { healthPolicy } from './policy.js';
import { countyOverrides, countyStandard, STANDARD_VERSION, setStandardCell } from './standard-store.js';

const GRADE_CODES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'J1', 'J2', 'J3', 'S1', 'S2', 'S3', 'U12', 'U34'];
const GradeCodeT = Type.Union(GRADE_CODES.map((c) => Type.Literal(c)));
const SexT = Type.Union([Type.Literal('M'), Type.Literal('F')]);

const Cell = Type.Object({
  score: Type.Integer(),
  threshold: Type.Union([Type.Number(), Type.Null()]),
  status: Type.String(),
  otherValues: Type.Optional(Type.String()),
});

/**
 * The fitness standard as the county scores with it: GET one grade and sex's tables with every cell's verification
 * status (`county` for a cell the county set); POST one cell (教育局管理员 of the county; audited; refused when the
 * table would not be monotonic; re-scores stored results); GET the county's changes.
 */
export function standardRoutes(app: FastifyInstance) {
  const tags = ['health'];
  app.get(
    '/standard',
    {
      config: { policy: healthPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({ gradeCode: GradeCodeT, sex: SexT }),
        response: {
          200: Type.Object({
            version: Type.String(),
            grades: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
            tables: Type.Array(
              Type.Object({
                item: Type.String(),
                itemCn: Type.String(),
                unit: Type.String(),
                direction: Type.String(),
                cells: Type.Array(Cell),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { gradeCode, sex } = req.query as { gradeCode: GradeCode; sex: Sex };
      const std = await countyStandard(app.db, auth.user.countyId);
      const tables = Object.entries(std.grades[gradeCode][sex]).map(([item, t]) => ({
        item,
        itemCn: t.itemCn,
        unit: t.unit,
        direction: t.direction,
        cells: t.cells,
      }));
      return {
        version: STANDARD_VERSION,
        grades: GRADE_CODES.map((code) => ({ code, name: std.grades[code as GradeCode].grade })),
        tables,
      };
    },
  );

  app.post(
    '/standard/cells',
    {
      config: { policy: healthPolicy.editStandard },
      schema: {
        tags,
        body: Type.Object({
          gradeCode: GradeCodeT,
          sex: SexT,
          item: Type.String({ maxLength: 40 }),
          score: Type.Integer({ minimum: 0, maximum: 100 }),
          threshold: Type.Union([Type.Number(), Type.Null()]),
          reason: Type.String({ minLength: 2, maxLength: 200 }),
        }),
        response: { 200: Type.Object({ rescored: Type.Integer() }) },
      },
    },
    async (req) => {
      const body = req.body as {
        gradeCode: string;
        sex: string;
        item: string;
        score: number;
        threshold: number | null;
        reason: string;
      };
      return setStandardCell(app.db, actorOf(req), body);
    },
  );

  app.get(
    '/standard/changes',
    {
      config: { policy: healthPolicy.read },
      schema: {
        tags,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                gradeCode: Type.String(),
                sex: Type.String(),
                item: Type.String(),
                score: Type.Integer(),
                threshold: Type.Union([Type.Number(), Type.Null()]),
                reason: Type.String(),
                updatedAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const rows = await countyOverrides(app.db, authOf(req).user.countyId);
      return {
        items: rows.map((r) => ({
          gradeCode: r.grade_code,
          sex: r.sex,
          item: r.item,
          score: r.score,
          threshold: r.threshold,
          reason: r.reason,
          updatedAt: new Date(r.updated_at).toISOString(),
        })),
      };
    },
  );
}
