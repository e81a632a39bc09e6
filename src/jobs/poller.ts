import type { Logger } from 'pino';

export interface Poller {
  /** Runs a pass soon instead of at the next poll. */
  kick(): void;
  /** Stops polling and waits for a pass in flight to finish. */
  stop(): Promise<void>;
}

/**
 * The loop behind every background worker (outbox, jobs): a pass every `pollMs`, another at
 * once when a pass says more is waiting or someone kicked it, never two passes at a time.
 */
export function startPolling(
  name: string,
  pass: () => Promise<{ more: boolean }>,
  opts: { pollMs: number; log: Logger },
): Poller {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref(); // the HTTP server keeps the process alive, not this loop
  };

  function run(): void {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = (async () => {
      let more = false;
      try {
        more = (await pass()).more;
      } catch (err) {
        opts.log.error({ err, worker: name }, 'background pass failed');
      }
      inFlight = undefined;
      const soon = again || more;
      again = false;
      schedule(soon ? 0 : opts.pollMs);
    })();
  }

  schedule(0);
  return {
    kick() {
      if (inFlight) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
