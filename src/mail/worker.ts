import type { Deps } from '../deps.ts';
import { deliverDueMail } from './outbox.service.ts';

export interface OutboxWorker {
  /** Stops polling and waits for a pass in flight to finish. */
  stop(): Promise<void>;
  /** Runs a pass soon (after a change queued mail), instead of at the next poll. */
  kick(): void;
}

const POLL_MS = 5_000;
const BATCH = 20;

// The running worker of each app instance, so routes can kick it without a global or a new dep.
const workers = new WeakMap<Deps, OutboxWorker>();

/** Kicks this instance's worker, if one runs (tests without a worker call deliverDueMail instead). */
export function kickOutbox(deps: Deps): void {
  workers.get(deps)?.kick();
}

/** The outbox loop of one app instance: a pass every few seconds, or soon after a kick. */
export function startOutboxWorker(deps: Deps, opts: { pollMs?: number } = {}): OutboxWorker {
  const pollMs = opts.pollMs ?? POLL_MS;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(runPass, ms);
    timer.unref(); // the HTTP server keeps the process alive, not this loop
  };

  function runPass(): void {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = (async () => {
      let full = false;
      try {
        const r = await deliverDueMail(deps, { limit: BATCH });
        full = r.sent + r.failed >= BATCH; // more may be waiting
      } catch (err) {
        deps.log.error({ err }, 'outbox pass failed');
      }
      inFlight = undefined;
      const soon = again || full;
      again = false;
      schedule(soon ? 0 : pollMs);
    })();
  }

  const worker: OutboxWorker = {
    kick() {
      if (!deps.mail) return;
      if (inFlight) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      workers.delete(deps);
      await inFlight;
    },
  };
  // Without MAIL_URL nothing can be sent: no loop, mail waits in the outbox.
  if (deps.mail) {
    workers.set(deps, worker);
    schedule(0);
  }
  return worker;
}
