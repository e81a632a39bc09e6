import type { ViewContext } from '../../web/index.ts';
import { AdminLayout, CsrfField, coachFormat } from '../../web/index.ts';
import type { ContactRequest } from '../contact.tables.ts';

interface Props {
  ctx: ViewContext;
  request: Omit<ContactRequest, 'message_sealed'> & { message: string };
  notice?: string | undefined;
}

const preferenceWords = { email: 'Email', phone: 'Phone' } as const;

/** mailto: with the address kept readable but anything odd in it encoded. */
function mailtoHref(email: string, practiceName: string): string {
  const at = email.lastIndexOf('@');
  const address = `${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
  return `mailto:${address}?subject=${encodeURIComponent(`Re: your message to ${practiceName}`)}`;
}

/** One contact request in full; the visitor's words are shown as text, never as markup. */
export function AdminContactRequestPage({ ctx, request: r, notice }: Props) {
  const facts: [string, string][] = [
    ['Received', coachFormat(ctx).when(r.created_at, ctx.settings.timeZone)],
    ['Name', r.name],
    ['Email', r.email],
    ['Phone', r.phone ?? 'Not given'],
    ['Prefers to be contacted by', r.preferred_contact ? preferenceWords[r.preferred_contact] : 'No preference'],
  ];
  return (
    <AdminLayout ctx={ctx} title={`Message from ${r.name}`} notice={notice}>
      <p>
        <a href="/admin/contact">Back to all contact requests</a>
      </p>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2>Message</h2>
      <div class="prose">
        {r.message.split(/\n{2,}/).map((para) => (
          <p>
            {para.split('\n').map((line, i) => (
              <>
                {i > 0 ? <br /> : null}
                {line}
              </>
            ))}
          </p>
        ))}
      </div>
      <div class="actions">
        <a class="button" href={mailtoHref(r.email, ctx.settings.practiceName)}>
          Reply by email
        </a>
        <form method="post" action={`/admin/contact/${encodeURIComponent(r.id)}/unread`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button secondary">
            Mark as unread
          </button>
        </form>
      </div>
    </AdminLayout>
  );
}
