/**
 * List totals, cached for a few seconds. A list page costs two queries: the page itself (an index walk, well under
 * a millisecond) and its total, which must visit every visible row (tens of milliseconds for the 65,000 guardians
 * of a county) — the total was most of the database's work under 50 concurrent users. Totals are keyed by their
 * exact SQL and parameters (which include the county and the caller's scope), dropped on every write this node
 * serves (see dataChanged), and otherwise live COUNT_TTL_MS, so a write made on another app node shows in totals
 * within that time; the rows of a page are never cached.
 */
export const COUNT_TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;
const totals = new Map<string, { total: number; expires: number }>();

export async function cachedCount(key: string, count: () => Promise<number>): Promise<number> {
  const hit = totals.get(key);
  if (hit && hit.expires > Date.now()) return hit.total;
  const total = await count();
  if (totals.size >= MAX_ENTRIES) totals.delete(totals.keys().next().value!);
  totals.set(key, { total, expires: Date.now() + COUNT_TTL_MS });
  return total;
}

export function forgetCounts(): void {
  totals.clear();
}
