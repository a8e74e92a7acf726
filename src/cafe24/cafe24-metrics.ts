/** Counters of the Cafe24 transport, read by the server's /metrics (mapped to prom-client there). */
export interface Cafe24CounterSnapshot {
  /** HTTP requests sent to Cafe24 (every attempt). */
  calls: number;
  /** 429 answers. */
  throttled: number;
  /** Attempts repeated after a 429, 5xx, timeout, network error or 401. */
  retries: number;
  /** Requests that timed out. */
  timeouts: number;
  /** Operations that ended in a thrown error. */
  failures: number;
}

export type Cafe24Counter = keyof Cafe24CounterSnapshot;

const zero = (): Cafe24CounterSnapshot => ({ calls: 0, throttled: 0, retries: 0, timeouts: 0, failures: 0 });

/** Monotonic counters, in total and per mall. One instance is shared by all clients of a process. */
export class Cafe24Metrics {
  private readonly total = zero();
  private readonly perMall = new Map<string, Cafe24CounterSnapshot>();

  increment(mallId: string, counter: Cafe24Counter): void {
    this.total[counter] += 1;
    let mall = this.perMall.get(mallId);
    if (!mall) {
      mall = zero();
      this.perMall.set(mallId, mall);
    }
    mall[counter] += 1;
  }

  snapshot(): Cafe24CounterSnapshot {
    return { ...this.total };
  }

  snapshotOf(mallId: string): Cafe24CounterSnapshot {
    return { ...(this.perMall.get(mallId) ?? zero()) };
  }
}
