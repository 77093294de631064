import type { Db } from '../../db/pool.js';

/** The surveys module's records in the demo county (deterministic), loaded after the registry. */
export async function seedSurveysDemo(_db: Db, _countyId: number): Promise<void> {}
