import { renderToString } from 'preact-render-to-string';

/** What an email says; renderEmail turns it into the plain-text and HTML parts. */
export interface EmailContent {
  practiceName: string;
  heading: string;
  paragraphs: string[];
  /** Labelled facts, one a line (name, email, phone…). */
  facts?: { label: string; value: string }[];
  /** Someone's own words, kept exactly as written, line breaks and all. */
  quote?: { label: string; text: string };
  /** One link shown as a button; an absolute http(s) address. */
  button?: { label: string; url: string };
  /** A small last line, e.g. why this email was sent. */
  footer?: string;
}

// Email clients ignore stylesheets and our CSP does not reach them, so the HTML part carries its
// few styles inline. Nothing remote: no images, fonts or tracking, and links are left as written.
const font = 'font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;';
const s = {
  body: `margin:0;padding:24px 12px;background:#f6f6f4;color:#1d1d1b;${font}`,
  card: 'max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;',
  brand: 'margin:0 0 16px;font-size:14px;color:#4a4a46;',
  h1: 'margin:0 0 16px;font-size:22px;line-height:1.3;',
  p: 'margin:0 0 14px;font-size:16px;line-height:1.5;',
  label: 'font-weight:600;',
  quote:
    'margin:0 0 16px;padding:12px 16px;border-left:4px solid #2f5d50;background:#f6f6f4;white-space:pre-wrap;font-size:16px;line-height:1.5;',
  button:
    'display:inline-block;padding:12px 20px;background:#2f5d50;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;',
  footer: 'margin:24px 0 0;font-size:13px;color:#5c5c57;',
};

/** The one email template: the same content as plain text and as simple, escaped HTML. */
export function renderEmail(c: EmailContent): { text: string; html: string } {
  if (c.button && !/^https?:\/\//.test(c.button.url))
    throw new Error('email button links must be absolute http(s) URLs');
  return { text: renderText(c), html: '<!doctype html>' + renderToString(<EmailHtml {...c} />) };
}

function renderText(c: EmailContent): string {
  const blocks: string[] = [c.heading, ...c.paragraphs];
  if (c.facts?.length) blocks.push(c.facts.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (c.quote) blocks.push(`${c.quote.label}:\n\n${c.quote.text}`);
  if (c.button) blocks.push(`${c.button.label}:\n${c.button.url}`);
  blocks.push(`-- \n${c.practiceName}${c.footer ? `\n${c.footer}` : ''}`);
  return blocks.join('\n\n') + '\n';
}

function EmailHtml(c: EmailContent) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{c.heading}</title>
      </head>
      <body style={s.body}>
        <div style={s.card}>
          <p style={s.brand}>{c.practiceName}</p>
          <h1 style={s.h1}>{c.heading}</h1>
          {c.paragraphs.map((p) => (
            <p style={s.p}>{p}</p>
          ))}
          {c.facts?.length ? (
            <p style={s.p}>
              {c.facts.map((f, i) => (
                <>
                  {i > 0 ? <br /> : null}
                  <span style={s.label}>{f.label}:</span> {f.value}
                </>
              ))}
            </p>
          ) : null}
          {c.quote ? (
            <>
              <p style={s.p}>
                <span style={s.label}>{c.quote.label}:</span>
              </p>
              <div style={s.quote}>{c.quote.text}</div>
            </>
          ) : null}
          {c.button ? (
            <p style={s.p}>
              <a href={c.button.url} style={s.button}>
                {c.button.label}
              </a>
            </p>
          ) : null}
          <p style={s.footer}>
            {c.practiceName}
            {c.footer ? (
              <>
                <br />
                {c.footer}
              </>
            ) : null}
          </p>
        </div>
      </body>
    </html>
  );
}
