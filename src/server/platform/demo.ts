import { generateCounty } from '../../../scripts/demo/county.js';
import { loadCounty } from '../../../scripts/demo/load.js';
import type { Db } from '../db/pool.js';

/** Generates and loads the deterministic demo county (scripts/demo); returns its county id. */
export async function loadDemoCounty(db: Db): Promise<number> {
  const data = generateCounty({ seed: 1 });
  const summary = await loadCounty(db, data);
  return summary.countyId;
}
