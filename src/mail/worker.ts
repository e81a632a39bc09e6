import type { Deps } from '../deps.ts';
import { type Poller, startPolling } from '../jobs/index.ts';
import { deliverDueMail } from './outbox.service.ts';

export type OutboxWorker = Poller;

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
  // Without MAIL_URL nothing can be sent: no loop, mail waits in the outbox.
  if (!deps.mail) return { kick() {}, stop: async () => {} };
  const poller = startPolling(
    'outbox',
    async () => {
      const r = await deliverDueMail(deps, { limit: BATCH });
      return { more: r.sent + r.failed >= BATCH };
    },
    { pollMs: opts.pollMs ?? POLL_MS, log: deps.log },
  );
  const worker: OutboxWorker = {
    kick: () => poller.kick(),
    async stop() {
      workers.delete(deps);
      await poller.stop();
    },
  };
  workers.set(deps, worker);
  return worker;
}
