import crypto from 'node:crypto';

/**
 * The 6-digit code that travels beside a sign-in link, for signing in on another device. A million
 * codes is few: a plain SHA-256 of one is undone by trying them all, so the code is kept as a
 * salted scrypt hash (decision 017), and each link takes only MAX_CODE_ATTEMPTS wrong guesses.
 */
export const MAX_CODE_ATTEMPTS = 5;
export const CODE_DIGITS = 6;

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(code, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A fresh code: 6 digits, leading zeros kept. */
export function newSignInCode(): string {
  return crypto
    .randomInt(0, 10 ** CODE_DIGITS)
    .toString()
    .padStart(CODE_DIGITS, '0');
}

/** How a code is stored: "s1:" salt ":" scrypt(code, salt). */
export async function hashSignInCode(code: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return `s1:${salt.toString('base64url')}:${(await scrypt(code, salt)).toString('base64url')}`;
}

/** Whether a typed code is the one behind a stored hash (in constant time). */
export async function signInCodeMatches(code: string, stored: string): Promise<boolean> {
  const [v, salt, hash] = stored.split(':');
  if (v !== 's1' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64url');
  const got = await scrypt(code, Buffer.from(salt, 'base64url'));
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

/** Spends the time a check would, so an address without open codes answers as slowly as one with. */
export async function spendCodeCheckTime(code: string): Promise<void> {
  await scrypt(code, Buffer.alloc(16));
}

/** What a person typed, as a code: spaces and dashes dropped ("123 456", "123-456"). */
export function cleanCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}
