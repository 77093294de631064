import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ITEM_INFO } from '../../../common/health/ranges.js';
import { ITEM_KEYS } from '../../../common/health/standard.js';
import { GENDERS, GRADE_LEVELS } from '../../../common/org/enums.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { paginate } from '../../platform/list.js';
import { writeTable } from '../../platform/tabular/write.js';
import {
  currentSchoolYearId,
  fitnessCounts,
  fitnessResultsQuery,
  itemWeakPoints,
  withRates,
} from './fitness-queries.js';
import { healthPolicy } from './policy.js';
import { checkUnit, type ReportUnit, subunitOf } from './units.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const N = Type.Union([Type.Number(), Type.Null()]);
const Filters = {
  schoolYearId: Type.Optional(Type.Integer({ minimum: 1 })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  gradeLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
};
const Rates = {
  students: Type.Integer(),
  exempt: Type.Integer(),
  unscored: Type.Integer(),
  excellent: Type.Integer(),
  good: Type.Integer(),
  pass: Type.Integer(),
  fail: Type.Integer(),
  bmiMeasured: Type.Integer(),
  underweight: Type.Integer(),
  overweight: Type.Integer(),
  obese: Type.Integer(),
  scored: Type.Integer(),
  passRate: N,
  goodRate: N,
  excellentRate: N,
  failRate: N,
  overweightRate: N,
  obesityRate: N,
  underweightRate: N,
};

/** Columns of the 补测 (retest) list export: who, where, the total, and the items scored below 60. */
const RETEST_COLUMNS: ColumnSpec[] = [
  { key: 'studentNo', header: '学籍号', headerEn: 'Student number', type: 'text' },
  { key: 'name', header: '姓名', headerEn: 'Name', type: 'text' },
  { key: 'school', header: '学校', headerEn: 'School', type: 'text' },
  { key: 'className', header: '班级', headerEn: 'Class', type: 'text' },
  { key: 'gradeLevel', header: '年级', headerEn: 'Grade', type: 'enum', options: GRADE_LEVELS },
  { key: 'sex', header: '性别', headerEn: 'Gender', type: 'enum', options: GENDERS },
  { key: 'total', header: '学年总分', headerEn: 'Total', type: 'number' },
  { key: 'weakItems', header: '不及格项目', headerEn: 'Items below 60', type: 'text' },
];

/** Items scored below 60, as 项目(分) — what the student retests. */
function weakItems(scores: Record<string, { score: number | null }>): string {
  return ITEM_KEYS.filter((k) => scores[k]?.score != null && (scores[k].score as number) < 60)
    .map((k) => `${ITEM_INFO[k].cn}(${scores[k].score})`)
    .join('、');
}

/**
 * Fitness results: the list in the caller's scope (with ?retest=true the 补测 list: 等级 不及格), its Excel export
 * (audited), and the report of a county, school or class (rates by grade and sex, by school or class, item weak
 * points, BMI shares, trend across years).
 */
export function fitnessRoutes(app: FastifyInstance) {
  const tags = ['health'];
  app.get(
    '/fitness/results',
    {
      config: { policy: healthPolicy.read },
      schema: {
        tags,
        querystring: Type.Object({
          ...Filters,
          retest: Type.Optional(Type.Boolean()),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          sort: Type.Optional(Type.String({ maxLength: 40 })),
          order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
        }),
      },
    },
    async (req) => {
      const auth = authOf(req);
      const query = req.query as Record<string, unknown> & { page?: number; pageSize?: number; sort?: string };
      const page = await paginate(
        fitnessResultsQuery(app.db, auth, query),
        query,
        { class: ['r.school_id', 'r.class_id', 's.student_no'], total: 'r.total', studentNo: 's.student_no' },
        'class',
        'r.id',
      );
      return {
        total: page.total,
        items: page.items.map((r) => ({ ...r, weakItems: weakItems(r.scores) })),
      };
    },
  );

  app.get(
    '/fitness/retests/export',
    {
      config: { policy: healthPolicy.read },
      schema: { tags, querystring: Type.Object(Filters) },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const filters = { ...(req.query as Record<string, unknown>), retest: true };
      const rows = await fitnessResultsQuery(app.db, auth, filters)
        .orderBy('r.school_id')
        .orderBy('r.class_id')
        .orderBy('s.student_no')
        .execute();
      const body = await writeTable(
        RETEST_COLUMNS,
        rows.map((r) => ({
          studentNo: r.studentNo,
          name: r.studentName,
          school: r.schoolName,
          className: r.className,
          gradeLevel: r.gradeLevel,
          sex: r.sex,
          total: r.total,
          weakItems: weakItems(r.scores),
        })),
        { format: 'xlsx', sheetName: '补测名单' },
      );
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: 'health_fitness_retests',
        after: { filters, rows: rows.length },
        summary: `导出体质健康补测名单 ${rows.length} 人`,
      });
      return sendFile(reply, body, '体质健康补测名单.xlsx', XLSX);
    },
  );

  app.get(
    '/fitness/report',
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
          schoolYearId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: {
          200: Type.Object({
            schoolYearId: N,
            overall: Type.Object(Rates),
            byGradeSex: Type.Array(Type.Object({ gradeLevel: Type.Integer(), sex: Type.String(), ...Rates })),
            bySubunit: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), ...Rates })),
            items: Type.Array(
              Type.Object({
                gradeLevel: Type.Integer(),
                item: Type.String(),
                scored: Type.Integer(),
                meanScore: N,
                failRate: N,
              }),
            ),
            trend: Type.Array(Type.Object({ schoolYearId: Type.Integer(), name: Type.String(), ...Rates })),
          }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as { level: ReportUnit['level']; unitId: number; schoolYearId?: number };
      const unit: ReportUnit = { level: q.level, id: q.unitId };
      await checkUnit(app.db, auth, unit);
      const countyId = auth.user.countyId;
      const yearId = q.schoolYearId ?? (await currentSchoolYearId(app.db, countyId));
      if (yearId === null) throw validationFailed('尚未设置当前学年');
      const subunit = subunitOf(unit.level);
      const sub =
        subunit === 'school'
          ? { column: 'r.school_id', table: 'schools' as const }
          : subunit === 'class'
            ? { column: 'r.class_id', table: 'classes' as const }
            : null;
      const [overall, byGradeSex, bySub, items, trend] = await Promise.all([
        fitnessCounts(app.db, countyId, unit, yearId, []),
        fitnessCounts<{ gradeLevel: number; sex: string }>(app.db, countyId, unit, yearId, [
          { column: 'r.grade_level', as: 'gradeLevel' },
          { column: 'r.sex', as: 'sex' },
        ]),
        sub ? fitnessCounts<{ id: number }>(app.db, countyId, unit, yearId, [{ column: sub.column, as: 'id' }]) : [],
        itemWeakPoints(app.db, countyId, unit, yearId),
        fitnessCounts<{ schoolYearId: number }>(app.db, countyId, unit, null, [
          { column: 'r.school_year_id', as: 'schoolYearId' },
        ]),
      ]);
      const subNames = new Map<number, string>();
      if (sub && bySub.length > 0) {
        const rows = await app.db
          .selectFrom(sub.table)
          .select(['id', 'name'])
          .where('county_id', '=', countyId)
          .where(
            'id',
            'in',
            bySub.map((r) => r.id),
          )
          .execute();
        for (const r of rows) subNames.set(r.id, r.name);
      }
      const years = await app.db
        .selectFrom('school_years')
        .select(['id', 'name', 'start_date'])
        .where('county_id', '=', countyId)
        .orderBy('start_date')
        .execute();
      const yearName = new Map(years.map((y) => [y.id, y.name]));
      const yearOrder = new Map(years.map((y, i) => [y.id, i]));
      return {
        schoolYearId: yearId,
        overall: withRates(overall[0]),
        byGradeSex: byGradeSex.map(withRates),
        bySubunit: bySub.map((r) => ({ ...withRates(r), name: subNames.get(r.id) ?? String(r.id) })),
        items: items.map((i) => ({
          gradeLevel: i.gradeLevel,
          item: i.item,
          scored: i.scored,
          meanScore: i.meanScore,
          failRate: i.failRate,
        })),
        trend: trend
          .map((r) => ({ ...withRates(r), name: yearName.get(r.schoolYearId) ?? '' }))
          .sort((a, b) => (yearOrder.get(a.schoolYearId) ?? 0) - (yearOrder.get(b.schoolYearId) ?? 0)),
      };
    },
  );
}
