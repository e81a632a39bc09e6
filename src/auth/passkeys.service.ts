import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { recordAudit } from '../audit/index.ts';
import type { Deps } from '../deps.ts';
import { hashToken } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { Viewer } from '../web/index.ts';
import { setRequirePasskey, userById } from './auth.queries.ts';
import { openSession } from './auth.service.ts';
import type { User } from './auth.tables.ts';
import { describeDevice } from './device.ts';
import {
  consumeChallenge,
  countPasskeys,
  deleteExpiredChallenges,
  deletePasskey,
  insertChallenge,
  insertPasskey,
  passkeyByCredentialId,
  passkeysOfUser,
  touchPasskey,
} from './passkeys.queries.ts';

/** A ceremony (the browser's prompt) must finish within this; its challenge then stops working. */
export const CHALLENGE_MS = 5 * 60_000;

/** The relying party is this site: its host name is the RP ID, its origin the expected origin. */
export function relyingParty(publicUrl: string): { rpID: string; origin: string } {
  const u = new URL(publicUrl);
  return { rpID: u.hostname, origin: u.origin };
}

/**
 * EdDSA, ES256, RS256: what passkeys use. Named, because the library's default probes the runtime
 * for post-quantum algorithms on every call and Node prints an experimental-feature warning.
 */
const ALGORITHMS = [-8, -7, -257];

/** The user handle a passkey stores: the account id's bytes (no address or name). */
const userHandle = (userId: string) => new TextEncoder().encode(userId);

/** The challenge a browser's answer carries, read from its clientDataJSON; null when unreadable. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length <= 200 ? data.challenge : null;
  } catch {
    return null;
  }
}

/** Options for adding a passkey to the signed-in account (its challenge kept, hashed, for 5 minutes). */
export async function passkeyRegistrationOptions(
  deps: Deps,
  viewer: Viewer,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const { rpID } = relyingParty(deps.config.publicUrl);
  const { practiceName } = await readSiteSettings(db);
  const existing = await passkeysOfUser(db, viewer.userId);
  const options = await generateRegistrationOptions({
    rpName: practiceName,
    rpID,
    userName: viewer.email,
    userDisplayName: viewer.name,
    userID: userHandle(viewer.userId),
    attestationType: 'none',
    timeout: CHALLENGE_MS,
    supportedAlgorithmIDs: ALGORITHMS,
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: JSON.parse(p.transports) })),
    // Discoverable, so signing in needs no address; verified (PIN, fingerprint, face), since it stands alone.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await deleteExpiredChallenges(db, now);
  await insertChallenge(db, {
    challenge_hash: hashToken(options.challenge),
    purpose: 'register',
    user_id: viewer.userId,
    created_at: now,
    expires_at: now + CHALLENGE_MS,
  });
  return options;
}

export type PasskeyRefusal = 'challenge_invalid' | 'not_verified' | 'already_added' | 'unknown_passkey';

/** Checks the browser's answer and keeps the new passkey. */
export async function addPasskey(
  deps: Deps,
  viewer: Viewer,
  response: RegistrationResponseJSON,
  rawName: string,
  userAgent: string,
): Promise<{ ok: true } | { ok: false; reason: PasskeyRefusal }> {
  const now = deps.clock.now();
  const { rpID, origin } = relyingParty(deps.config.publicUrl);
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: 'challenge_invalid' };
  return deps.dbh.db.transaction().execute(async (tx) => {
    const fresh = await consumeChallenge(tx, {
      challengeHash: hashToken(challenge),
      purpose: 'register',
      userId: viewer.userId,
      now,
    });
    if (!fresh) return { ok: false as const, reason: 'challenge_invalid' as const };
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
        supportedAlgorithmIDs: ALGORITHMS,
      });
    } catch {
      return { ok: false as const, reason: 'not_verified' as const };
    }
    if (!verified.verified) return { ok: false as const, reason: 'not_verified' as const };
    const info = verified.registrationInfo;
    if (await passkeyByCredentialId(tx, info.credential.id))
      return { ok: false as const, reason: 'already_added' as const };
    const name = rawName.trim().slice(0, 60) || describeDevice(userAgent);
    await insertPasskey(tx, {
      user_id: viewer.userId,
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: JSON.stringify(info.credential.transports ?? response.response.transports ?? []),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp ? 1 : 0,
      name,
      created_at: now,
    });
    await recordAudit(tx, { actorUserId: viewer.userId, action: 'auth.passkey_added', detail: { name } }, now);
    return { ok: true as const };
  });
}

/** Options for signing in with any passkey of this site (discoverable: no address asked). */
export async function passkeySignInOptions(deps: Deps): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const db = deps.dbh.db;
  const now = deps.clock.now();
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.config.publicUrl).rpID,
    userVerification: 'required',
    timeout: CHALLENGE_MS,
  });
  await deleteExpiredChallenges(db, now);
  await insertChallenge(db, {
    challenge_hash: hashToken(options.challenge),
    purpose: 'sign_in',
    user_id: null,
    created_at: now,
    expires_at: now + CHALLENGE_MS,
  });
  return options;
}

/** Checks a passkey's answer and starts a session for its account. */
export async function signInWithPasskey(
  deps: Deps,
  response: AuthenticationResponseJSON,
  userAgent: string,
  previous: Viewer | null,
): Promise<{ ok: true; sessionToken: string; user: User } | { ok: false; reason: PasskeyRefusal }> {
  const now = deps.clock.now();
  const { rpID, origin } = relyingParty(deps.config.publicUrl);
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: 'challenge_invalid' };
  return deps.dbh.db.transaction().execute(async (tx) => {
    const fresh = await consumeChallenge(tx, {
      challengeHash: hashToken(challenge),
      purpose: 'sign_in',
      userId: null,
      now,
    });
    if (!fresh) return { ok: false as const, reason: 'challenge_invalid' as const };
    const passkey = await passkeyByCredentialId(tx, response.id);
    const user = passkey ? await userById(tx, passkey.user_id) : undefined;
    if (!passkey || !user) return { ok: false as const, reason: 'unknown_passkey' as const };
    const handle = response.response.userHandle;
    if (handle && handle !== Buffer.from(userHandle(user.id)).toString('base64url'))
      return { ok: false as const, reason: 'unknown_passkey' as const };
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: {
          id: passkey.credential_id,
          publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
          counter: Number(passkey.counter),
          transports: JSON.parse(passkey.transports),
        },
        requireUserVerification: true,
      });
    } catch {
      return { ok: false as const, reason: 'not_verified' as const };
    }
    if (!verified.verified) return { ok: false as const, reason: 'not_verified' as const };
    await touchPasskey(tx, passkey.id, verified.authenticationInfo.newCounter, now);
    const sessionToken = await openSession(tx, user, userAgent, previous, now, 'passkey');
    return { ok: true as const, sessionToken, user };
  });
}

/** Removes one of the viewer's passkeys. Removing a coach's last one turns "require a passkey" off. */
export async function removePasskey(
  deps: Deps,
  viewer: Viewer,
  id: string,
): Promise<'removed' | 'removed_requirement_off' | 'not_found'> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const gone = await deletePasskey(tx, viewer.userId, id);
    if (!gone) return 'not_found' as const;
    await recordAudit(
      tx,
      { actorUserId: viewer.userId, action: 'auth.passkey_removed', detail: { name: gone.name } },
      now,
    );
    const user = await userById(tx, viewer.userId);
    if (user?.require_passkey === 1 && (await countPasskeys(tx, viewer.userId)) === 0) {
      await setRequirePasskey(tx, viewer.userId, false);
      await recordAudit(tx, { actorUserId: viewer.userId, action: 'auth.passkey_requirement_off' }, now);
      return 'removed_requirement_off' as const;
    }
    return 'removed' as const;
  });
}

/** Turns "only a passkey opens the back office" on (only with a passkey to use) or off. */
export async function changePasskeyRequirement(
  deps: Deps,
  viewer: Viewer,
  on: boolean,
): Promise<'changed' | 'no_passkey'> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    if (on && (await countPasskeys(tx, viewer.userId)) === 0) return 'no_passkey' as const;
    await setRequirePasskey(tx, viewer.userId, on);
    await recordAudit(
      tx,
      { actorUserId: viewer.userId, action: on ? 'auth.passkey_requirement_on' : 'auth.passkey_requirement_off' },
      now,
    );
    return 'changed' as const;
  });
}
