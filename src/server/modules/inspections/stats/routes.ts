import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { daysBetween } from '../../../../common/calendar/dates.js';
import type { Db } from '../../../db/pool.js';
import { audit } from '../../../platform/audit.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { notFound } from '../../../platform/errors.js';
import { actorOf, authOf } from '../../../platform/http.js';
import { todayInChina } from '../../org/shared.js';
import { bureauSees, isBureau, isManager, schoolFilter } from '../access.js';
import { clash, invalid } from '../messages.js';
import { rulesOf } from '../settings.js';
import { ageing, closureBySchool, type LedgerProblem, recurring } from './ledger.js';
import { rankRisk, wholeMonths } from './risk.js';

/** The ledger's problems in the caller's scope, shaped for the pure statistics. */
async function ledgerProblems(db: Db, auth: AuthContext) {
  const rows = await db
    .selectFrom('insp_problems as p')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'p.county_id').onRef('s.id', '=', 'p.school_id'))
    .leftJoin('insp_visits as v', (j) => j.onRef('v.county_id', '=', 'p.county_id').onRef('v.id', '=', 'p.visit_id'))
    .leftJoin('insp_plans as pl', (j) => j.onRef('pl.county_id', '=', 'v.county_id').onRef('pl.id', '=', 'v.plan_id'))
    .leftJoin('insp_templates as t', (j) =>
      j.onRef('t.county_id', '=', 'pl.county_id').onRef('t.id', '=', 'pl.template_id'),
    )
    .select([
      'p.id',
      'p.school_id',
      's.name as school_name',
      'p.status',
      'p.deadline',
      'p.closed_on',
      'p.criterion_code',
      'p.criterion_title',
      't.family_id',
      sql<string>`to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('created_on'),
    ])
    .where('p.county_id', '=', auth.user.countyId)
    .where(schoolFilter(auth, 'p.school_id'))
    .execute();
  const ledger: LedgerProblem[] = rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    status: r.status,
    createdOn: r.created_on,
    closedOn: r.closed_on,
    criterionKey: r.family_id !== null && r.criterion_code !== null ? `${r.family_id}|${r.criterion_code}` : null,
  }));
  return { rows, ledger };
}

const ZoneBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  inspectorId: Type.Integer({ minimum: 1 }),
  minVisits: Type.Integer({ minimum: 1, maximum: 31 }),
  period: Type.Union([Type.Literal('month'), Type.Literal('term')]),
  schoolIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30 }),
});

/** Statistics, the risk list, responsibility zones and their compliance. */
export function statsRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  /** Closure rate and mean days to close per school, ageing of open problems, overdue and recurring problems. */
  app.get('/stats/ledger', { config: { policy: isBureau }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const today = todayInChina();
    const { rows, ledger } = await ledgerProblems(app.db, auth);
    const names = new Map(rows.map((r) => [r.school_id, r.school_name]));
    const rec = recurring(ledger);
    const overdue = rows.filter((r) => r.status === 'ordered' && r.deadline !== null && r.deadline < today);
    return {
      closure: closureBySchool(ledger).map((c) => ({ ...c, schoolName: names.get(c.schoolId) })),
      ageing: ageing(ledger, today),
      overdue: overdue.map((r) => ({
        id: r.id,
        schoolName: r.school_name,
        deadline: r.deadline,
        daysOverdue: daysBetween(r.deadline!, today),
        criterionTitle: r.criterion_title,
      })),
      recurring: rows
        .filter((r) => rec.has(r.id))
        .map((r) => ({
          id: r.id,
          schoolName: r.school_name,
          criterionCode: r.criterion_code,
          criterionTitle: r.criterion_title,
          createdOn: r.created_on,
        })),
    };
  });

  /** The school risk list (stats/risk.ts documents the score). */
  app.get('/stats/risk', { config: { policy: isBureau }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    const today = todayInChina();
    const rules = await rulesOf(app.db, auth.user.countyId);
    const schools = await app.db
      .selectFrom('schools as s')
      .select(['s.id', 's.name'])
      .where('s.county_id', '=', auth.user.countyId)
      .where('s.archived_at', 'is', null)
      .where(schoolFilter(auth, 's.id'))
      .execute();
    const { rows, ledger } = await ledgerProblems(app.db, auth);
    const rec = recurring(ledger);
    const visits = await app.db
      .selectFrom('insp_visits as v')
      .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
      .innerJoin('insp_templates as t', (j) =>
        j.onRef('t.county_id', '=', 'p.county_id').onRef('t.id', '=', 'p.template_id'),
      )
      .select(['v.school_id', 'v.status', 'v.total', 'p.starts_on', 'p.kind', 't.body'])
      .where('v.county_id', '=', auth.user.countyId)
      .where('v.status', '!=', 'planned')
      .where('p.kind', '!=', 'self')
      .where(schoolFilter(auth, 'v.school_id'))
      .orderBy('p.starts_on', 'desc')
      .execute();
    const inputs = schools.map((s) => {
      const mine = visits.filter((v) => v.school_id === s.id);
      const latest = mine.find((v) => v.status === 'published' && v.total !== null);
      return {
        schoolId: s.id,
        overdue: rows.filter((r) => r.school_id === s.id && r.status === 'ordered' && r.deadline! < today).length,
        recurring: rows.filter((r) => r.school_id === s.id && rec.has(r.id)).length,
        latestRatio: latest ? Number((latest.total! / latest.body.maxScore).toPrecision(6)) : null,
        monthsSinceVisit: mine[0] ? wholeMonths(mine[0].starts_on, today) : null,
      };
    });
    const names = new Map(schools.map((s) => [s.id, s.name]));
    return {
      weights: rules.risk,
      items: rankRisk(inputs, rules.risk).map((r) => ({ ...r, schoolName: names.get(r.schoolId) })),
    };
  });

  app.get('/zones', { config: { policy: isBureau }, schema: { tags } }, async (req) => {
    const auth = authOf(req);
    return { items: await zonesWithCompliance(app.db, auth) };
  });

  const writeZone = async (auth: AuthContext, trxDb: Db, zoneId: number, schoolIds: number[]) => {
    for (const id of schoolIds) if (!bureauSees(auth, id)) throw invalid(auth, 'school_out_of_scope', { school: id });
    const taken = await trxDb
      .selectFrom('insp_zone_schools as zs')
      .innerJoin('insp_zones as z', (j) => j.onRef('z.county_id', '=', 'zs.county_id').onRef('z.id', '=', 'zs.zone_id'))
      .select('z.name')
      .where('zs.county_id', '=', auth.user.countyId)
      .where('zs.school_id', 'in', [0, ...schoolIds])
      .where('zs.zone_id', '!=', zoneId)
      .executeTakeFirst();
    if (taken) throw clash(auth, 'zone_school_taken', { zone: taken.name });
    await trxDb
      .deleteFrom('insp_zone_schools')
      .where('county_id', '=', auth.user.countyId)
      .where('zone_id', '=', zoneId)
      .execute();
    if (schoolIds.length > 0) {
      await trxDb
        .insertInto('insp_zone_schools')
        .values(schoolIds.map((school_id) => ({ county_id: auth.user.countyId, zone_id: zoneId, school_id })))
        .execute();
    }
  };

  app.post('/zones', { config: { policy: isManager }, schema: { tags, body: ZoneBody } }, async (req) => {
    const auth = authOf(req);
    const b = req.body as {
      name: string;
      inspectorId: number;
      minVisits: number;
      period: 'month' | 'term';
      schoolIds: number[];
    };
    return app.db.transaction().execute(async (trx) => {
      const z = await trx
        .insertInto('insp_zones')
        .values({
          county_id: auth.user.countyId,
          name: b.name,
          inspector_id: b.inspectorId,
          min_visits: b.minVisits,
          period: b.period,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeZone(auth, trx, z.id, [...new Set(b.schoolIds)]);
      await audit(trx, actorOf(req), { action: 'create', entity: 'insp_zone', entityId: z.id, after: b });
      return { id: z.id };
    });
  });

  app.put(
    '/zones/:id',
    {
      config: { policy: isManager },
      schema: { tags, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: ZoneBody },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const b = req.body as {
        name: string;
        inspectorId: number;
        minVisits: number;
        period: 'month' | 'term';
        schoolIds: number[];
      };
      return app.db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('insp_zones')
          .selectAll()
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!before) throw notFound();
        await trx
          .updateTable('insp_zones')
          .set({ name: b.name, inspector_id: b.inspectorId, min_visits: b.minVisits, period: b.period })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await writeZone(auth, trx, id, [...new Set(b.schoolIds)]);
        await audit(trx, actorOf(req), { action: 'update', entity: 'insp_zone', entityId: id, before, after: b });
        return { id };
      });
    },
  );
}

/**
 * Zones with their compliance in the current period: per school, visits done (scored or published, any kind but
 * 自评) whose plan starts inside the period (this calendar month, or the current term), against the zone's
 * minimum. A school is behind when done < minimum.
 */
export async function zonesWithCompliance(db: Db, auth: AuthContext, today = todayInChina()) {
  const countyId = auth.user.countyId;
  const zones = await db
    .selectFrom('insp_zones as z')
    .leftJoin('users as u', (j) => j.onRef('u.county_id', '=', 'z.county_id').onRef('u.id', '=', 'z.inspector_id'))
    .select([
      'z.id',
      'z.name',
      'z.inspector_id as inspectorId',
      'u.display_name as inspectorName',
      'z.min_visits as minVisits',
      'z.period',
    ])
    .where('z.county_id', '=', countyId)
    .orderBy('z.id')
    .execute();
  const term = await db
    .selectFrom('terms')
    .select(['start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  const monthStart = `${today.slice(0, 8)}01`;
  const out = [];
  for (const z of zones) {
    const [from, to] =
      z.period === 'month' ? [monthStart, today] : [term?.start_date ?? monthStart, term?.end_date ?? today];
    const schools = await db
      .selectFrom('insp_zone_schools as zs')
      .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'zs.county_id').onRef('s.id', '=', 'zs.school_id'))
      .select([
        's.id',
        's.name',
        sql<number>`(SELECT count(*)::int FROM insp_visits v JOIN insp_plans p ON p.county_id = v.county_id AND p.id = v.plan_id
          WHERE v.county_id = zs.county_id AND v.school_id = zs.school_id AND v.status <> 'planned' AND p.kind <> 'self'
          AND p.starts_on BETWEEN ${from}::date AND ${to}::date)`.as('done'),
        sql<
          string | null
        >`(SELECT max(p.starts_on)::text FROM insp_visits v JOIN insp_plans p ON p.county_id = v.county_id AND p.id = v.plan_id
          WHERE v.county_id = zs.county_id AND v.school_id = zs.school_id AND v.status <> 'planned' AND p.kind <> 'self')`.as(
          'lastVisit',
        ),
      ])
      .where('zs.county_id', '=', countyId)
      .where('zs.zone_id', '=', z.id)
      .where(schoolFilter(auth, 'zs.school_id'))
      .orderBy('s.id')
      .execute();
    out.push({
      ...z,
      from,
      to,
      schools: schools.map((s) => ({ ...s, behind: s.done < z.minVisits })),
      behind: schools.filter((s) => s.done < z.minVisits).length,
    });
  }
  return out;
}
