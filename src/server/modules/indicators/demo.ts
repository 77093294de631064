import type { Db } from '../../db/pool.js';

/** The indicators module's records in the demo county (deterministic), loaded after the registry. */
export async function seedIndicatorsDemo(_db: Db, _countyId: number): Promise<void> {}
