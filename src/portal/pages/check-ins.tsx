import type { CheckIn, CheckInState, Tracker } from '../../clients/index.ts';
import {
  CheckInChart,
  CsrfField,
  ErrorSummary,
  FormActions,
  type FormState,
  Select,
  TextArea,
  visitorFormat,
} from '../../web/index.ts';
import { type PortalFrame, PortalLayout } from './portal-layout.tsx';

export const MAX_CHECK_IN_NOTE = 4_000;

export interface CheckInsData {
  zone: string;
  today: string;
  trackers: Tracker[];
  checkIns: CheckIn[];
  state: CheckInState;
  due: string | null;
  form: FormState;
}

/** The field of one tracker's score. */
export const scoreField = (trackerId: string) => `score_${trackerId}`;

const SCORES = [
  { value: '', label: 'Choose a score' },
  ...Array.from({ length: 10 }, (_, i) => ({
    value: String(i + 1),
    label: i === 0 ? '1 (low)' : i === 9 ? '10 (high)' : String(i + 1),
  })),
];

/** Today's check-in (a score per tracker and a note), then the chart and its table. */
export function PortalCheckInsPage({ frame, d, notice }: { frame: PortalFrame; d: CheckInsData; notice?: string }) {
  const fmt = visitorFormat(frame.ctx);
  const active = d.trackers.filter((t) => t.active);
  const todays = d.checkIns.find((c) => c.localDate === d.today);
  const labels: Record<string, string> = { note: 'A note' };
  for (const t of active) labels[scoreField(t.id)] = t.label;
  return (
    <PortalLayout frame={frame} title="Your check-ins" notice={notice}>
      <h1>Your check-ins</h1>
      <p>
        {d.state === 'due'
          ? 'Your check-in is due today.'
          : d.state === 'overdue' && d.due
            ? `Your check-in was due on ${fmt.day(d.due as never)}. Whenever you are ready is fine.`
            : d.state === 'upcoming' && d.due
              ? `Your next check-in is due on ${fmt.day(d.due as never)}. You can check in any day.`
              : 'You can check in any day.'}
      </p>
      {active.length === 0 ? <ErrorSummary errors={d.form.errors} labels={labels} /> : null}
      {active.length === 0 ? (
        <p>Your coach has not chosen anything to track yet. Once they have, the check-in form appears here.</p>
      ) : (
        <section aria-labelledby="check-in-form-title">
          <h2 id="check-in-form-title">Check in for today, {fmt.day(d.today as never)}</h2>
          {todays ? <p class="hint">You checked in today already; sending again replaces today’s check-in.</p> : null}
          <ErrorSummary errors={d.form.errors} labels={labels} />
          <form method="post" action="/portal/check-ins" novalidate>
            <CsrfField ctx={frame.ctx} />
            <fieldset>
              <legend>How is it going, from 1 (low) to 10 (high)?</legend>
              {active.map((t) => (
                <Select
                  name={scoreField(t.id)}
                  label={t.label}
                  state={d.form}
                  required
                  options={SCORES}
                  value={todays?.scores[t.id] ? String(todays.scores[t.id]) : ''}
                />
              ))}
            </fieldset>
            <TextArea
              name="note"
              label={labels.note!}
              state={d.form}
              rows={4}
              hint="Anything you want your coach to know. Only you and your coach can read it."
            />
            <FormActions>
              <button type="submit" class="button">
                Send check-in
              </button>
            </FormActions>
          </form>
        </section>
      )}
      <CheckInChart
        trackers={d.trackers}
        checkIns={d.checkIns}
        zone={d.zone}
        format={fmt}
        headingLevel={2}
        id="portal-chart"
      />
    </PortalLayout>
  );
}
