import { type MailDraft, renderEmail } from '../mail/index.ts';
import type { SiteSettings } from '../settings/index.ts';
import type { ContactInput } from './contact.form.ts';

const preferenceWords = { email: 'Email', phone: 'Phone' } as const;

/** The coach's copy: everything the visitor sent, with Reply-To set to them. */
export function coachNotification(o: {
  to: string;
  requestId: string;
  input: ContactInput;
  settings: SiteSettings;
  publicUrl: string;
}): MailDraft {
  const { input } = o;
  const content = renderEmail({
    practiceName: o.settings.practiceName,
    heading: `New message from ${input.name}`,
    paragraphs: [
      'Someone wrote to you through the contact form on your site. Reply to this email to answer them directly.',
    ],
    facts: [
      { label: 'Name', value: input.name },
      { label: 'Email', value: input.email },
      { label: 'Phone', value: input.phone || 'Not given' },
      {
        label: 'Prefers to be contacted by',
        value: input.preferred ? preferenceWords[input.preferred] : 'No preference',
      },
    ],
    quote: { label: 'Their message', text: input.message },
    button: {
      label: 'Open it in the back office',
      url: `${o.publicUrl}/admin/contact/${encodeURIComponent(o.requestId)}`,
    },
    footer: 'You get this email because this address receives messages from your contact form.',
  });
  return {
    kind: 'contact.to_coach',
    to: o.to,
    replyTo: input.email,
    subject: `New message from ${input.name}`,
    ...content,
  };
}

/**
 * The visitor's acknowledgement. It repeats neither their message nor their name: the address
 * is unconfirmed, and a form that echoes text to any address would let others send spam through us.
 */
export function visitorAcknowledgement(o: {
  input: ContactInput;
  settings: SiteSettings;
  publicUrl: string;
}): MailDraft {
  const { settings } = o;
  const by = o.input.preferred === 'phone' ? 'by phone, as you asked' : 'by email';
  const content = renderEmail({
    practiceName: settings.practiceName,
    heading: 'Thank you, your message arrived',
    paragraphs: [
      `Every message is read personally, and you will usually hear back within two working days, ${by}.`,
      'There is nothing more you need to do. If you did not write to us, you can ignore this email.',
      `This inbox is not watched around the clock. If you are in crisis or in danger, please do not wait for a reply: ${o.publicUrl}/help lists who you can reach right now.`,
    ],
    footer: 'You get this email because this address was entered in our contact form.',
  });
  return {
    kind: 'contact.acknowledgement',
    to: o.input.email,
    subject: `We received your message · ${settings.practiceName}`,
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...content,
  };
}
