import type { Config } from '../config.ts';
import type { SiteSettings } from '../settings/index.ts';

export interface ChecklistItem {
  done: boolean;
  /** What it is, in a few words. */
  title: string;
  /** What it means, or what to do, in plain words. */
  text: string;
  /** Where to fix it in the back office, when it can be fixed there. */
  href?: string;
  linkLabel?: string;
}

function isLocal(publicUrl: string): boolean {
  const host = new URL(publicUrl).hostname;
  return (
    host === 'localhost' || /^127\./.test(host) || host === '0.0.0.0' || host === '[::1]' || host.endsWith('.localhost')
  );
}

/** A photo address that ships with Tandem (the demo's illustration), not one the coach uploaded. */
function isShippedPhoto(photoUrl: string): boolean {
  return photoUrl.startsWith('/static/');
}

/**
 * What is left to set up before the practice is ready for visitors. Pure: config and settings in.
 * The contact address comes first: until it is set, every notice goes to the sign-in address.
 * An item is done only when the coach (or whoever runs the server) set it: a default, a local
 * address or the demo's illustration never counts.
 */
export function setupChecklist(
  config: Pick<Config, 'mailUrl' | 'publicUrl'>,
  settings: Pick<SiteSettings, 'contactEmail' | 'photoUrl'>,
): ChecklistItem[] {
  const contactEmail = settings.contactEmail.trim();
  const photoUrl = settings.photoUrl.trim();
  return [
    contactEmail
      ? {
          done: true,
          title: 'Your contact address',
          text: `Contact requests and booking notices are sent to ${contactEmail}.`,
          href: '/admin/settings',
          linkLabel: 'Change it',
        }
      : {
          done: false,
          title: 'Your contact address',
          text: 'Add the address where contact requests and booking notices should reach you. Until you do, they go to the address you sign in with.',
          href: '/admin/settings',
          linkLabel: 'Add it in site settings',
        },
    config.mailUrl
      ? {
          done: true,
          title: 'Email sending',
          text: 'Tandem can send email.',
          href: '/admin/outbox',
          linkLabel: 'See sent and waiting email',
        }
      : {
          done: false,
          title: 'Email sending',
          text: 'Email is not set up yet, so messages wait in the outbox. Whoever runs the server sets MAIL_URL to your mail provider’s SMTP address and restarts Tandem; waiting messages then go out.',
          href: '/admin/outbox',
          linkLabel: 'See waiting email',
        },
    isLocal(config.publicUrl)
      ? {
          done: false,
          title: 'Your site’s address',
          text: `Links in emails point to ${config.publicUrl}, which only works on this computer. Whoever runs the server sets PUBLIC_URL to the site’s real address, such as https://coaching.example, and restarts Tandem.`,
        }
      : { done: true, title: 'Your site’s address', text: `Links in emails point to ${config.publicUrl}.` },
    photoUrl && !isShippedPhoto(photoUrl)
      ? {
          done: true,
          title: 'Your photo',
          text: 'Your photo is on the site.',
          href: '/admin/settings',
          linkLabel: 'Change it',
        }
      : {
          done: false,
          title: 'Your photo',
          text: photoUrl
            ? 'The site shows an illustration in place of your photo. A friendly photo helps people decide to get in touch.'
            : 'A friendly photo helps people decide to get in touch.',
          href: '/admin/settings',
          linkLabel: 'Add one in site settings',
        },
  ];
}
