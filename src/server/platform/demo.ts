import { generateCounty, schoolTermOn } from '../../../scripts/demo/county.js';
import { loadCounty } from '../../../scripts/demo/load.js';
import type { Db } from '../db/pool.js';
import { seedModuleDemos } from '../modules/demos.js';

/**
 * Generates and loads the deterministic demo county (scripts/demo); returns its county id. Its current school year
 * and term are the ones containing today, so a demo started in any year looks current.
 */
export async function loadDemoCounty(db: Db): Promise<number> {
  const data = generateCounty({ seed: 1, ...schoolTermOn(new Date()) });
  const summary = await loadCounty(db, data);
  await seedModuleDemos(db, summary.countyId);
  return summary.countyId;
}
