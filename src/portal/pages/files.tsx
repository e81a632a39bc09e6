import type { SharedFile } from '../../clients/index.ts';
import { CsrfField, ErrorSummary, FormActions, type FormState, visitorFormat } from '../../web/index.ts';
import { FileField } from './messages.tsx';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export interface FilesData {
  zone: string;
  files: SharedFile[];
  form: FormState;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Files from the coach (for this client or for every client) and those the client sent. */
export function PortalFilesPage({ frame, d, notice }: { frame: PortalFrame; d: FilesData; notice?: string }) {
  const fmt = visitorFormat(frame.ctx);
  const fromCoach = d.files.filter((f) => f.owner === 'coach');
  const fromMe = d.files.filter((f) => f.owner === 'client');
  const List = ({ files, caption }: { files: SharedFile[]; caption: string }) =>
    files.length === 0 ? (
      <p>None yet.</p>
    ) : (
      <table class="data">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Added</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr>
              <td>
                <a href={`/portal/files/${f.id}`}>{f.name}</a>
                {f.clientId === null ? <span class="tag">for every client</span> : null}
              </td>
              <td>{fmt.shortDate(f.createdAt, d.zone)}</td>
              <td>{size(f.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <PortalLayout frame={frame} title="Files" notice={notice}>
      <h1>Files</h1>
      <section aria-labelledby="from-coach-title">
        <h2 id="from-coach-title">From your coach</h2>
        <List files={fromCoach} caption="Files from your coach" />
      </section>
      <section aria-labelledby="from-me-title">
        <h2 id="from-me-title">Sent by you</h2>
        <List files={fromMe} caption="Files you sent" />
      </section>
      <section aria-labelledby="upload-title">
        <h2 id="upload-title">Send your coach a file</h2>
        <ErrorSummary errors={d.form.errors} labels={{ file: 'File' }} />
        <form method="post" action="/portal/files" enctype="multipart/form-data" novalidate>
          <CsrfField ctx={frame.ctx} />
          <FileField name="file" label="File" state={d.form} required />
          <FormActions>
            <button type="submit" class="button">
              Send file
            </button>
          </FormActions>
        </form>
        <p class="hint">Only you and your coach can open your files. They are stored encrypted.</p>
      </section>
    </PortalLayout>
  );
}
