import { type CrisisResource, FIND_A_HELPLINE_URL, smsHref, telHref } from '../../safety/index.ts';
import type { Referral } from '../guide.tables.ts';

/** The crisis lines as a panel: small on a coaching result, prominent after a wish to be dead. */
export function CrisisPanel({
  lines,
  prominent,
  youthFirst,
}: {
  lines: CrisisResource[];
  prominent: boolean;
  youthFirst?: boolean;
}) {
  const emergency = lines.find((l) => l.kind === 'emergency');
  const youth = youthFirst ? lines.filter((l) => l.kind === 'youth') : [];
  const crisis = [...youth, ...lines.filter((l) => l.kind === 'crisis').slice(0, prominent ? 3 : 1)];
  return (
    <section class={prominent ? 'crisis-panel prominent' : 'crisis-panel'} aria-labelledby="crisis-panel-title">
      <h2 id="crisis-panel-title">{prominent ? 'Support you can reach today' : 'If things get hard'}</h2>
      <p>
        If you ever have thoughts of ending your life, or feel unsafe, you can talk to someone right away. It is free
        and confidential, and people do get through times like this.
      </p>
      <ul class="crisis-lines">
        {crisis.map((l) => (
          <li>
            <strong>{l.name}</strong>
            {l.phone ? (
              <>
                {' '}
                · <a href={telHref(l.phone)}>Call {l.phone}</a>
              </>
            ) : null}
            {l.sms ? (
              <>
                {' '}
                ·{' '}
                <a href={smsHref(l.sms.number)}>
                  {l.sms.keyword ? `Text ${l.sms.keyword} to ${l.sms.number}` : `Text ${l.sms.number}`}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        {emergency?.phone ? (
          <>
            If you are in immediate danger, call <a href={telHref(emergency.phone)}>{emergency.phone}</a>.{' '}
          </>
        ) : (
          <>If you are in immediate danger, call your local emergency number. </>
        )}
        <a href="/help">All crisis lines</a>, or{' '}
        <a href={FIND_A_HELPLINE_URL} rel="noopener">
          find a helpline anywhere
        </a>
        .
      </p>
    </section>
  );
}

/** The therapists and services the coach trusts. */
export function ReferralList({ referrals }: { referrals: Referral[] }) {
  if (referrals.length === 0) {
    return (
      <p>
        Your family doctor (GP) can refer you to a therapist, and the national lines on our{' '}
        <a href="/help">help page</a> can point you to local services.
      </p>
    );
  }
  return (
    <ul class="referrals">
      {referrals.map((r) => (
        <li class="card">
          <h3>{r.name}</h3>
          {r.focus ? <p>{r.focus}</p> : null}
          <p>
            <strong>How to reach them:</strong> {r.how_to_reach}
          </p>
          {r.notes ? <p class="hint">{r.notes}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** The practice's conflict of interest, said plainly. */
export function ConflictNote({ statement }: { statement: string }) {
  return (
    <aside class="conflict-note" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Who made this guide</h2>
      <p>{statement}</p>
    </aside>
  );
}
