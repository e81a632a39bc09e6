import type { SealedIntake } from '../../guide/index.ts';
import { type Formatter, toIsoUtc } from '../../time/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  coachFormat,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Select,
  TextArea,
} from '../../web/index.ts';
import type { RuleWarning } from '../booking.service.ts';
import type { Booking, ServiceBookingRules } from '../booking.tables.ts';
import type { Slot } from '../slots.ts';
import { IntakeAnswers } from './intake-answers.tsx';

export type BookingRow = Booking & {
  service_name: string;
  /** For a booking a reschedule made: where it was before (the list shows one moved booking). */
  moved_from_at?: number;
};

/** A new time outside the service's rules: the coach sees which and confirms, or picks another. */
export interface MoveWarning {
  rule: RuleWarning;
  start: number;
  rules: Pick<ServiceBookingRules, 'notice_min' | 'horizon_days' | 'daily_limit'>;
}

const statusLabel: Record<Booking['status'], string> = {
  pending: 'Waiting for approval',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  declined: 'Declined',
  completed: 'Completed',
  no_show: 'No-show',
};

function BookingLine({ b, zone, f }: { b: BookingRow; zone: string; f: Formatter }) {
  return (
    <tr class={b.status === 'cancelled' || b.status === 'declined' ? 'muted' : undefined}>
      <td data-label="Time">
        {f.time(b.start_at, zone)}–{f.time(b.end_at, zone)}
      </td>
      <td data-label="Client">
        <a href={`/admin/bookings/${b.id}`}>{b.client_name}</a>
        {b.moved_from_at !== undefined ? (
          <>
            <br />
            <span class="hint">Moved from {f.fullWhen(b.moved_from_at, zone)}</span>
          </>
        ) : null}
      </td>
      <td data-label="Service">{b.service_name}</td>
      <td data-label="How">
        {b.modality === 'phone' ? (
          'Phone'
        ) : b.status === 'confirmed' ? (
          <a href={`/room/${b.id}`}>
            Video<span class="visually-hidden">: open the room for {b.client_name}</span>
          </a>
        ) : (
          'Video'
        )}
      </td>
      <td data-label="Status">{statusLabel[b.status]}</td>
    </tr>
  );
}

interface ListProps {
  ctx: ViewContext;
  view: 'day' | 'week';
  days: { date: string; bookings: BookingRow[] }[];
  pending: BookingRow[];
  prev: string;
  next: string;
  notice?: string | undefined;
}

/** The bookings as a day or week calendar in the coach's zone, with requests waiting for approval first. */
export function AdminBookingsPage({ ctx, view, days, pending, prev, next, notice }: ListProps) {
  const zone = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  const other = view === 'week' ? 'day' : 'week';
  return (
    <AdminLayout ctx={ctx} title="Bookings" notice={notice}>
      <p class="admin-actions">
        <a class="button" href="/admin/bookings/new">
          Book for a client
        </a>{' '}
        <a class="button secondary" href={`/admin/bookings?view=${other}&date=${days[0]?.date ?? ''}`}>
          Show {other === 'day' ? 'one day' : 'the week'}
        </a>
      </p>
      {pending.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">Waiting for your approval</h2>
          <ul>
            {pending.map((b) => (
              <li>
                <a href={`/admin/bookings/${b.id}`}>
                  {b.client_name}, {b.service_name}: {f.fullWhen(b.start_at, zone)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav class="week-nav" aria-label="Dates">
        <a href={`/admin/bookings?view=${view}&date=${prev}`}>Earlier</a>
        <a href={`/admin/bookings?view=${view}&date=${next}`}>Later</a>
      </nav>
      <p class="hint">Times in {zone.replace(/_/g, ' ')}.</p>
      {days.map((d) => (
        <section class="calendar-day" aria-labelledby={`day-${d.date}`}>
          <h2 id={`day-${d.date}`}>{f.day(d.date)}</h2>
          {d.bookings.length === 0 ? (
            <p class="hint">No bookings.</p>
          ) : (
            <table class="data">
              <caption class="visually-hidden">Bookings on {f.day(d.date)}</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Client</th>
                  <th scope="col">Service</th>
                  <th scope="col">How</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {d.bookings.map((b) => (
                  <BookingLine b={b} zone={zone} f={f} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <p>
        <a href="/admin/availability">Working hours, days off and the calendar feed</a>
      </p>
    </AdminLayout>
  );
}

interface OneProps {
  ctx: ViewContext;
  booking: BookingRow;
  note: string | null;
  /** The coach's reason, when she cancelled with one. */
  reason: string | null;
  /** The client's answers to the intake questions, opened. */
  intake?: SealedIntake | undefined;
  /** The cancel form. */
  state: FormState;
  move: { state: FormState; offered: Slot[]; warning?: MoveWarning | undefined };
  /** The booking this one was moved to (a row a reschedule left behind), or from. */
  movedTo?: Booking | undefined;
  movedFrom?: Booking | undefined;
  notice?: string | undefined;
  now: number;
}

/** What the rule a new time breaks means, in the coach's words. */
function warningWords(w: MoveWarning, f: Formatter): string {
  switch (w.rule) {
    case 'too_soon':
      return `It is inside the service's minimum notice (${f.duration(w.rules.notice_min)} before the start).`;
    case 'too_far':
      return `It is further ahead than clients may book this service (${w.rules.horizon_days} days).`;
    case 'not_offered':
      return "It is outside your working hours (or not one of the service's usual start times).";
    case 'daily_limit':
      return `That day already has ${w.rules.daily_limit ?? 0} sessions of this service, its daily limit.`;
  }
}

/** One booking with what the coach can do with it. */
export function AdminBookingPage({
  ctx,
  booking: b,
  note,
  reason,
  intake,
  state,
  move,
  movedTo,
  movedFrom,
  notice,
  now,
}: OneProps) {
  const zone = ctx.settings.timeZone;
  const f = coachFormat(ctx);
  const active = b.status === 'pending' || b.status === 'confirmed';
  const action = (to: string, label: string, cls = 'button secondary') => (
    <form method="post" action={`/admin/bookings/${b.id}/status`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="to" value={to} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <AdminLayout ctx={ctx} title={`${b.client_name}: ${b.service_name}`} notice={notice}>
      <dl class="facts">
        <div>
          <dt>When</dt>
          <dd>
            {f.fullWhen(b.start_at, zone)} (client's time: {f.fullWhen(b.start_at, b.client_time_zone)},{' '}
            {b.client_time_zone})
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {movedTo ? (
              <>
                Moved to <a href={`/admin/bookings/${movedTo.id}`}>{f.fullWhen(movedTo.start_at, zone)}</a>
              </>
            ) : (
              statusLabel[b.status]
            )}
            {movedFrom ? <> (moved from {f.fullWhen(movedFrom.start_at, zone)})</> : null}
          </dd>
        </div>
        {reason ? (
          <div>
            <dt>Reason given</dt>
            <dd>{reason}</dd>
          </div>
        ) : null}
        <div>
          <dt>How</dt>
          <dd>
            {b.modality === 'phone' ? (
              <a href={`/room/${b.id}`}>Phone: call {b.client_phone ?? '(no number)'}</a>
            ) : (
              <a href={`/room/${b.id}`}>Video in the session room</a>
            )}
          </dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${b.client_email}`}>{b.client_email}</a>
          </dd>
        </div>
        <div>
          <dt>Booked by</dt>
          <dd>{b.created_by === 'coach' ? 'You' : b.created_by === 'api' ? 'The booking API' : 'The client'}</dd>
        </div>
      </dl>
      {note ? (
        <>
          <h2>Note from the client</h2>
          <p class="quote">{note}</p>
        </>
      ) : null}
      <IntakeAnswers intake={intake} />
      <div class="admin-actions">
        {b.status === 'pending' ? (
          <>
            {action('confirmed', 'Approve', 'button')} {action('declined', 'Decline')}
          </>
        ) : null}
        {b.status === 'confirmed' && b.start_at <= now ? (
          <>
            {action('completed', 'Mark completed', 'button')} {action('no_show', 'Mark no-show')}
          </>
        ) : null}
      </div>
      {active ? <MoveForm ctx={ctx} booking={b} f={f} {...move} /> : null}
      {active ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel this session</h2>
          <ErrorSummary errors={state.errors} />
          <form method="post" action={`/admin/bookings/${b.id}/cancel`}>
            <CsrfField ctx={ctx} />
            <TextArea
              name="message"
              label="Reason (optional)"
              state={state}
              rows={4}
              hint="Shown to the client in the cancellation email and on the page their booking link opens."
            />
            <FormActions>
              <button type="submit" class="button danger">
                Cancel and tell the client
              </button>
            </FormActions>
          </form>
        </section>
      ) : null}
      <p>
        <a href="/admin/bookings">All bookings</a>
      </p>
    </AdminLayout>
  );
}

/**
 * Moving a session: a date and time in the coach's zone, or one of the offered times. When the
 * time breaks one of the service's rules, the form comes back with the rule named and a "Move
 * anyway" button that carries everything she chose; another booking is never overridden.
 */
function MoveForm({
  ctx,
  booking: b,
  f,
  state,
  offered,
  warning,
}: {
  ctx: ViewContext;
  booking: BookingRow;
  f: Formatter;
  state: FormState;
  offered: Slot[];
  warning?: MoveWarning | undefined;
}) {
  const zone = ctx.settings.timeZone;
  const v = state.values;
  return (
    <section aria-labelledby="move-title">
      <h2 id="move-title">Move this session</h2>
      <ErrorSummary errors={state.errors} />
      {warning ? (
        <div class="notice warning" role="alert">
          <p>
            <strong>{f.fullWhen(warning.start, zone)} is outside this service's booking rules.</strong>{' '}
            {warningWords(warning, f)} You may still move the session there; other bookings are never overridden.
          </p>
          <form method="post" action={`/admin/bookings/${b.id}/move`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="slot" value={v.slot ?? ''} />
            <input type="hidden" name="date" value={v.date ?? ''} />
            <input type="hidden" name="time" value={v.time ?? ''} />
            <input type="hidden" name="requestId" value={v.requestId ?? ''} />
            <input type="hidden" name="override" value="1" />
            <FormActions>
              <button type="submit" class="button">
                Move anyway and tell the client
              </button>
            </FormActions>
          </form>
          <p>Or choose another time below.</p>
        </div>
      ) : null}
      <form method="post" action={`/admin/bookings/${b.id}/move`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="requestId" value={v.requestId ?? ''} />
        <Field name="date" label={`New date (${zone.replace(/_/g, ' ')})`} type="date" state={state} />
        <Field
          name="time"
          label="New start time"
          type="time"
          state={state}
          hint="Your hours and the notice do not bind you here (you are asked to confirm); other bookings do."
        />
        {offered.length > 0 ? (
          <Select
            name="slot"
            label="Or one of the offered times"
            state={state}
            hint="When you choose one here, the date and time above are not used."
            options={[
              { value: '', label: 'Use the date and time above' },
              ...offered.map((s) => ({ value: toIsoUtc(s.start), label: f.fullWhen(s.start, zone) })),
            ]}
          />
        ) : null}
        <FormActions>
          <button type="submit" class="button">
            Move and tell the client
          </button>
        </FormActions>
      </form>
      <p class="hint">The client gets one email with the new time, an updated calendar file and a new link.</p>
    </section>
  );
}

/** Booking on a client's behalf. */
export function AdminNewBookingPage({
  ctx,
  services,
  zones,
  state,
}: {
  ctx: ViewContext;
  services: { id: string; name: string; modality: string }[];
  zones: string[];
  state: FormState;
}) {
  return (
    <AdminLayout ctx={ctx} title="Book for a client">
      <ErrorSummary errors={state.errors} />
      <form method="post" action="/admin/bookings/new" novalidate>
        <CsrfField ctx={ctx} />
        <Select
          name="serviceId"
          label="Service"
          state={state}
          required
          options={services.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Field
          name="date"
          label={`Date (${ctx.settings.timeZone.replace(/_/g, ' ')})`}
          type="date"
          state={state}
          required
        />
        <Field
          name="time"
          label="Start time"
          type="time"
          state={state}
          required
          hint="Your own hours do not limit you here; other bookings do."
        />
        <Field name="name" label="Client's name" state={state} required />
        <Field
          name="email"
          label="Client's email"
          type="email"
          state={state}
          required
          hint="The confirmation and the manage link go here."
        />
        <Field name="phone" label="Client's phone" type="tel" state={state} hint="Needed for phone sessions." />
        <Select
          name="modality"
          label="How (for services where the client chooses)"
          state={state}
          options={[
            { value: 'video', label: 'Video' },
            { value: 'phone', label: 'Phone' },
          ]}
        />
        <Select
          name="tz"
          label="Client's time zone"
          state={state}
          value={ctx.settings.timeZone}
          required
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
        />
        <TextArea name="note" label="Note" state={state} rows={3} />
        <FormActions>
          <button type="submit" class="button">
            Book and send the confirmation
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}
