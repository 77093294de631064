/**
 * Coalesces concurrent calls into batches: each call waits for the batch it joined, and at most `maxInflight`
 * batches run at once. Under light load a call runs alone at once (no added wait: a batch starts on the next turn of
 * the event loop); under heavy load the calls that arrive while batches are running form the next batch, so the
 * database sees a few large statements (and commits) instead of many small ones.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inflight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 200,
    private readonly maxInflight = 4,
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.kick();
        });
      }
    });
  }

  private kick(): void {
    while (this.inflight < this.maxInflight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inflight++;
      this.run(batch.map((b) => b.item))
        .then(
          (out) => {
            for (const [i, b] of batch.entries()) b.resolve(out[i]);
          },
          (err) => {
            for (const b of batch) b.reject(err);
          },
        )
        .finally(() => {
          this.inflight--;
          this.kick();
        });
    }
  }
}
