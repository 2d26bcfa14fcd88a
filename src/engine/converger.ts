// Convergence: the run is converged when every resource is idle (nothing
// running, pending or waiting for a retry). `--converged-timeout N` acts N
// seconds after that; any activity in between starts the wait again.

export class Converger {
  private timer: NodeJS.Timeout | undefined;
  private fired = false;
  private checkQueued = false;

  constructor(
    private readonly isConverged: () => boolean,
    /** Seconds to stay converged before `onConverged`; -1 = never. */
    private readonly timeout: number,
    private readonly onConverged: () => void,
  ) {}

  /** Something changed: look again (batched to once per tick). */
  poke(): void {
    if (this.timeout < 0 || this.fired || this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      this.check();
    });
  }

  private check(): void {
    if (this.fired) return;
    if (!this.isConverged()) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.isConverged()) return;
      this.fired = true;
      this.onConverged();
    }, this.timeout * 1000);
  }

  stop(): void {
    this.fired = true;
    clearTimeout(this.timer);
  }
}
