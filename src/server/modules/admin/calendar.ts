import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { CalendarYear } from '../../../common/calendar/holidays.js';
import { calendarYearProblems } from '../../../common/calendar/validate.js';
import { audit } from '../../platform/audit.js';
import { isCountyAdmin } from '../../platform/auth/roles.js';
import { calendarYears } from '../../platform/calendar.js';
import { validationFailed } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';

const Day = Type.String({ format: 'date' });
const YearBody = Type.Object(
  {
    source: Type.String({ maxLength: 200 }),
    holidays: Type.Array(
      Type.Object({ from: Day, to: Day, name: Type.String({ maxLength: 30 }) }, { additionalProperties: false }),
      { maxItems: 40 },
    ),
    workdays: Type.Array(Day, { maxItems: 40 }),
  },
  { additionalProperties: false },
);
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

/**
 * The county's working-day calendar (national holidays and 调休 per year) under /api/v1/admin/calendar. It is the
 * platform's, not one module's: 诉求 time limits, plan recurrences and rectification windows all count working
 * days on it (platform/calendar.ts). Everyone signed in reads it; the county's 教育局管理员 corrects or adds a
 * year (stored in the setting `calendar.years`, replacing the shipped year of that number), validated and audited.
 */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['admin'];

  app.get('/calendar', { config: { policy: 'signedIn' }, schema: { tags } }, async (req) => {
    const countyId = authOf(req).user.countyId;
    const own = new Set((await ownYears(app, countyId)).map((y) => y.year));
    const years = await calendarYears(app.db, countyId);
    return { years: years.map((y) => ({ ...y, countyEdited: own.has(y.year) })) };
  });

  app.put(
    '/calendar/:year',
    { config: { policy: isCountyAdmin }, schema: { tags, params: YearParams, body: YearBody } },
    async (req) => {
      const countyId = authOf(req).user.countyId;
      const { year } = req.params as Static<typeof YearParams>;
      const b = req.body as Static<typeof YearBody>;
      const next: CalendarYear = {
        year,
        source: b.source.trim(),
        holidays: [...b.holidays]
          .map((h) => ({ ...h, name: h.name.trim() }))
          .sort((x, y) => x.from.localeCompare(y.from)),
        workdays: [...b.workdays].sort(),
      };
      const problems = calendarYearProblems(next);
      if (problems.length > 0) throw validationFailed(problems.join('；'), { problems });
      await app.db.transaction().execute(async (tx) => {
        // Read inside the transaction with a row lock, so two admins saving different years keep both.
        const row = await tx
          .selectFrom('settings')
          .select('value')
          .where('county_id', '=', countyId)
          .where('key', '=', 'calendar.years')
          .forUpdate()
          .executeTakeFirst();
        const own = (row?.value as { years?: CalendarYear[] } | undefined)?.years ?? [];
        const before = (await calendarYears(tx, countyId)).find((y) => y.year === year) ?? null;
        const years = [...own.filter((y) => y.year !== year), next].sort((x, y) => x.year - y.year);
        await sql`INSERT INTO settings (county_id, key, value) VALUES (${countyId}, 'calendar.years', ${JSON.stringify({ years })}::jsonb)
          ON CONFLICT (county_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`.execute(tx);
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'calendar_year',
          entityId: year,
          before,
          after: next,
        });
      });
      return { year: next };
    },
  );
}

async function ownYears(app: FastifyInstance, countyId: number): Promise<CalendarYear[]> {
  const row = await app.db
    .selectFrom('settings')
    .select('value')
    .where('county_id', '=', countyId)
    .where('key', '=', 'calendar.years')
    .executeTakeFirst();
  return (row?.value as { years?: CalendarYear[] } | undefined)?.years ?? [];
}
