import crypto from 'node:crypto';

/**
 * Sealing of sensitive text at rest (contact messages, mail bodies) with AES-256-GCM.
 * Stored form: "v1:" + base64url(iv | tag | ciphertext). The version prefix lets a later key
 * rotation tell old from new.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSealer(keyBase64: string): Sealer {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown sealed format');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** A random URL-safe token for links and cookies (256 bits). */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** How a token is stored: its SHA-256, so a database leak does not leak usable links. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** A short random id for rows. */
export function newId(): string {
  return crypto.randomUUID();
}
