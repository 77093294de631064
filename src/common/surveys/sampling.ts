/**
 * The bureau's phone sample (seed-004 §7.3: ≥5% of the parents of every school, chosen at random). The draw is a
 * seeded, reproducible simple random sample without replacement, so that an inspector can re-run it from the
 * recorded seed and a school cannot pick its callers (§7.5: personal liability for the phone score invites gaming).
 *   size k = ⌈share · n⌉ (12-digit rounding first), at most n;
 *   PRNG: mulberry32 seeded with the FNV-1a 32-bit hash of the seed string;
 *   draw: the first k positions of a Fisher–Yates shuffle of a copy of the ids (each k-subset equally likely,
 *   up to the PRNG); returned in draw order.
 */

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small 32-bit PRNG; returns a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sample size for a share of n: ⌈share · n⌉, within [0, n]. */
export function sampleSize(n: number, share: number): number {
  return Math.min(n, Math.max(0, Math.ceil(Number((share * n).toPrecision(12)))));
}

/** A reproducible random sample of ⌈share · n⌉ ids (see above). */
export function randomSample<T>(ids: readonly T[], share: number, seed: string): T[] {
  const k = sampleSize(ids.length, share);
  const a = [...ids];
  const random = mulberry32(fnv1a(seed));
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.slice(0, k);
}
