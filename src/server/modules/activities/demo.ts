import type { Db } from '../../db/pool.js';

/** The activities module's records in the demo county (deterministic), loaded after the registry. */
export async function seedActivitiesDemo(_db: Db, _countyId: number): Promise<void> {}
