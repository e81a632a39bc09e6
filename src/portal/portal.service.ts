import { ensureClientAccount, isCoach, issueSignIn, signInCodeUrl } from '../auth/index.ts';
import { clientByEmail, linkClientUser } from '../clients/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueSignInMail } from './portal-mails.ts';

export type PortalSignIn = 'sent' | 'not_a_client' | 'coach' | 'linked_elsewhere' | 'too_many';

/**
 * Emails a sign-in link and code to a client's address, making their account on the first time
 * and linking it to their record, all in one transaction. The caller answers the same whatever
 * this returns, so nobody learns which addresses belong to clients. A deleted client has no record,
 * so gets nothing; a coach's address is the coach's to use at /sign-in.
 */
export async function requestPortalSignIn(
  deps: Pick<Deps, 'dbh' | 'clock' | 'config' | 'sealer'>,
  email: string,
  next: string | null,
): Promise<PortalSignIn> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await clientByEmail(tx, email);
    if (!client) return 'not_a_client';
    const user = await ensureClientAccount(tx, { email: client.email, name: client.name }, now);
    if (isCoach(user)) return 'coach';
    // A record keeps the first account linked to it (its address changed since): that account's
    // address is not this one, so nothing is sent here.
    if ((await linkClientUser(tx, client.id, user.id, now)) !== user.id) return 'linked_elsewhere';
    const issued = await issueSignIn(tx, deps, user, next ?? '/portal');
    if (issued === 'too_many') return 'too_many';
    await enqueueSignInMail(tx, deps, {
      to: user.email,
      url: issued.url,
      code: issued.code,
      codeUrl: signInCodeUrl(deps.config.publicUrl),
      expiresInMinutes: issued.expiresInMinutes,
    });
    return 'sent';
  });
}
