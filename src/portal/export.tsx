import { strToU8, zipSync } from 'fflate';
import { renderToString } from 'preact-render-to-string';
import type { ClientSession } from '../booking/index.ts';
import { type ClientExport, type ClientsDeps, exportClientData, fileForDownload } from '../clients/index.ts';
import { toIsoUtc } from '../time/index.ts';

// "Download everything": clients' export (private notes are never in it), the sessions beside it
// (booking's), as JSON for machines and one readable HTML page for people, with the files' bytes.

const SESSION_STATUS: Record<string, string> = {
  pending: 'Waiting for the coach',
  confirmed: 'Booked',
  completed: 'Took place',
  no_show: 'Missed',
  cancelled: 'Cancelled',
  declined: 'Declined by the coach',
};

export interface PortalExport extends ClientExport {
  sessions: {
    service: string;
    start: string;
    end: string;
    timeZone: string;
    modality: string;
    status: string;
    phone: string | null;
  }[];
}

/** A file name inside the ZIP: unique (numbered) and without folders. */
function zipName(i: number, name: string): string {
  const safe = name.replace(/[/\\:*?"<>|]/g, '_').slice(0, 120) || 'file';
  return `files/${String(i + 1).padStart(3, '0')}-${safe}`;
}

/** The whole download: data.json, your-data.html and files/…, zipped. */
export async function buildDataZip(
  deps: ClientsDeps,
  clientId: string,
  sessions: readonly ClientSession[],
): Promise<Uint8Array> {
  const data: PortalExport = {
    ...(await exportClientData(deps, clientId)),
    sessions: sessions.map((s) => ({
      service: s.serviceName,
      start: toIsoUtc(s.startAt),
      end: toIsoUtc(s.endAt),
      timeZone: s.timeZone,
      modality: s.modality,
      status: s.status,
      phone: s.clientPhone,
    })),
  };
  const entries: Record<string, Uint8Array> = {};
  const names = new Map<string, string>();
  for (const [i, f] of data.files.entries()) {
    const { bytes } = await fileForDownload(deps, f.id, { clientId });
    const name = zipName(i, f.name);
    names.set(f.id, name);
    entries[name] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  entries['data.json'] = strToU8(`${JSON.stringify(data, null, 2)}\n`);
  entries['your-data.html'] = strToU8(`<!doctype html>${renderToString(<ExportPage data={data} files={names} />)}`);
  // Files are mostly compressed already (PDF, images, Office); the text compresses well.
  return zipSync(entries, { level: 6 });
}

function Table({ head, rows }: { head: string[]; rows: (string | number | null)[][] }) {
  if (rows.length === 0) return <p>None.</p>;
  return (
    <table>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {r.map((c) => (
              <td>{c ?? ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const css =
  'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1b}' +
  'table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}' +
  'blockquote{white-space:pre-wrap;margin:0 0 1rem;padding:.5rem 1rem;border-left:4px solid #2f5d50;background:#f6f6f4}';

/** The readable page in the ZIP: the same data as data.json, in words and tables, all text escaped. */
function ExportPage({ data, files }: { data: PortalExport; files: Map<string, string> }) {
  const c = data.client;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Your data, {c.name}</title>
        <style>{css}</style>
      </head>
      <body>
        <h1>Everything we hold about you</h1>
        <p>
          Exported {data.exportedAt} (times are UTC, in ISO 8601). The same data is in <code>data.json</code>, for other
          programs; files are in the folder <code>files</code>.
        </p>
        <h2>Your details</h2>
        <Table
          head={['Name', 'Email', 'Phone', 'Time zone', 'Client since', 'Last activity']}
          rows={[[c.name, c.email, c.phone, c.timeZone, c.since, c.lastActivity]]}
        />
        <p>
          Reminder emails: {c.reminders.on ? 'on' : 'off'}; quiet hours {minutes(c.reminders.quietStartMin)} to{' '}
          {minutes(c.reminders.quietEndMin)}.
        </p>
        <h2>Sessions</h2>
        <Table
          head={['Service', 'Start', 'End', 'How', 'Status']}
          rows={data.sessions.map((s) => [
            s.service,
            s.start,
            s.end,
            s.modality === 'phone' ? 'By phone' : 'By video',
            SESSION_STATUS[s.status] ?? s.status,
          ])}
        />
        <h2>Goals and action items</h2>
        {data.goals.length === 0 ? <p>None.</p> : null}
        {data.goals.map((g) => (
          <section>
            <h3>
              {g.title} ({g.status})
            </h3>
            {g.detail ? <blockquote>{g.detail}</blockquote> : null}
            <Table
              head={['Action item', 'Due', 'Done']}
              rows={g.actionItems.map((i) => [i.title, i.due, i.done ?? 'not yet'])}
            />
          </section>
        ))}
        <h2>Check-ins</h2>
        <Table
          head={['Date', 'Scores', 'Note']}
          rows={data.checkIns.map((ci) => [
            ci.date,
            ci.scores.map((s) => `${s.tracker}: ${s.score}`).join(', '),
            ci.note,
          ])}
        />
        <h2>Messages</h2>
        {data.messages.length === 0 ? <p>None.</p> : null}
        {data.messages.map((m) => (
          <section>
            <h3>
              {m.from === 'client' ? 'You' : 'Your coach'}, {m.at}
            </h3>
            <blockquote>{m.text}</blockquote>
          </section>
        ))}
        <h2>Notes your coach shared with you</h2>
        {data.sharedNotes.length === 0 ? <p>None.</p> : null}
        {data.sharedNotes.map((n) => (
          <blockquote>{n.text}</blockquote>
        ))}
        <h2>Files</h2>
        <Table
          head={['Name', 'In this download', 'From', 'Added', 'Bytes']}
          rows={data.files.map((f) => [
            f.name,
            files.get(f.id) ?? '',
            f.from === 'client' ? 'You' : 'Your coach',
            f.added,
            f.bytes,
          ])}
        />
        <h2>Who opened your record</h2>
        <Table head={['When', 'Who', 'What']} rows={data.accessLog.map((a) => [a.at, a.who, a.opened])} />
        <h2>Deletion requests</h2>
        <Table
          head={['Asked', 'Status', 'Due', 'Kept, and why']}
          rows={data.deletionRequests.map((r) => [r.requested, r.status, r.due, r.hold])}
        />
      </body>
    </html>
  );
}

function minutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
