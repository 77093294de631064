import { sql } from 'kysely';
import type { Db } from '../../../db/pool.js';
import { TEMPLATE_LIBRARY } from './library.js';
import { createDraft } from './store.js';

/**
 * Gives a county the seeded template library (each published as version 1) the first time its templates are
 * listed; a county that has any template keeps what it has. Serialised per county by an advisory lock.
 */
export async function ensureLibrary(db: Db, countyId: number): Promise<void> {
  const any = await db
    .selectFrom('insp_templates')
    .select('id')
    .where('county_id', '=', countyId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('insp_library'), ${countyId}::int)`.execute(trx);
    const again = await trx
      .selectFrom('insp_templates')
      .select('id')
      .where('county_id', '=', countyId)
      .limit(1)
      .executeTakeFirst();
    if (again) return;
    for (const t of TEMPLATE_LIBRARY) {
      const id = await createDraft(trx, countyId, null, t.category, t.body, null);
      await trx
        .updateTable('insp_templates')
        .set({ status: 'published', published_at: new Date() })
        .where('county_id', '=', countyId)
        .where('id', '=', id)
        .execute();
    }
  });
}
