import { modalityLabel, type Service } from '../../site/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Radios,
  Select,
  TextArea,
} from '../../web/index.ts';
import type { BookingCalendarTable } from '../booking.tables.ts';
import { formatRanges, weekdayNames, weekdaysInOrder, weeklyField, weeklyFormValues, weeklyRows } from '../setup.ts';
import type { WallRange } from '../slots.ts';

/** /admin/services: every service, bookable or not. */
export function AdminServicesPage({
  ctx,
  services,
  notice,
}: {
  ctx: ViewContext;
  services: Service[];
  notice?: string | undefined;
}) {
  const f = coachFormat(ctx);
  return (
    <AdminLayout ctx={ctx} title="Services" notice={notice}>
      <p>
        <a class="button" href="/admin/services/new">
          New service
        </a>
      </p>
      <table class="data">
        <caption class="visually-hidden">Services</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Length</th>
            <th scope="col">Price</th>
            <th scope="col">How</th>
            <th scope="col">Shown</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr>
              <td data-label="Name">
                <a href={`/admin/services/${s.id}`}>{s.name}</a>
              </td>
              <td data-label="Length">{f.duration(s.duration_minutes)}</td>
              <td data-label="Price">{f.money(s.price_cents, s.currency)}</td>
              <td data-label="How">{modalityLabel(s.modality)}</td>
              <td data-label="Shown">{s.active ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

const yesNo = [
  { value: '1', label: 'Yes' },
  { value: '0', label: 'No' },
];

/** Create or edit a service with all its booking rules. */
export function AdminServiceFormPage({ ctx, id, state }: { ctx: ViewContext; id: string | null; state: FormState }) {
  return (
    <AdminLayout ctx={ctx} title={id ? 'Edit service' : 'New service'}>
      {id ? (
        <p>
          <a href={`/admin/services/${id}/questions`}>Questions asked when booking this service</a>
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} />
      <form method="post" action={id ? `/admin/services/${id}` : '/admin/services/new'} novalidate>
        <CsrfField ctx={ctx} />
        <h2>What it is</h2>
        <Field name="name" label="Name" state={state} required />
        <Field
          name="slug"
          label="Address"
          state={state}
          required
          hint="Used in /book/… links: lowercase letters, digits and dashes."
        />
        <Field name="summary" label="One-line summary" state={state} required />
        <TextArea name="description_md" label="Description (Markdown)" state={state} rows={6} />
        <Field name="duration_minutes" label="Length in minutes" state={state} required inputMode="numeric" />
        <Field
          name="price"
          label="Price"
          state={state}
          required
          hint="Shown to clients; payment is arranged separately for now."
        />
        <Field name="currency" label="Currency" state={state} required />
        <Radios
          name="modality"
          label="How it happens"
          state={state}
          required
          options={[
            { value: 'video', label: 'Video in the portal' },
            { value: 'phone', label: 'Phone' },
            { value: 'choice', label: 'The client chooses' },
          ]}
        />
        <Radios name="active" label="Shown and bookable" state={state} required options={yesNo} />
        <Field name="sort_order" label="Order" state={state} required inputMode="numeric" />
        <h2>How it is booked</h2>
        <Field
          name="buffer_before_min"
          label="Buffer minutes before"
          state={state}
          required
          inputMode="numeric"
          hint="Kept clear of other bookings before each session."
        />
        <Field
          name="buffer_after_min"
          label="Buffer minutes after"
          state={state}
          required
          inputMode="numeric"
          hint="Kept clear of other bookings after each session."
        />
        <Field
          name="series_count"
          label="Sessions in one booking"
          state={state}
          required
          inputMode="numeric"
          hint="1 for a single session. More makes a package: one booking books them all, at the same time of day."
        />
        <Select
          name="series_repeat"
          label="A package's sessions are"
          state={state}
          required
          options={[
            { value: 'weekly', label: 'Every week' },
            { value: 'fortnightly', label: 'Every two weeks' },
            { value: 'monthly', label: 'Every month' },
          ]}
          hint="The first session must fall within the days ahead clients may book; the others follow at this rhythm."
        />
        <Radios
          name="once_per_client"
          label="Once per client"
          state={state}
          required
          options={yesNo}
          hint="For a free introductory call: a client who has one booked or done cannot book another (you still can, for them)."
        />
        <Field
          name="notice_min"
          label="Minimum notice, in hours"
          state={state}
          required
          hint="No bookings sooner than this."
        />
        <Field
          name="horizon_days"
          label="How many days ahead clients may book"
          state={state}
          required
          inputMode="numeric"
        />
        <Field
          name="step_min"
          label="Minutes between offered start times"
          state={state}
          required
          inputMode="numeric"
          hint="0 means the session's length."
        />
        <Field
          name="daily_limit"
          label="At most this many a day"
          state={state}
          inputMode="numeric"
          hint="Leave empty for no limit."
        />
        <Radios
          name="intake_required"
          label="New clients answer the intake questions first"
          state={state}
          required
          options={yesNo}
        />
        <Radios
          name="approval_required"
          label="New clients wait for your approval"
          state={state}
          required
          options={yesNo}
        />
        <Field
          name="cancel_notice_min"
          label="Notice needed to move or cancel online, in hours"
          state={state}
          required
          hint="Inside it, clients see your policy and a way to write to you."
        />
        <Field
          name="reminders"
          label="Reminders, in hours before the session"
          state={state}
          hint="Comma-separated, like 24, 1. Leave empty for none."
        />
        <FormActions>
          <button type="submit" class="button">
            Save service
          </button>
          <a href="/admin/services">Back to services</a>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

interface AvailabilityProps {
  ctx: ViewContext;
  weekly: Record<number, WallRange[]>;
  overrides: { date: string; ranges: WallRange[]; note: string }[];
  timeOff: { id: string; from_date: string; to_date: string; note: string }[];
  calendar: BookingCalendarTable;
  forms: { weekly?: FormState; override?: FormState; timeOff?: FormState; external?: FormState };
  /** True when the cached busy times are old. */
  stale: boolean;
  notice?: string | undefined;
}

function RemoveButton({
  ctx,
  kind,
  keyValue,
  label,
}: {
  ctx: ViewContext;
  kind: string;
  keyValue: string;
  label: string;
}) {
  return (
    <form method="post" action="/admin/availability/remove" class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="key" value={keyValue} />
      <button type="submit" class="link-button">
        Remove<span class="visually-hidden"> {label}</span>
      </button>
    </form>
  );
}

/** One row of a day's hours: from, to and (for a row with something in it) Remove. */
function WeeklyRow({ state, weekday, row }: { state: FormState; weekday: number; row: number }) {
  const day = weekdayNames[weekday - 1]!;
  const name = (part: 'from' | 'to' | 'remove') => weeklyField(weekday, row, part);
  const from = state.values[name('from')] ?? '';
  const to = state.values[name('to')] ?? '';
  const removing = !!state.values[name('remove')];
  // One message per row, beside it, read out with both of its times.
  const wrong = state.errors[name('from')] ? 'from' : state.errors[name('to')] ? 'to' : undefined;
  const errorId = `e-d${weekday}.${row}`;
  const time = (part: 'from' | 'to', label: string, value: string) => (
    <div class="field">
      <label for={`f-${name(part)}`}>
        <span class="visually-hidden">{day}, </span>
        {label}
      </label>
      <input
        id={`f-${name(part)}`}
        name={name(part)}
        type="time"
        value={value}
        aria-invalid={wrong === part ? 'true' : undefined}
        aria-describedby={wrong ? errorId : undefined}
      />
    </div>
  );
  return (
    <div class={wrong ? 'weekly-row has-error' : 'weekly-row'}>
      {wrong ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {state.errors[name(wrong)]}
        </p>
      ) : null}
      {/* colour-row: the shared grid that puts the fields side by side where there is room. */}
      <div class="colour-row">
        {time('from', 'From', from)}
        {time('to', 'To', to)}
        {from || to || removing ? (
          <div class="checkbox">
            <input id={`f-${name('remove')}`} name={name('remove')} type="checkbox" value="1" checked={removing} />
            <label for={`f-${name('remove')}`}>
              Remove
              <span class="visually-hidden">
                {' '}
                {day} {from || '…'} to {to || '…'}
              </span>
            </label>
          </div>
        ) : (
          // An empty third cell keeps the new row's two fields as wide as the rows above.
          <div />
        )}
      </div>
    </div>
  );
}

/**
 * Weekly hours as rows of from–to times, one fieldset per weekday in the order the coach's week
 * starts. Without JavaScript: each day always has one empty row, and "Add another row" sends the
 * form back to be shown with one more (nothing saved); a day with no times is closed.
 */
function WeeklyHoursForm({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const midnight = coachFormat(ctx).time(0, 'UTC');
  const rowsOf = weeklyRows(state.values);
  const labels: Record<string, string> = {};
  for (let d = 1; d <= 7; d++)
    for (const row of rowsOf[d] ?? []) {
      labels[weeklyField(d, row, 'from')] = `${weekdayNames[d - 1]}, from`;
      labels[weeklyField(d, row, 'to')] = `${weekdayNames[d - 1]}, to`;
    }
  return (
    <>
      <ErrorSummary errors={state.errors} labels={labels} />
      <form method="post" action="/admin/availability/weekly" novalidate>
        <CsrfField ctx={ctx} />
        {/* Enter in a time field presses the form's first button (even a hidden one): Save, not "Add another row". */}
        <button type="submit" hidden>
          Save weekly hours
        </button>
        <p class="hint">
          Leave a day without times to close it. To work until midnight, end at {midnight}. Clear a row's times or tick
          Remove to drop it.
        </p>
        {weekdaysInOrder(ctx.settings.locale).map((d) => {
          const day = weekdayNames[d - 1]!;
          const rows = rowsOf[d]?.length ? rowsOf[d]! : [0];
          return (
            <fieldset id={`weekly-d${d}`}>
              <legend>{day}</legend>
              {rows.map((row) => (
                <WeeklyRow state={state} weekday={d} row={row} />
              ))}
              <p>
                <button
                  type="submit"
                  name="add"
                  value={String(d)}
                  formaction={`/admin/availability/weekly#weekly-d${d}`}
                  class="button secondary"
                >
                  Add another row<span class="visually-hidden"> for {day}</span>
                </button>
              </p>
            </fieldset>
          );
        })}
        <FormActions>
          <button type="submit" class="button">
            Save weekly hours
          </button>
        </FormActions>
      </form>
    </>
  );
}

/** Weekly hours, date overrides, time off and the calendar feeds, on one page. */
export function AdminAvailabilityPage({
  ctx,
  weekly,
  overrides,
  timeOff,
  calendar,
  forms,
  notice,
  stale,
}: AvailabilityProps) {
  const zone = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  const weeklyState = forms.weekly ?? { values: weeklyFormValues(weekly), errors: {} };
  const empty = { values: {}, errors: {} };
  const feedUrl = `${ctx.publicUrl}/book/feed.ics?key=${encodeURIComponent(calendar.feed_token)}`;
  return (
    <AdminLayout ctx={ctx} title="Availability" notice={notice}>
      <p>
        All times are in your time zone, {zone.replace(/_/g, ' ')} (change it in{' '}
        <a href="/admin/settings">site settings</a>). Clients see them in their own.
      </p>
      <section aria-labelledby="weekly-title">
        <h2 id="weekly-title">Weekly hours</h2>
        <WeeklyHoursForm ctx={ctx} state={weeklyState} />
      </section>
      <section aria-labelledby="override-title">
        <h2 id="override-title">Other hours on a date</h2>
        <ul>
          {overrides.map((o) => (
            <li>
              {f.day(o.date)}: {o.ranges.length ? formatRanges(o.ranges) : 'closed'}
              {o.note ? ` (${o.note})` : ''} <RemoveButton ctx={ctx} kind="override" keyValue={o.date} label={o.date} />
            </li>
          ))}
        </ul>
        <ErrorSummary errors={(forms.override ?? empty).errors} />
        <form method="post" action="/admin/availability/override" novalidate>
          <CsrfField ctx={ctx} />
          <Field name="date" label="Date" type="date" state={forms.override ?? empty} required />
          <Field name="hours" label="Hours that day" state={forms.override ?? empty} hint="Empty: closed that day." />
          <Field name="note" label="Note for yourself" state={forms.override ?? empty} />
          <FormActions>
            <button type="submit" class="button secondary">
              Set hours for this date
            </button>
          </FormActions>
        </form>
      </section>
      <section aria-labelledby="off-title">
        <h2 id="off-title">Time off</h2>
        <ul>
          {timeOff.map((t) => (
            <li>
              {f.day(t.from_date)} to {f.day(t.to_date)}
              {t.note ? ` (${t.note})` : ''}{' '}
              <RemoveButton ctx={ctx} kind="time_off" keyValue={t.id} label={`${t.from_date} to ${t.to_date}`} />
            </li>
          ))}
        </ul>
        <ErrorSummary errors={(forms.timeOff ?? empty).errors} />
        <form method="post" action="/admin/availability/time-off" novalidate>
          <CsrfField ctx={ctx} />
          <Field name="from" label="First day" type="date" state={forms.timeOff ?? empty} required />
          <Field name="to" label="Last day" type="date" state={forms.timeOff ?? empty} required />
          <Field name="note" label="Note for yourself" state={forms.timeOff ?? empty} />
          <FormActions>
            <button type="submit" class="button secondary">
              Add time off
            </button>
          </FormActions>
        </form>
      </section>
      <section aria-labelledby="feed-title">
        <h2 id="feed-title">Your calendar feed</h2>
        <p>
          Subscribe to this private address in your calendar app to see every booking. Anyone with it can read your
          bookings, so keep it to yourself.
        </p>
        <p>
          <code class="feed-url">{feedUrl}</code>
        </p>
        <form method="post" action="/admin/availability/feed" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button secondary">
            Make a new address (the old one stops working)
          </button>
        </form>
        <h3>Busy times from your other calendar</h3>
        <p>
          Paste the private iCalendar (ICS) address of the calendar you already use. It is read in the background every
          quarter of an hour; booking pages never wait for it.
        </p>
        {calendar.external_url ? (
          <p class={calendar.external_error || stale ? 'notice warning' : 'notice'} role="status">
            {calendar.external_error
              ? `The last read failed: ${calendar.external_error}. Times busy in that calendar may be offered until it works again.`
              : calendar.external_fetched_at
                ? `Last read ${f.when(calendar.external_fetched_at, zone)}${stale ? ' — that is a while ago; check the address.' : '.'}`
                : 'Not read yet: it will be within a minute.'}
          </p>
        ) : null}
        <ErrorSummary errors={(forms.external ?? empty).errors} />
        <form method="post" action="/admin/availability/external" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            name="url"
            label="Calendar address (ICS)"
            type="url"
            state={forms.external ?? { values: { url: calendar.external_url ?? '' }, errors: {} }}
            hint="Leave empty to stop using one."
          />
          <FormActions>
            <button type="submit" class="button secondary">
              Save calendar address
            </button>
          </FormActions>
        </form>
      </section>
    </AdminLayout>
  );
}
