import type { Db } from '../../db/pool.js';

/** The health module's records in the demo county (deterministic), loaded after the registry. */
export async function seedHealthDemo(_db: Db, _countyId: number): Promise<void> {}
