import type { Num } from './types';

/** Display only: numbers are stored unrounded. */
export const pct = (x: Num | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
export const fix = (x: Num | undefined, digits = 1) => (x == null ? '—' : x.toFixed(digits));
