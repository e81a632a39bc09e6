import { createSignInLink, ensureClientAccount, isCoach } from '../auth/index.ts';
import { clientByEmail, linkClientUser } from '../clients/index.ts';
import type { Deps } from '../deps.ts';

/**
 * A one-time portal sign-in link for a client, made on the server (the CLI, the demo's start-up
 * line) rather than emailed: the client's account is made and linked as on an emailed sign-in.
 * Undefined when the address is no client's, is a coach's, or its record has another account.
 */
export async function portalLinkOnServer(
  deps: Pick<Deps, 'dbh' | 'clock' | 'config'>,
  email: string,
): Promise<string | undefined> {
  const now = deps.clock.now();
  return deps.dbh.db.transaction().execute(async (tx) => {
    const client = await clientByEmail(tx, email);
    if (!client) return undefined;
    const user = await ensureClientAccount(tx, { email: client.email, name: client.name }, now);
    if (isCoach(user) || (await linkClientUser(tx, client.id, user.id, now)) !== user.id) return undefined;
    return createSignInLink(tx, deps, user, '/portal');
  });
}
