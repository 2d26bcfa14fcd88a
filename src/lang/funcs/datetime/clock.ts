// A tick at once and then on every whole second, until aborted: the clock
// behind the datetime streams.

export function everySecond(signal: AbortSignal, tick: (unixSeconds: bigint) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    if (signal.aborted) return;
    const now = Date.now();
    tick(BigInt(Math.floor(now / 1000)));
    timer = setTimeout(run, 1000 - (now % 1000));
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  run();
}
