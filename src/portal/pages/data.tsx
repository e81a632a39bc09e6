import type { AccessWhat, DeletionRequest, RemovedCounts } from '../../clients/index.ts';
import { CsrfField, FormActions, visitorFormat } from '../../web/index.ts';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export interface DataPageData {
  zone: string;
  pending: DeletionRequest | null;
  days: number;
  log: { at: number; who: string; what: AccessWhat }[];
  message?: string | undefined;
}

export const ACCESS_WORDS: Record<AccessWhat, string> = {
  record: 'your record',
  notes: 'the notes about you',
  messages: 'your messages',
  check_ins: 'your check-ins',
  files: 'your files',
  file: 'one of your files',
  export: 'a download of your data',
};

/** Download everything, ask for deletion (or withdraw it), and the access log. */
export function PortalDataPage({ frame, d, notice }: { frame: PortalFrame; d: DataPageData; notice?: string }) {
  const fmt = visitorFormat(frame.ctx);
  return (
    <PortalLayout frame={frame} title="Your data" notice={notice}>
      <h1>Your data</h1>
      {d.message ? (
        <p class="notice warning" role="alert">
          {d.message}
        </p>
      ) : null}
      <section aria-labelledby="download-title">
        <h2 id="download-title">Download everything</h2>
        <p>
          One ZIP file with everything this practice holds about you: your details, sessions, goals and action items,
          check-ins, messages, the notes your coach shared with you, your files and the access log below. It has the
          data twice: as a page you can open in any browser (<code>your-data.html</code>) and as JSON for other programs
          (<code>data.json</code>).
        </p>
        <p>
          <a class="button" href="/portal/data/export.zip" download>
            Download your data (ZIP)
          </a>
        </p>
      </section>

      <section aria-labelledby="deletion-title">
        <h2 id="deletion-title">Delete your data</h2>
        {d.pending ? (
          <>
            <p>
              You asked on {fmt.date(d.pending.requestedAt, d.zone)} for your data to be deleted. It will be done by{' '}
              {fmt.date(d.pending.dueAt, d.zone)}.
            </p>
            {d.pending.holdStatement ? (
              <div class="notice">
                <p>Your coach must keep some records, and says why:</p>
                <p class="portal-text">{d.pending.holdStatement}</p>
              </div>
            ) : null}
            <form method="post" action={`/portal/data/deletion/${d.pending.id}/withdraw`}>
              <CsrfField ctx={frame.ctx} />
              <FormActions>
                <button type="submit" class="button secondary">
                  Withdraw my deletion request
                </button>
              </FormActions>
            </form>
          </>
        ) : (
          <p>
            You can ask for everything to be deleted; it is done within {d.days} days. You will see what goes before you
            confirm. <a href="/portal/data/deletion">Ask for deletion</a>
          </p>
        )}
      </section>

      <section aria-labelledby="log-title">
        <h2 id="log-title">Who opened your record</h2>
        <p>Each time your coach opened your record, notes, messages, check-ins or files, it is written here.</p>
        {d.log.length === 0 ? (
          <p>Nobody has opened your record yet.</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">Access log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Opened</th>
              </tr>
            </thead>
            <tbody>
              {d.log.map((a) => (
                <tr>
                  <td>{fmt.when(a.at, d.zone)}</td>
                  <td>{a.who}</td>
                  <td>{ACCESS_WORDS[a.what] ?? a.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </PortalLayout>
  );
}

const COUNTED: [keyof RemovedCounts, string, string][] = [
  ['goals', 'goal', 'goals'],
  ['actionItems', 'action item', 'action items'],
  ['trackers', 'thing you track', 'things you track'],
  ['checkIns', 'check-in', 'check-ins'],
  ['messages', 'message', 'messages'],
  [
    'files',
    'file of yours (sent by you or shared with you alone)',
    'files of yours (sent by you or shared with you alone)',
  ],
  ['accessLogEntries', 'access-log entry', 'access-log entries'],
];

/** What deletion removes and keeps, said before the client confirms. */
export function PortalDeletionPage({
  frame,
  removes,
  days,
  message,
}: {
  frame: PortalFrame;
  removes: RemovedCounts;
  days: number;
  message?: string | undefined;
}) {
  return (
    <PortalLayout frame={frame} title="Ask for deletion">
      <h1>Ask for your data to be deleted</h1>
      {message ? (
        <p class="notice warning" role="alert">
          {message}
        </p>
      ) : null}
      <p class="lead">
        Your coach deletes it within {days} days of your request. Until then you can withdraw it. Consider downloading
        your data first: <a href="/portal/data/export.zip">download your data (ZIP)</a>.
      </p>
      <h2>What is deleted</h2>
      <ul>
        <li>
          Your client record: your name, email address, phone number and time zone. The portal no longer opens for you
          afterwards.
        </li>
        {COUNTED.map(([k, one, many]) => (
          <li>{removes[k] === 1 ? `1 ${one}` : `${removes[k]} ${many}`}</li>
        ))}
        <li>Every note your coach wrote about you.</li>
      </ul>
      <h2>What is kept</h2>
      <ul>
        <li>Files your coach shares with every client.</li>
        <li>
          Your past and planned sessions stay in the practice’s calendar as its own record, no longer linked to you; so
          do the messages you sent through the contact form.
        </li>
        <li>
          A note that a client record was deleted, and when, without your name. Your coach may also need to keep some
          records by law (for example invoices): if so, they will say so on this page.
        </li>
      </ul>
      <form method="post" action="/portal/data/deletion">
        <CsrfField ctx={frame.ctx} />
        <FormActions>
          <button type="submit" class="button danger">
            Ask for my data to be deleted
          </button>
          <a href="/portal/data">Cancel</a>
        </FormActions>
      </form>
    </PortalLayout>
  );
}
