// Asking the user for an SSH password on the terminal, without echo. Remote
// hosts connect in parallel, so prompts are queued: one question at a time,
// each naming its user and host.

let queue: Promise<unknown> = Promise.resolve();

/** Whether a password can be asked for: stdin is a terminal. */
export const canPrompt = (): boolean => process.stdin.isTTY === true && typeof process.stdin.setRawMode === 'function';

/** The answer, or undefined when the user gave up (^D, or ^C, which also interrupts the run). */
export function askPassword(question: string): Promise<string | undefined> {
  const p = queue.then(() => readHidden(question));
  queue = p.catch(() => undefined);
  return p;
}

function readHidden(question: string): Promise<string | undefined> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let buf = '';
    const done = (v: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(v);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done(buf);
        if (ch === '\u0004') return done(undefined);
        if (ch === '\u0003') {
          // Raw mode turns ^C into a character: pass it on as the signal it was meant to be.
          done(undefined);
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1);
        else if (ch >= ' ') buf += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
