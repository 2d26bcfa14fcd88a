// A token bucket for Meta:limit (events per second) and Meta:burst. An event
// over the rate is never dropped: it is delayed until a token is free, and
// events arriving meanwhile fold into that one delayed run (the last is replayed).

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Unlimited buckets never delay. */
  get unlimited(): boolean {
    return this.limit === Infinity;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.limit);
    this.last = t;
  }

  /**
   * Take a token now if one is free (returns 0), else return the ms to wait
   * before asking again. Nothing is taken when a wait is returned.
   */
  take(): number {
    if (this.unlimited) return 0;
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    if (this.limit <= 0) return Infinity;
    return Math.ceil(((1 - this.tokens) / this.limit) * 1000);
  }
}
