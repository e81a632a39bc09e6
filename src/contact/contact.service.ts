import { recordAudit } from '../audit/index.ts';
import { findOwner } from '../auth/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail } from '../mail/index.ts';
import { newId } from '../security/index.ts';
import { readSiteSettings } from '../settings/index.ts';
import type { ContactInput } from './contact.form.ts';
import * as q from './contact.queries.ts';
import { coachNotification, visitorAcknowledgement } from './contact-mails.ts';

/**
 * Stores a contact request and queues both emails in one transaction: the request and its mail
 * exist together or not at all. Without any coach address (no contact email, no owner yet) the
 * request still waits in the back office.
 */
export async function submitContactRequest(
  deps: Pick<Deps, 'dbh' | 'sealer' | 'clock' | 'config'>,
  input: ContactInput,
): Promise<string> {
  const id = newId();
  await deps.dbh.db.transaction().execute(async (tx) => {
    const settings = await readSiteSettings(tx);
    const coach = settings.contactEmail || (await findOwner(tx))?.email;
    await q.insertContactRequest(tx, {
      id,
      name: input.name,
      email: input.email,
      phone: input.phone || null,
      preferred_contact: input.preferred ?? null,
      message_sealed: deps.sealer.seal(input.message),
      created_at: deps.clock.now(),
      read_at: null,
    });
    const publicUrl = deps.config.publicUrl;
    if (coach) await enqueueMail(tx, deps, coachNotification({ to: coach, requestId: id, input, settings, publicUrl }));
    await enqueueMail(tx, deps, visitorAcknowledgement({ input, settings, publicUrl }));
  });
  return id;
}

/** A contact request with its message opened, for the coach; marks it read on first view. */
export async function openContactRequest(deps: Pick<Deps, 'dbh' | 'sealer' | 'clock'>, id: string) {
  const row = await q.contactRequestById(deps.dbh.db, id);
  if (!row) return undefined;
  if (row.read_at === null) await q.setContactRequestRead(deps.dbh.db, id, deps.clock.now());
  const { message_sealed, ...rest } = row;
  let message: string;
  try {
    message = deps.sealer.open(message_sealed);
  } catch {
    message = '(This message cannot be opened: it was sealed with a different encryption key.)';
  }
  return { ...rest, message };
}

/** Marks a request unread again, so it stands out in the list; recorded in the audit log. */
export async function markContactRequestUnread(
  deps: Pick<Deps, 'dbh' | 'clock'>,
  id: string,
  actorUserId: string,
): Promise<boolean> {
  return deps.dbh.db.transaction().execute(async (tx) => {
    const changed = await q.setContactRequestRead(tx, id, null);
    if (changed) await recordAudit(tx, { actorUserId, action: 'contact.mark_unread', subject: id }, deps.clock.now());
    return changed;
  });
}
