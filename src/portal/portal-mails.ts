import { practiceNoticeAddress } from '../auth/index.ts';
import type { Client } from '../clients/index.ts';
import type { Executor } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail, renderEmail } from '../mail/index.ts';
import { readSiteSettings } from '../settings/index.ts';

// The portal's emails. None carries anything the client or the coach wrote: a message, a goal's
// or an action item's title are sealed at rest and stay in the portal, behind a sign-in. An email
// says that something is there and links to where to sign in and read it.

export type PortalMailDeps = Pick<Deps, 'config' | 'sealer' | 'clock'>;

/** The address the coach reads her practice's mail at: the contact address, else the owner's. */
export async function coachAddress(tx: Executor): Promise<string | null> {
  const settings = await readSiteSettings(tx);
  return await practiceNoticeAddress(tx, settings.contactEmail);
}

/** The portal's sign-in page, coming back to `next` after signing in. */
export function portalSignInUrl(publicUrl: string, next?: string): string {
  return `${publicUrl}/portal/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`;
}

/** The sign-in email: a button, the 6-digit code and where to type it. */
export async function enqueueSignInMail(
  tx: Executor,
  deps: PortalMailDeps,
  o: { to: string; url: string; code: string; codeUrl: string; expiresInMinutes: number },
): Promise<void> {
  const { practiceName } = await readSiteSettings(tx);
  const body = renderEmail({
    practiceName,
    heading: 'Sign in to your client portal',
    paragraphs: [
      `Someone asked to sign in to the ${practiceName} client portal with this address. Press the button within ${o.expiresInMinutes} minutes to sign in. The link works once.`,
      `On another device? Go to ${o.codeUrl} and type this code: ${o.code}`,
      'If that was not you, you can ignore this email. Nobody can sign in without it.',
    ],
    button: { url: o.url, label: 'Sign in to your portal' },
    footer: 'You received this because your address was entered on the client portal’s sign-in page.',
  });
  await enqueueMail(tx, deps, {
    kind: 'portal.sign_in',
    to: o.to,
    subject: `Sign in to ${practiceName}`,
    ...body,
  });
}

/** Tells the coach a client wrote, without the message or the client's name. */
export async function notifyCoachOfMessage(tx: Executor, deps: PortalMailDeps, client: Pick<Client, 'id'>) {
  const to = await coachAddress(tx);
  if (!to) return;
  const { practiceName } = await readSiteSettings(tx);
  const body = renderEmail({
    practiceName,
    heading: 'You have a new message from a client',
    paragraphs: ['Sign in to the back office to read it. The message itself stays there, not in this email.'],
    button: { url: `${deps.config.publicUrl}/admin/clients/${client.id}`, label: 'Open the back office' },
    footer: 'You received this because a client sent you a message in the client portal.',
  });
  await enqueueMail(tx, deps, { kind: 'portal.message_to_coach', to, subject: 'New message from a client', ...body });
}

/**
 * Tells a client the coach wrote to them: "you have a new message" and a sign-in link, nothing of
 * the message. The back office's reply calls this in the transaction that stores the reply.
 */
export async function notifyClientOfMessage(
  tx: Executor,
  deps: PortalMailDeps,
  client: Pick<Client, 'email'>,
): Promise<void> {
  const { practiceName } = await readSiteSettings(tx);
  const body = renderEmail({
    practiceName,
    heading: 'You have a new message',
    paragraphs: [
      `Your coach at ${practiceName} sent you a message in your client portal. Sign in to read it: for your privacy, messages are never sent by email.`,
    ],
    button: { url: portalSignInUrl(deps.config.publicUrl, '/portal/messages'), label: 'Sign in to read it' },
    footer: 'You received this because you are a client of this practice.',
  });
  await enqueueMail(tx, deps, {
    kind: 'portal.message_to_client',
    to: client.email,
    subject: `New message from ${practiceName}`,
    ...body,
  });
}

/** A client asked for their data to be deleted: the coach is told (no name), the client gets a confirmation. */
export async function enqueueDeletionMails(
  tx: Executor,
  deps: PortalMailDeps,
  o: { client: Pick<Client, 'id' | 'email'>; dueWords: string; days: number },
): Promise<void> {
  const { practiceName } = await readSiteSettings(tx);
  const coach = await coachAddress(tx);
  if (coach) {
    const body = renderEmail({
      practiceName,
      heading: 'A client asked for their data to be deleted',
      paragraphs: [
        `A client asked in the portal for everything ${practiceName} holds about them to be deleted. The practice promised to do it within ${o.days} days, by ${o.dueWords}.`,
        'Open their record in the back office to see what deletion removes, state a legal hold if something must be kept, and carry it out.',
      ],
      button: { url: `${deps.config.publicUrl}/admin/clients/${o.client.id}`, label: 'Open the back office' },
      footer: 'You received this because a client asked for deletion in the client portal.',
    });
    await enqueueMail(tx, deps, {
      kind: 'portal.deletion_to_coach',
      to: coach,
      subject: 'A client asked for deletion',
      ...body,
    });
  }
  const body = renderEmail({
    practiceName,
    heading: 'We received your request to delete your data',
    paragraphs: [
      `You asked for everything ${practiceName} holds about you to be deleted. It will be done within ${o.days} days, by ${o.dueWords}, and you will not be able to sign in to the portal afterwards.`,
      'Changed your mind? Sign in to your portal and withdraw the request on the page "Your data" before then.',
    ],
    button: { url: portalSignInUrl(deps.config.publicUrl, '/portal/data'), label: 'Open your portal' },
    footer: 'You received this because you asked for deletion in the client portal.',
  });
  await enqueueMail(tx, deps, {
    kind: 'portal.deletion_to_client',
    to: o.client.email,
    subject: `Your deletion request at ${practiceName}`,
    ...body,
  });
}

/** The daily digest: how many action items are due and whether a check-in is, never their titles. */
export async function enqueueDigestMail(
  tx: Executor,
  deps: PortalMailDeps,
  o: { to: string; items: number; checkInDue: boolean },
): Promise<void> {
  const { practiceName } = await readSiteSettings(tx);
  const lines: string[] = [];
  if (o.items === 1) lines.push('One of your action items is due soon.');
  else if (o.items > 1) lines.push(`${o.items} of your action items are due soon.`);
  if (o.checkInDue) lines.push('Your check-in is due: it takes a minute.');
  const body = renderEmail({
    practiceName,
    heading: 'Your reminders for today',
    paragraphs: [
      ...lines,
      'Sign in to your client portal to see them. This is the only reminder email you get today.',
      `To change when reminders come, or to turn them off, open "Reminders" in your portal: ${deps.config.publicUrl}/portal/reminders`,
    ],
    button: {
      url: portalSignInUrl(deps.config.publicUrl, o.items > 0 ? '/portal/goals' : '/portal/check-ins'),
      label: 'Open your portal',
    },
    footer: 'You received this because reminders are on in your client portal.',
  });
  await enqueueMail(tx, deps, {
    kind: 'portal.digest',
    to: o.to,
    subject: `Your reminders from ${practiceName}`,
    ...body,
  });
}

/**
 * The client's data was deleted: they are told once, at the address it was kept under, with what
 * the practice still keeps when the coach stated a legal hold. No link: there is no portal left.
 */
export async function enqueueDeletionDoneMail(
  tx: Executor,
  deps: PortalMailDeps,
  o: { email: string; hold: string | null },
): Promise<void> {
  const { practiceName } = await readSiteSettings(tx);
  const body = renderEmail({
    practiceName,
    heading: 'Your data has been deleted',
    paragraphs: [
      `${practiceName} has deleted what it held about you: your portal account, goals, check-ins, messages, notes and files. You can no longer sign in to the portal.`,
      ...(o.hold ? ['Some records must be kept for a while, as your coach explained:'] : []),
    ],
    ...(o.hold ? { quote: { label: 'What is kept, and why', text: o.hold } } : {}),
    footer: 'You received this because your data was deleted. This is the last email about it.',
  });
  await enqueueMail(tx, deps, {
    kind: 'portal.deletion_done',
    to: o.email,
    subject: `Your data at ${practiceName} has been deleted`,
    ...body,
  });
}
