import type { Message } from '../../clients/index.ts';
import { CsrfField, ErrorSummary, FormActions, type FormState, TextArea, visitorFormat } from '../../web/index.ts';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export const messageLabels = { message: 'Your message', file: 'Attach a file' } as const;

export interface MessagesData {
  zone: string;
  coachName: string;
  messages: Message[];
  /** The address of the page before these, when there are older messages. */
  earlier: string | null;
  files: Map<string, string>;
  maxMessage: number;
  form: FormState;
}

/** The one conversation with the coach, oldest first, and the form to write (with a file, optional). */
export function PortalMessagesPage({ frame, d, notice }: { frame: PortalFrame; d: MessagesData; notice?: string }) {
  const fmt = visitorFormat(frame.ctx);
  return (
    <PortalLayout frame={frame} title="Messages" notice={notice}>
      <h1>Messages with {d.coachName}</h1>
      <p class="notice warning">
        Messages are not watched around the clock: your coach reads them during working hours. If you are in crisis or
        in danger, do not wait for a reply. <a href="/help">Need help now? See who you can reach right away</a>.
      </p>
      {d.earlier ? (
        <p>
          <a href={d.earlier}>Earlier messages</a>
        </p>
      ) : null}
      {d.messages.length === 0 ? (
        <p>No messages yet. Write the first one below.</p>
      ) : (
        <ol class="portal-messages">
          {d.messages.map((m) => (
            <li class={m.from === 'client' ? 'from-me' : 'from-coach'}>
              <p class="message-meta">
                <strong>{m.from === 'client' ? 'You' : d.coachName}</strong>,{' '}
                <time datetime={new Date(m.at).toISOString()}>{fmt.when(m.at, d.zone)}</time>
                {m.from === 'client' ? (m.readAt ? ' · read' : ' · not read yet') : ''}
              </p>
              <div class="portal-text">{m.body}</div>
              {m.fileId && d.files.has(m.fileId) ? (
                <p>
                  Attached: <a href={`/portal/files/${m.fileId}`}>{d.files.get(m.fileId)}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="write-title">
        <h2 id="write-title">Write to {d.coachName}</h2>
        <ErrorSummary errors={d.form.errors} labels={messageLabels} />
        <form method="post" action="/portal/messages" enctype="multipart/form-data" novalidate>
          <CsrfField ctx={frame.ctx} />
          <TextArea
            name="message"
            label={messageLabels.message}
            state={d.form}
            required
            rows={6}
            hint={`Up to ${fmt.count(d.maxMessage)} characters. Stored encrypted; the email your coach gets says only that there is a message.`}
          />
          <FileField name="file" label={messageLabels.file} state={d.form} />
          <FormActions>
            <button type="submit" class="button">
              Send message
            </button>
          </FormActions>
        </form>
      </section>
    </PortalLayout>
  );
}

export const FILE_HINT =
  'A PDF, an image (PNG, JPEG or WebP), a plain text file, or a Word, Excel or OpenDocument file, up to 10 MB.';

/** A file input with its label, hint and message, like web's fields (a file is never typed back in). */
export function FileField({
  name,
  label,
  state,
  required,
}: {
  name: string;
  label: string;
  state: FormState;
  required?: boolean;
}) {
  const error = state.errors[name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`f-${name}`}>
        {label}
        {required ? null : <span class="optional"> (optional)</span>}
      </label>
      <p class="hint" id={`h-${name}`}>
        {FILE_HINT}
      </p>
      {error ? (
        <p class="field-error" id={`e-${name}`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={`f-${name}`}
        name={name}
        type="file"
        required={required}
        accept=".pdf,.png,.jpg,.jpeg,.webp,.txt,.md,.csv,.docx,.xlsx,.pptx,.odt,.ods"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `h-${name} e-${name}` : `h-${name}`}
      />
    </div>
  );
}
