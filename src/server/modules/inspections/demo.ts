import type { Db } from '../../db/pool.js';

/** The inspections module's records in the demo county (deterministic), loaded after the registry. */
export async function seedInspectionsDemo(_db: Db, _countyId: number): Promise<void> {}
