import type { ComponentChildren } from 'preact';
import { CarriedCoachAnswers } from '../../guide/index.ts';
import { modalityLabel } from '../../site/index.ts';
import { labelInstant, toIsoUtc, type ZoneChoice, zoneChoices, zoneLabel, zoneLongName } from '../../time/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  Layout,
  Radios,
  Select,
  TextArea,
  visitorFormat,
} from '../../web/index.ts';
import { detailsLabels, MAX_NOTE_CHARS } from '../booking.form.ts';
import type { BookableService } from '../booking.queries.ts';
import type { SeriesCheck } from '../booking.service.ts';
import type { Slot } from '../slots.ts';

/** Step 1: the services that can be booked. */
export function BookServicesPage({ ctx, services }: { ctx: ViewContext; services: BookableService[] }) {
  const f = visitorFormat(ctx);
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Book a session',
        description: `Choose a session with ${ctx.settings.coachName} and a time that suits you: each service shows its length, its price, video or phone, and times in your own zone.`,
        path: '/book',
      }}
      narrow
    >
      <h1>Book a session</h1>
      <p class="lead">Choose a session, then a time. Times are shown in your own time zone.</p>
      {services.length === 0 ? (
        <p>
          There is nothing to book online at the moment. Please <a href="/contact">get in touch</a> instead.
        </p>
      ) : null}
      <ul class="cards book-services">
        {services.map(({ service }) => (
          <li class="card">
            <h2>{service.name}</h2>
            <p>{service.summary}</p>
            <p class="book-facts">
              {f.duration(service.duration_minutes)} · {f.money(service.price_cents, service.currency)} ·{' '}
              {modalityLabel(service.modality)}
            </p>
            <p>
              <a class="button" href={`/book/${service.slug}`}>
                Choose a time<span class="visually-hidden"> for {service.name}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface DayOfSlots {
  date: string;
  slots: Slot[];
}

interface SlotsProps {
  ctx: ViewContext;
  bs: BookableService;
  tz: string;
  /** The zones the select offers (canonical names); every zone when omitted. */
  zones?: string[];
  days: DayOfSlots[];
  /** Where the zone and week controls point (GET). */
  path: string;
  extraQuery?: Record<string, string>;
  prevFrom: string | null;
  nextFrom: string | null;
  hrefFor: (slot: Slot) => string;
  heading: string;
  intro?: string;
}

/**
 * "Times are in India Standard Time (Asia/Kolkata). Change": the zone said plainly, and the change
 * control right under it (a GET form: no JavaScript needed). The select holds every zone by region,
 * each labelled by place, name and offset on the first date shown; the zone island adds a search box.
 */
function ZonePicker(p: {
  tz: string;
  date: string;
  locale: string;
  path: string;
  extraQuery: Record<string, string> | undefined;
  zones: string[] | undefined;
}) {
  const at = labelInstant(p.date);
  const groups = zoneChoices(p.date, p.locale, p.zones);
  const known = groups.some((g) => g.zones.some((z) => z.value === p.tz));
  const option = (z: ZoneChoice) => (
    <option value={z.value} selected={z.value === p.tz}>
      {z.label}
    </option>
  );
  return (
    <details class="zone-change">
      <summary>
        Times are in{' '}
        <strong>
          {zoneLongName(p.tz, at, p.locale)} ({p.tz.replace(/_/g, ' ')})
        </strong>
        . <span class="zone-change-link">Change</span>
      </summary>
      <form method="get" action={p.path} class="zone-form">
        {Object.entries(p.extraQuery ?? {}).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <div class="field">
          <label for="f-tz">Times are shown in this time zone</label>
          <select id="f-tz" name="tz" required>
            {known ? null : option({ value: p.tz, label: zoneLabel(p.tz, at, p.locale) })}
            {groups.map((g) =>
              g.region ? <optgroup label={g.region}>{g.zones.map(option)}</optgroup> : g.zones.map(option),
            )}
          </select>
        </div>
        <button type="submit" class="button secondary">
          Show times in this zone
        </button>
      </form>
    </details>
  );
}

/** Step 2: available times by day, in the visitor's zone, with a zone select and week paging; no JavaScript needed. */
export function BookSlotsPage(p: SlotsProps) {
  const { ctx, bs, tz } = p;
  const f = visitorFormat(ctx);
  const q = (from: string) => `${p.path}?${new URLSearchParams({ ...p.extraQuery, tz, from }).toString()}`;
  const any = p.days.some((d) => d.slots.length > 0);
  return (
    <Layout
      ctx={ctx}
      seo={{ title: p.heading, description: `Available times for ${bs.service.name}.`, path: p.path, noindex: true }}
      narrow
    >
      <h1>{p.heading}</h1>
      {p.intro ? <p class="lead">{p.intro}</p> : null}
      <p class="book-facts">
        {f.duration(bs.service.duration_minutes)} · {f.money(bs.service.price_cents, bs.service.currency)} ·{' '}
        {modalityLabel(bs.service.modality)}
      </p>
      <ZonePicker
        tz={tz}
        // Offsets as on the first day shown (weekOfSlots always gives a week of days).
        date={p.days[0]!.date}
        locale={f.prefs.locale}
        path={p.path}
        extraQuery={p.extraQuery}
        zones={p.zones}
      />
      <script type="module" src="/book/zone.js" />
      {!any ? <p class="notice">There are no available times in these days. Try later dates.</p> : null}
      <div class="slot-days">
        {p.days.map((d) => (
          <section class="slot-day" aria-labelledby={`d-${d.date}`}>
            <h2 id={`d-${d.date}`}>{f.day(d.date)}</h2>
            {d.slots.length === 0 ? (
              <p class="hint">No available times.</p>
            ) : (
              <ul class="slot-list">
                {d.slots.map((s) => (
                  <li>
                    <a class="slot" href={p.hrefFor(s)} aria-label={`${f.day(d.date)}, ${f.time(s.start, tz)}`}>
                      {f.time(s.start, tz)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <nav class="week-nav" aria-label="Dates">
        {p.prevFrom ? <a href={q(p.prevFrom)}>Earlier dates</a> : <span />}
        {p.nextFrom ? <a href={q(p.nextFrom)}>Later dates</a> : null}
      </nav>
    </Layout>
  );
}

interface DetailsProps {
  ctx: ViewContext;
  bs: BookableService;
  state: FormState;
  start: number;
  tz: string;
  requestId: string;
}

const RHYTHM = { weekly: 'every week', fortnightly: 'every two weeks', monthly: 'every month' } as const;

/** What one booking of a package books, in the client's words. */
export function packageLine(bs: BookableService): string {
  return `This package books all ${bs.rules.series_count} sessions at once: the first at the time you chose, then ${RHYTHM[bs.rules.series_repeat]} at the same time of day.`;
}

/** Step 3: who is booking. */
export function BookDetailsPage({ ctx, bs, state, start, tz, requestId }: DetailsProps) {
  const f = visitorFormat(ctx);
  const m = bs.service.modality;
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Your details',
        description: `Book ${bs.service.name}.`,
        path: `/book/${bs.service.slug}/details`,
        noindex: true,
      }}
      narrow
    >
      <h1>Your details</h1>
      <p class="lead">
        {bs.service.name}: <strong>{f.fullWhen(start, tz)}</strong> ({tz.replace(/_/g, ' ')}).{' '}
        <a href={`/book/${bs.service.slug}?tz=${encodeURIComponent(tz)}`}>Choose another time</a>
      </p>
      <ErrorSummary errors={state.errors} labels={detailsLabels} />
      <form method="post" action={`/book/${bs.service.slug}/details`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="start" value={toIsoUtc(start)} />
        <input type="hidden" name="tz" value={tz} />
        <input type="hidden" name="requestId" value={requestId} />
        <Field name="name" label={detailsLabels.name} state={state} required autocomplete="name" maxLength={100} />
        <Field
          name="email"
          label={detailsLabels.email}
          state={state}
          type="email"
          required
          autocomplete="email"
          maxLength={254}
          hint="Your confirmation and a link to change the booking go here."
        />
        {m === 'choice' ? (
          <Radios
            name="modality"
            label={detailsLabels.modality}
            state={state}
            required
            options={[
              { value: 'video', label: 'By video, in your portal' },
              { value: 'phone', label: 'By phone: your coach calls you' },
            ]}
          />
        ) : null}
        {m !== 'video' ? (
          <Field
            name="phone"
            label={detailsLabels.phone}
            state={state}
            type="tel"
            autocomplete="tel"
            required={m === 'phone'}
            hint={m === 'phone' ? 'Your coach will call you on this number.' : 'Needed only if you choose phone.'}
          />
        ) : null}
        {bs.rules.series_count > 1 ? (
          <p class="notice" id="package-sessions">
            {packageLine(bs)} Each time is checked before you confirm.
          </p>
        ) : (
          <>
            <Select
              name="repeat"
              label="Repeat"
              state={state}
              options={[
                { value: 'none', label: 'Just this once' },
                { value: 'weekly', label: 'Every week' },
                { value: 'fortnightly', label: 'Every two weeks' },
                { value: 'monthly', label: 'Every month' },
              ]}
            />
            <Field
              name="count"
              label="How many sessions in all, if repeating"
              state={state}
              inputMode="numeric"
              hint="Between 2 and 12. Each time is checked before you confirm."
            />
          </>
        )}
        <TextArea
          name="note"
          label={detailsLabels.note}
          state={state}
          rows={4}
          hint={`Up to ${f.count(MAX_NOTE_CHARS)} characters. Please do not share anything you would not put in an email.`}
        />
        <FormActions>
          <button type="submit" class="button">
            Continue
          </button>
        </FormActions>
      </form>
    </Layout>
  );
}

/** Hidden copies of the details, carried from step to step (nothing is stored before the booking). */
export function CarriedDetails({ values }: { values: Record<string, string> }) {
  return (
    <>
      {['name', 'email', 'phone', 'modality', 'note', 'tz', 'requestId', 'repeat', 'count'].map((k) =>
        values[k] !== undefined ? <input type="hidden" name={k} value={values[k]} /> : null,
      )}
    </>
  );
}

interface ConfirmProps {
  ctx: ViewContext;
  bs: BookableService;
  values: Record<string, string>;
  start: number;
  tz: string;
  /** Proof that the intake screen was passed (signed, holds no answers). */
  intakePass?: string;
  errors?: FormState['errors'];
  /** A repeating booking or a package: each planned time, available or not. */
  series?: SeriesCheck[];
  /** Shown first (the intake's check-in after PHQ-9 question 9). */
  before?: ComponentChildren;
}

/** Step 4: check and confirm. */
export function BookConfirmPage({ ctx, bs, values, start, tz, intakePass, errors, series, before }: ConfirmProps) {
  const f = visitorFormat(ctx);
  const free = series?.filter((s) => s.free) ?? [];
  const byPhone = bs.service.modality === 'phone' || values.modality === 'phone';
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'Check and confirm',
        description: `Book ${bs.service.name}.`,
        path: `/book/${bs.service.slug}/confirm`,
        noindex: true,
      }}
      narrow
    >
      <h1>Check and confirm</h1>
      {before}
      <ErrorSummary errors={errors ?? {}} />
      <dl class="facts book-summary">
        <div>
          <dt>Session</dt>
          <dd>{bs.service.name}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            {f.fullWhen(start, tz)} ({tz.replace(/_/g, ' ')})
          </dd>
        </div>
        <div>
          <dt>How</dt>
          <dd>{byPhone ? `Your coach calls you at ${values.phone}` : 'By video, from your portal'}</dd>
        </div>
        <div>
          <dt>Name</dt>
          <dd>{values.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{values.email}</dd>
        </div>
        <div>
          <dt>Price</dt>
          <dd>
            {bs.service.price_cents === 0
              ? 'Free of charge'
              : `${f.money(bs.service.price_cents, bs.service.currency)}${bs.rules.series_count > 1 ? ` for all ${bs.rules.series_count} sessions` : ''} (paid separately)`}
          </dd>
        </div>
      </dl>
      {series ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">Your sessions</h2>
          {bs.rules.series_count > 1 ? <p>{packageLine(bs)}</p> : null}
          <ul class="series-list">
            {series.map((s) => (
              <li class={s.free ? 'available' : 'taken'}>
                {f.fullWhen(s.start, tz)}: {s.free ? 'available' : `not available. ${s.reason ?? ''}`}
                {s.nearest.length
                  ? ` Nearest available: ${s.nearest.map((n) => f.fullWhen(n.start, tz)).join('; ')}.`
                  : ''}
              </li>
            ))}
          </ul>
          {free.length < series.length ? (
            <p class="notice warning" id="series-shortfall">
              {free.length} of the {series.length} sessions can be booked now, and only those are booked.{' '}
              {bs.rules.series_count > 1
                ? 'To keep the package whole, choose another first time, or arrange the others with your coach by replying to your confirmation email.'
                : 'You can book the others separately later, or write to your coach.'}
            </p>
          ) : null}
        </section>
      ) : null}
      <form method="post" action={`/book/${bs.service.slug}/confirm`}>
        <CsrfField ctx={ctx} />
        <CarriedDetails values={values} />
        <CarriedCoachAnswers values={values} />
        <input type="hidden" name="start" value={toIsoUtc(start)} />
        {series ? <input type="hidden" name="expect" value={free.map((s) => toIsoUtc(s.start)).join(',')} /> : null}
        {intakePass ? <input type="hidden" name="intakePass" value={intakePass} /> : null}
        <FormActions>
          <button type="submit" class="button" disabled={series !== undefined && free.length === 0}>
            {series ? `Book ${free.length} session${free.length === 1 ? '' : 's'}` : 'Confirm booking'}
          </button>
          <a href={`/book/${bs.service.slug}?tz=${encodeURIComponent(tz)}`}>Choose another time</a>
        </FormActions>
      </form>
      <p class="hint">
        Cancelling or moving is possible online until {f.duration(bs.rules.cancel_notice_min)} before the start. See our{' '}
        <a href="/privacy">privacy notice</a>.
      </p>
    </Layout>
  );
}

/** The time could not be booked: why, and (when it was just taken) the nearest available times, one press away. */
export function BookProblemPage({
  ctx,
  bs,
  message,
  nearest,
  values,
  tz,
}: {
  ctx: ViewContext;
  bs: BookableService;
  message: string;
  nearest: Slot[];
  values: Record<string, string>;
  tz: string;
}) {
  const f = visitorFormat(ctx);
  return (
    <Layout
      ctx={ctx}
      seo={{
        title: 'That time is not available',
        description: message,
        path: `/book/${bs.service.slug}/confirm`,
        noindex: true,
      }}
      narrow
    >
      <h1>That time is not available</h1>
      <p class="notice warning" role="alert">
        {message}
      </p>
      {nearest.length > 0 ? (
        <form method="post" action={`/book/${bs.service.slug}/details`}>
          <CsrfField ctx={ctx} />
          <CarriedDetails values={values} />
          <CarriedCoachAnswers values={values} />
          <fieldset class="field">
            <legend>Nearest available times</legend>
            <div class="radios">
              {nearest.map((s, i) => (
                <label class="radio">
                  <input type="radio" name="start" value={toIsoUtc(s.start)} checked={i === 0} />{' '}
                  {f.fullWhen(s.start, tz)}
                </label>
              ))}
            </div>
          </fieldset>
          <FormActions>
            <button type="submit" class="button">
              Continue with this time
            </button>
          </FormActions>
        </form>
      ) : null}
      <p>
        <a href={`/book/${bs.service.slug}?tz=${encodeURIComponent(tz)}`}>See all available times</a>
      </p>
    </Layout>
  );
}
