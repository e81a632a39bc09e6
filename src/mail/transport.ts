import nodemailer from 'nodemailer';

/** A display name and address kept apart, so a name with quotes or commas cannot break the header. */
export interface MailAddress {
  name: string;
  address: string;
}

export interface OutgoingMail {
  from: string | MailAddress;
  to: string;
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  messageId?: string;
  attachments?: MailAttachment[];
}

/** A file sent with a message, its content inline (never a path or URL). */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** The one way out to SMTP. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP transport from MAIL_URL (smtp://user:pass@host:port). */
export function createMailTransport(url: string): MailTransport {
  // Fail fast when the server is down so the outbox can retry later.
  const t = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(mail) {
      await t.sendMail({ ...mail, disableFileAccess: true, disableUrlAccess: true });
    },
    close: () => t.close(),
  };
}
