/**
 * Per-client limits of the public answer endpoints, counted in memory per node in fixed one-minute windows and
 * keyed by the client address (never stored). A parent meeting behind one school Wi-Fi may submit dozens of
 * answers within a minute from one address, so the submit limit leaves room for a class; a flood from one client
 * is cut off after it. Numbers are data here, not spread through the code.
 */
export const PUBLIC_LIMITS = {
  /** Submissions per client address per minute. */
  submitPerMinute: 60,
  /** Form loads per client address per minute (a code being guessed shows up here first). */
  loadPerMinute: 300,
  windowMs: 60_000,
};

export class WindowLimiter {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(
    private readonly limit: number,
    private readonly windowMs = PUBLIC_LIMITS.windowMs,
  ) {}

  /** Counts one request of `key`; false when the key is over its limit in the current window. */
  take(key: string, now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.limit;
  }
}
