import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, coachFormat } from '../../web/index.ts';
import type { OutboxMessage } from '../mail.tables.ts';
import { statusLabels } from './outbox-list.tsx';

interface Props {
  ctx: ViewContext;
  message: Omit<OutboxMessage, 'text_sealed' | 'html_sealed'> & { headers: Record<string, string>; text: string };
  /** The From header and Message-ID domain the message goes out with. */
  from: string;
  messageIdDomain: string;
}

/** One email read back: its headers and the plain-text body, shown as text. */
export function OutboxMessagePage({ ctx, message: m, from, messageIdDomain }: Props) {
  const tz = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  const facts: [string, string | number][] = [
    ['Status', statusLabels[m.status]],
    ['Kind', m.kind],
    ['Created', f.when(m.created_at, tz)],
    ['Attempts', m.attempts],
    ...(m.sent_at !== null ? ([['Sent', f.when(m.sent_at, tz)]] as [string, string][]) : []),
  ];
  const headers: [string, string][] = [
    ['From', from],
    ['To', m.to_address],
    ...(m.reply_to ? ([['Reply-To', m.reply_to]] as [string, string][]) : []),
    ['Subject', m.subject],
    ['Message-ID', `<${m.id}@${messageIdDomain}>`],
    ['X-Tandem-Outbox-Id', m.id],
    ...Object.entries(m.headers),
  ];
  return (
    <AdminLayout ctx={ctx} title={m.subject || 'Email'}>
      <p>
        <a href="/admin/outbox">Back to the outbox</a>
      </p>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {m.last_error ? <p class="notice warning">Last error: {m.last_error}</p> : null}
      <h2>Headers</h2>
      <table class="data">
        <caption class="visually-hidden">Email headers</caption>
        <tbody>
          {headers.map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Message</h2>
      <section aria-label="Message text">
        <pre tabindex={0}>{m.text}</pre>
      </section>
    </AdminLayout>
  );
}
