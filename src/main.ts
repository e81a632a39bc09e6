import { buildApp } from './app.ts';
import { ownerSetupLinkIfNeeded } from './auth/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { demoClientPortalLink, demoRoom, seedDemoContent } from './demo/index.ts';
import { createDeps, createLogger } from './deps.ts';
import { startWorkers } from './workers.ts';

/** Reads config, builds deps and app, listens, and shuts down gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const deps = await createDeps(config, log);
  if (config.demo) {
    const seeded = await seedDemoContent(deps);
    if (seeded) log.info('filled the empty database with demo content');
  }
  // The demo practice's clients: one of them can look around the portal straight away. Made before
  // listening, so a stop signal never finds it half-written.
  const demoClient = config.demo ? await demoClientPortalLink(deps) : undefined;
  const room = config.demo ? await demoRoom(deps) : undefined;
  const app = await buildApp(deps);
  const workers = startWorkers(deps);
  // Signals are heard from here on, so a stop during start-up still shuts down in order.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await app.close(); // stop accepting, finish requests in flight
    await workers.stop(); // let a message being sent or a job running finish
    deps.mail?.close();
    await deps.dbh.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (!config.mailUrl) log.info('MAIL_URL is not set: email waits in the outbox (back office → Outbox)');

  const link = await ownerSetupLinkIfNeeded(deps);
  if (link) {
    process.stdout.write(
      `\n  Tandem is running at ${config.publicUrl}\n` +
        `  Create the coach account with this one-time link (valid 24 hours):\n\n    ${link}\n\n`,
    );
  }
  if (demoClient) {
    process.stdout.write(
      `  See the client portal as the demo client ${demoClient.name} with this one-time link (15 minutes):\n\n` +
        `    ${demoClient.link}\n\n`,
    );
  }
  if (room) {
    const at = new Date(room.startAt).toISOString().slice(11, 16);
    process.stdout.write(
      `  A demo video session with ${room.clientName} starts at ${at} UTC; its room is open now.\n` +
        `  Open it as the coach (signed in) in one window and as the client in another (a private window):\n\n` +
        `    coach:  ${room.coachLink}\n    client: ${room.clientLink}\n\n`,
    );
  }
}

main().catch((err) => {
  console.error('Tandem failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
