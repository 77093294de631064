/** A fraction 0–1 as a percentage with one decimal (null → —). */
export function pct(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** A change of a rate in percentage points, signed (null → —). */
export function points(v: number | null | undefined): string {
  if (v == null) return '—';
  const p = (v * 100).toFixed(1);
  return v > 0 ? `+${p}` : p;
}
