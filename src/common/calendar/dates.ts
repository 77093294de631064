/**
 * Calendar dates as 'YYYY-MM-DD' strings in China Standard Time (UTC+8, no daylight saving), so a deadline means
 * the same day for the server, the database and the user wherever the server runs.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-local calendar date of an instant. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a China-local date and time ('HH:MM', default the end of the day 23:59:59.999). */
export function cstInstant(date: string, time?: string): Date {
  const base = Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS;
  if (time === undefined) return new Date(base + DAY_MS - 1);
  const [h, m] = time.split(':').map(Number);
  return new Date(base + ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Whole days from a to b (b − a); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
