import type net from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server for tests that keeps every message it receives, parsed. */
export interface CaptureServer {
  readonly port: number;
  /** smtp://127.0.0.1:PORT, for the mailUrl config override. */
  readonly url: string;
  /** Messages in the order they arrived. */
  readonly messages: ParsedMail[];
  /** Resolves once at least n messages arrived; fails after a bounded wait. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Resolves with the first message that matches once it arrived; fails after a bounded wait. */
  waitForMatch(match: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

/** Starts a capture server on 127.0.0.1 (port 0: any free port). No TLS, no auth. */
export async function startCaptureServer(port = 0): Promise<CaptureServer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          // Stored before the server answers, so a sender that has finished sees it here.
          messages.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as net.AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    async waitFor(n, timeoutMs = 5_000) {
      for (let waited = 0; messages.length < n; waited += 20) {
        if (waited >= timeoutMs) throw new Error(`expected ${n} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    async waitForMatch(match, timeoutMs = 5_000) {
      for (let waited = 0; ; waited += 20) {
        const found = messages.find(match);
        if (found) return found;
        if (waited >= timeoutMs) throw new Error(`no matching message among ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port with nothing listening on it (for "the mail server is down"). */
export { freePort as unusedPort } from '../testing.ts';

/** The address part of a parsed To/From/Reply-To header. */
export function addressOf(field: ParsedMail['to'] | ParsedMail['replyTo'] | ParsedMail['from']): string | undefined {
  const first = Array.isArray(field) ? field[0] : field;
  return first?.value[0]?.address;
}
