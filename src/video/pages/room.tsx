import type { Booking } from '../../booking/index.ts';
import type { Formatter } from '../../time/index.ts';
import type { FormState, ViewContext } from '../../web/index.ts';
import { CsrfField, ErrorSummary, Field, FormActions, Layout } from '../../web/index.ts';
import type { RoomState } from '../room-window.ts';
import type { Role } from '../signal-bus.ts';
import { RoomStage } from './room-stage.tsx';

export interface RoomView {
  ctx: ViewContext;
  role: Role;
  booking: Booking;
  serviceName: string;
  /** The other person's name, as this person reads it. */
  peerName: string;
  /** The zone this person reads times in. */
  zone: string;
  f: Formatter;
  /** The manage token a visitor came with, carried on the room's own links; undefined when signed in. */
  token: string | undefined;
  /** `?t=…` for those links, or ''. */
  query: string;
}

const seoOf = (v: RoomView, title: string) => ({
  title,
  description: 'The session room.',
  path: `/room/${v.booking.id}`,
  noindex: true,
});
const backHref = (v: RoomView) => (v.role === 'coach' ? '/admin' : v.query ? `/book/manage${v.query}` : '/portal');

function When({ v }: { v: RoomView }) {
  return (
    <dl class="facts">
      <div>
        <dt>Session</dt>
        <dd>
          {v.serviceName} with {v.peerName}
        </dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>
          {v.f.fullWhen(v.booking.start_at, v.zone)} – {v.f.time(v.booking.end_at, v.zone)}
        </dd>
      </div>
    </dl>
  );
}

/** The room when it is open: the island's stage, and the phone fallback that needs no script. */
export function RoomPage({
  v,
  islandHref,
  callMe,
}: {
  v: RoomView;
  islandHref: string;
  callMe: { state: FormState; sent: boolean; requested?: string | undefined };
}) {
  const id = v.booking.id;
  return (
    <Layout ctx={v.ctx} seo={seoOf(v, `Session room: ${v.serviceName}`)}>
      <h1 class="visually-hidden">Session room</h1>
      <noscript>
        <div class="notice warning">
          <p>
            The video room needs JavaScript, which is turned off in this browser. Turn it on and reload this page, or
            ask to be called instead with the form below.
          </p>
        </div>
      </noscript>
      <RoomStage
        role={v.role}
        peerName={v.peerName}
        signalUrl={`/room/${id}/signal${v.query}`}
        iceUrl={`/room/${id}/ice${v.query}`}
        startsAt={v.booking.start_at}
        endsAt={v.booking.end_at}
        startLabel={v.f.time(v.booking.start_at, v.zone)}
        endLabel={v.f.time(v.booking.end_at, v.zone)}
      />
      {v.role === 'client' ? (
        <section id="call-me" class="room-call-me" aria-labelledby="call-me-heading">
          <h2 id="call-me-heading">Join by phone instead</h2>
          {callMe.sent ? (
            <p class="notice" role="status">
              {v.peerName} has been told to call you at {callMe.requested}. Keep your phone close.
            </p>
          ) : (
            <p>
              If the video does not work for you, leave your number and {v.peerName} will call you for this session.
            </p>
          )}
          <form method="post" action={`/room/${id}/call-me`}>
            <CsrfField ctx={v.ctx} />
            {v.token ? <input type="hidden" name="t" value={v.token} /> : null}
            <ErrorSummary errors={callMe.state.errors} labels={{ phone: 'Phone number' }} />
            <Field
              name="phone"
              label="Phone number"
              type="tel"
              autocomplete="tel"
              inputMode="tel"
              required
              maxLength={40}
              value={callMe.requested ?? v.booking.client_phone ?? ''}
              hint="With the country code if you are abroad, e.g. +44 20 7946 0000."
              state={callMe.state}
            />
            <FormActions>
              <button type="submit" class="button secondary">
                {callMe.sent ? 'Send the number again' : 'Call me instead'}
              </button>
            </FormActions>
          </form>
        </section>
      ) : callMe.requested ? (
        <section id="call-me" class="notice warning" aria-labelledby="call-me-heading">
          <h2 id="call-me-heading">{v.peerName} asked to be called</h2>
          <p>
            Call <a href={`tel:${callMe.requested.replace(/[^\d+]/g, '')}`}>{callMe.requested}</a> for this session.
          </p>
        </section>
      ) : null}
      <script src={islandHref} defer />
    </Layout>
  );
}

const closedWords: Record<
  Exclude<RoomState, 'open'>,
  { title: string; text: (v: RoomView, opensAt: string) => string }
> = {
  not_yet: {
    title: 'The room is not open yet',
    text: (_v, opensAt) => `The room opens at ${opensAt}. Come back then; this page stays the same address.`,
  },
  over: {
    title: 'This session is over',
    text: () => 'The room has closed. Nothing from the call was recorded or kept.',
  },
  cancelled: {
    title: 'This session was cancelled',
    text: (v) =>
      v.role === 'client'
        ? 'There is no call for this booking. You are welcome to book another time.'
        : 'There is no call for this booking.',
  },
  pending: {
    title: 'This session is not confirmed yet',
    text: (v) =>
      v.role === 'client'
        ? `${v.peerName} has not confirmed the booking yet; the room opens once it is confirmed.`
        : 'Confirm the booking in the back office first; the room opens for confirmed sessions.',
  },
};

/** The room outside its window, or for a booking that will not happen. */
export function RoomClosedPage({
  v,
  state,
  opensAt,
}: {
  v: RoomView;
  state: Exclude<RoomState, 'open'>;
  opensAt: number;
}) {
  const w = closedWords[state];
  return (
    <Layout ctx={v.ctx} seo={seoOf(v, w.title)} narrow>
      <h1>{w.title}</h1>
      <p>{w.text(v, v.f.fullWhen(opensAt, v.zone))}</p>
      <When v={v} />
      <p>
        {state === 'not_yet' ? (
          <a class="button" href={`/room/${v.booking.id}${v.query}`}>
            Check again
          </a>
        ) : state === 'cancelled' && v.role === 'client' ? (
          <a class="button" href="/book">
            Book another time
          </a>
        ) : null}{' '}
        <a class="button secondary" href={backHref(v)}>
          Back
        </a>
      </p>
    </Layout>
  );
}

/** A phone session's room page: who calls whom, and the number. */
export function PhoneRoomPage({ v }: { v: RoomView }) {
  const phone = v.booking.client_phone;
  return (
    <Layout ctx={v.ctx} seo={seoOf(v, 'Phone session')} narrow>
      <h1>A phone session</h1>
      {v.role === 'coach' ? (
        <p>
          You call {v.booking.client_name} at{' '}
          {phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : 'the number they will give you'} at the
          time below.
        </p>
      ) : (
        <p>
          {v.peerName} calls you at <strong>{phone ?? 'the number you gave'}</strong> at the time below. No video and
          nothing to install: keep your phone close.
        </p>
      )}
      <When v={v} />
      <p>
        <a class="button secondary" href={backHref(v)}>
          Back
        </a>
      </p>
    </Layout>
  );
}
