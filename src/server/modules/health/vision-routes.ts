import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authOf } from '../../platform/http.js';
import { paginate } from '../../platform/list.js';
import { healthPolicy } from './policy.js';
import { checkUnit, type ReportUnit, subunitOf } from './units.js';
import { currentTermId, myopiaCounts, sameTermLastYear, visionListQuery, withChange } from './vision-queries.js';

const N = Type.Union([Type.Number(), Type.Null()]);
const Row = Type.Object({
  key: Type.Integer(),
  screened: Type.Integer(),
  myopic: Type.Integer(),
  rate: N,
  lastYearRate: N,
  change: N,
});

/**
 * Vision screenings: the list in the caller's scope (?refer=true: students to refer), and the myopia report of a
 * county, school or class for a term (by grade, by school or class, with last year's rate and the change).
 */
export function visionRoutes(app: FastifyInstance) {
  const tags = ['health'];
  app.get(
    '/vision/screenings',
    {
      config: { policy: healthPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          termId: Type.Optional(Type.Integer({ minimum: 1 })),
          schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
          classId: Type.Optional(Type.Integer({ minimum: 1 })),
          refer: Type.Optional(Type.Boolean()),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Record<string, unknown> & { page?: number; pageSize?: number };
      return paginate(
        visionListQuery(app.db, auth, q),
        q,
        { class: ['v.school_id', 'v.class_id', 's.student_no'] },
        'class',
        'v.id',
      );
    },
  );

  app.get(
    '/vision/report',
    {
      config: { policy: healthPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          level: Type.Union([
            Type.Literal('county'),
            Type.Literal('region'),
            Type.Literal('school'),
            Type.Literal('class'),
          ]),
          unitId: Type.Integer({ minimum: 1 }),
          termId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: {
          200: Type.Object({
            termId: N,
            lastYearTermId: N,
            overall: Row,
            byGrade: Type.Array(Row),
            bySubunit: Type.Array(Type.Object({ ...Row.properties, name: Type.String() })),
          }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as { level: ReportUnit['level']; unitId: number; termId?: number };
      const unit: ReportUnit = { level: q.level, id: q.unitId };
      await checkUnit(app.db, auth, unit);
      const countyId = auth.user.countyId;
      const termId = q.termId ?? (await currentTermId(app.db, countyId));
      const empty = { key: 0, screened: 0, myopic: 0, rate: null, lastYearRate: null, change: null };
      if (termId === null) return { termId: null, lastYearTermId: null, overall: empty, byGrade: [], bySubunit: [] };
      const lastTerm = await sameTermLastYear(app.db, countyId, termId);
      const sub = subunitOf(unit.level);
      const both = async (group: 'none' | 'grade' | 'school' | 'class') =>
        withChange(
          await myopiaCounts(app.db, countyId, unit, termId, group),
          lastTerm === null ? [] : await myopiaCounts(app.db, countyId, unit, lastTerm, group),
        );
      const [overall, byGrade, bySub] = await Promise.all([both('none'), both('grade'), sub ? both(sub) : []]);
      const names = new Map<number, string>();
      if (sub && bySub.length > 0) {
        const rows = await app.db
          .selectFrom(sub === 'school' ? 'schools' : 'classes')
          .select(['id', 'name'])
          .where('county_id', '=', countyId)
          .where(
            'id',
            'in',
            bySub.map((r) => r.key),
          )
          .execute();
        for (const r of rows) names.set(r.id, r.name);
      }
      return {
        termId,
        lastYearTermId: lastTerm,
        overall: overall[0] ?? empty,
        byGrade,
        bySubunit: bySub.map((r) => ({ ...r, name: names.get(r.key) ?? String(r.key) })),
      };
    },
  );
}
