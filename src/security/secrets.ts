import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Keys Tandem makes for itself on first start, kept in DATA_DIR/secrets.json (mode 0600). */
export interface Secrets {
  /** Signs cookies (CSRF secret cookie). */
  readonly cookieSecret: string;
  /** AES-256-GCM key (base64) for sensitive text at rest. */
  readonly encryptionKey: string;
}

const secretsSchema = z.object({ cookieSecret: z.string().min(32), encryptionKey: z.string().min(40) });

function fresh(): Secrets {
  return {
    cookieSecret: crypto.randomBytes(32).toString('base64url'),
    encryptionKey: crypto.randomBytes(32).toString('base64'),
  };
}

/** Reads the secrets file, creating it (and the data folder) when missing. */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'secrets.json');
  try {
    const parsed = secretsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not a valid secrets file: ${parsed.error.issues[0]?.message}`);
    return Object.freeze(parsed.data);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secrets = fresh();
  // 'wx' fails if another process created it meanwhile: then read theirs.
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecrets(dataDir);
    throw err;
  }
  return Object.freeze(secrets);
}

/** Secrets for tests: random, never written. */
export function testSecrets(): Secrets {
  return Object.freeze(fresh());
}
