import { addUser, jarFor } from '../auth/testing.ts';
import { type Client, linkClientUser } from '../clients/index.ts';
import { seedClient } from '../clients/testing.ts';
import type { Deps } from '../deps.ts';
import type { CookieJar } from '../testing.ts';

/** Test fixtures for the portal: a client with a linked account, signed in (no email needed). */
export async function signedInClient(
  deps: Deps,
  o: { email?: string; name?: string; timeZone?: string } = {},
): Promise<{ client: Client; userId: string; jar: CookieJar }> {
  const client = await seedClient(deps, o);
  const userId = await addUser(deps, client.email, 'client', client.name);
  await linkClientUser(deps.dbh.db, client.id, userId, deps.clock.now());
  return { client: { ...client, user_id: userId }, userId, jar: await jarFor(deps, userId) };
}

/** A multipart/form-data body with fields and at most one file (named `file`). */
export function multipartBody(
  fields: Record<string, string>,
  file?: { filename: string; type: string; data: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----tandemportal${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
