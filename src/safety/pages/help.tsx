import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../web/index.ts';
import { Layout } from '../../web/index.ts';
import {
  type CrisisResource,
  countryLabel,
  coveredCountries,
  FIND_A_HELPLINE_URL,
  type ResourceKind,
  smsHref,
  telHref,
} from '../crisis-resources.ts';

/** How /help ("for where you are") chose its country, so the page can say so and link onward. */
export interface HelpHere {
  /** The country the visitor's browser language names (covered or not), or null. */
  visitor: string | null;
  /** The visitor's country's name when we ship no lines for it ("Kenya"). */
  visitorName: string | null;
  /** The practice's country (settings.country). */
  practice: string;
}

interface HelpPageProps {
  ctx: ViewContext;
  /** The country shown first (upper case), or null when we ship no lines for it. */
  country: string | null;
  lines: CrisisResource[];
  /** Canonical path: /help or /help/<cc>. */
  path: string;
  /** Extra attributes for <main>, such as data-outcome from the guide. */
  mainProps?: Record<string, string>;
  /** The guide's headline when it sends someone here ("You deserve support right now"). */
  heading?: string;
  /** Kinds of line shown first: youth lines for under-18s, domestic-abuse lines when a person at home is the danger. */
  priority?: ResourceKind[];
  /** Offers a "Leave this site" link to a neutral page (for someone who may be watched). */
  leaveSite?: boolean;
  /** The guide's own panel (reasons, what next), after the lines. */
  after?: ComponentChildren;
  /** The guide's answers must not be cached or sent on as a referrer. */
  noindex?: boolean;
  /** Set on /help only: the page for where the visitor is, with its own title and a note on how it chose. */
  here?: HelpHere;
}

/** A neutral page to leave for in a hurry. */
export const LEAVE_SITE_URL = 'https://www.wikipedia.org/';

const sections: { kinds: ResourceKind[]; title: string; intro: string | null }[] = [
  {
    kinds: ['crisis'],
    title: 'Talk or text with someone now',
    intro:
      'Confidential, and most are free and open around the clock; each says when it answers. Any of them is a good place to start. You don’t need the right words, and you can reach out about someone else too.',
  },
  {
    kinds: ['youth'],
    title: 'For children and young people',
    intro: 'If you are young, these lines are there just for you.',
  },
  {
    kinds: ['domestic_abuse'],
    title: 'If someone at home is hurting or scaring you',
    intro:
      'It is not your fault, and you don’t have to leave to get help. If it is safer, use a phone or device the other person cannot check.',
  },
  { kinds: ['substance', 'info'], title: 'Information and referrals', intro: null },
];

/** The static "Need help now?" page: lines for one country, a picker for the rest, no forms, no script. */
export function HelpPage({
  ctx,
  country,
  lines,
  path,
  mainProps,
  heading,
  priority = [],
  leaveSite,
  after,
  noindex,
  here,
}: HelpPageProps) {
  const ordered = [...sections].sort((a, b) => rank(a.kinds, priority) - rank(b.kinds, priority));
  const place = country ? coveredCountries[country] : undefined;
  const emergency = lines.find((l) => l.kind === 'emergency');
  const others = Object.entries(coveredCountries).filter(([cc]) => cc !== country);
  const checked = checkedFormat(ctx.settings.locale);
  return (
    <Layout
      ctx={ctx}
      seo={{ ...headOf(place, emergency?.phone ?? null, here), path, ...(noindex ? { noindex } : {}) }}
      mainProps={mainProps}
      narrow
    >
      <div class="help-page">
        <h1>{heading ?? 'Need help now?'}</h1>
        {leaveSite ? (
          <p class="leave-site">
            <a class="button secondary" href={LEAVE_SITE_URL} rel="noreferrer">
              Leave this site quickly
            </a>
          </p>
        ) : null}
        <section class="emergency" aria-labelledby="emergency-title">
          <h2 id="emergency-title">If you are in immediate danger</h2>
          {emergency?.phone ? (
            <>
              <p>If your life or someone else’s is at risk right now, call {emergency.phone}.</p>
              <p>
                <a class="button emergency-call" href={telHref(emergency.phone)}>
                  Call {emergency.phone}
                </a>
              </p>
              {emergency.notes ? <p class="hint">{emergency.notes}</p> : null}
            </>
          ) : (
            <p>
              If your life or someone else’s is at risk right now, call your local emergency number, or go to the
              nearest emergency department.
            </p>
          )}
        </section>

        <p class="lead">
          If you are having thoughts of ending your life, or things feel like too much, you deserve support right now.
          Reaching out is a strong step. People do get through times like this, and talking to someone can help.
        </p>

        {here ? <HereNote here={here} shown={country} practiceName={ctx.settings.practiceName} /> : null}

        {lines.length > 0 ? (
          ordered.map((s) => {
            const items = lines.filter((l) => s.kinds.includes(l.kind));
            if (items.length === 0) return null;
            const id = `lines-${s.kinds[0]}`;
            return (
              <section aria-labelledby={id}>
                <h2 id={id}>{s.title}</h2>
                {s.intro ? <p>{s.intro}</p> : null}
                <ul class="lines">
                  {items.map((l) => (
                    <LineCard line={l} checked={checked} />
                  ))}
                </ul>
              </section>
            );
          })
        ) : (
          <FinderCard place={here?.visitorName ?? null} />
        )}

        {after}

        <section aria-labelledby="expect-title">
          <h2 id="expect-title">What happens when you reach out</h2>
          <p>
            A trained person answers, listens and helps you through the next few hours. You choose how much to share,
            and you can stay anonymous. Most conversations end with a plan you made together. Emergency services are
            involved only rarely, when a life is in danger right now, and lines try to agree that with you first.
          </p>
        </section>

        <section aria-labelledby="country-title">
          <h2 id="country-title">{place ? `Not in ${place}?` : 'Choose your country'}</h2>
          <ul class="country-list">
            {others.map(([cc, name]) => (
              <li>
                <a href={`/help/${cc.toLowerCase()}`}>{countryLabel(name)}</a>
              </li>
            ))}
          </ul>
          {lines.length > 0 ? (
            <p>
              Anywhere else:{' '}
              <a href={FIND_A_HELPLINE_URL} rel="noopener">
                Find A Helpline (findahelpline.com)
              </a>{' '}
              lists free, checked helplines in more than 130 countries.
            </p>
          ) : null}
        </section>

        <section aria-labelledby="practice-title" class="practice-note">
          <h2 id="practice-title">About {ctx.settings.practiceName}</h2>
          <p>
            We offer coaching, which is not a crisis or emergency service. Messages to us are not read around the clock,
            so please don’t wait for a reply from us if you need help now. When you feel ready, coaching can sit
            alongside other support.
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** Where a section goes: prioritised kinds first (in the order given), the rest as listed. */
function rank(kinds: ResourceKind[], priority: ResourceKind[]): number {
  const i = priority.findIndex((k) => kinds.includes(k));
  return i === -1 ? priority.length : i;
}

/**
 * Title and description. /help is "for where you are" and names no country, so it never repeats
 * /help/<cc>; each country page names its country (and its emergency number) in both.
 */
function headOf(place: string | undefined, emergency: string | null, here: HelpHere | undefined) {
  if (here)
    return {
      title: 'Need help now? Crisis lines where you are',
      description: `Free, confidential crisis lines for where you are, in ${Object.keys(coveredCountries).length} countries: who to call, text or chat with now. In danger now? Call your emergency number.`,
    };
  if (!place)
    return {
      title: 'Need help now? Crisis lines',
      description:
        'Free, confidential crisis and support lines, open now. If you are in immediate danger, call your local emergency number.',
    };
  return {
    title: `Need help now? Crisis lines in ${place}`,
    description: `Crisis and support lines in ${place}: who to call, text or chat with now, and what to expect.${emergency ? ` In immediate danger, call ${emergency}.` : ''}`,
  };
}

/** Says where the lines shown are for and why, with the practice's country one link away. */
function HereNote({ here, shown, practiceName }: { here: HelpHere; shown: string | null; practiceName: string }) {
  const practicePlace = coveredCountries[here.practice];
  const practiceLink =
    practicePlace && here.practice !== shown ? (
      <>
        {' '}
        {practiceName} is in {practicePlace}:{' '}
        <a href={`/help/${here.practice.toLowerCase()}`}>crisis lines in {practicePlace}</a>.
      </>
    ) : null;
  const elsewhere = (
    <>
      {' '}
      Somewhere else? <a href="#country-title">Choose your country</a>.
    </>
  );
  if (here.visitor && shown === here.visitor)
    return (
      <p class="help-where">
        These are the lines in {coveredCountries[shown]}, chosen from your browser’s language settings.
        {practiceLink}
        {elsewhere}
      </p>
    );
  if (here.visitor)
    return (
      <p class="help-where">
        Your browser’s language settings suggest you are in {here.visitorName ?? 'a country we do not list yet'}, where
        we don’t list lines yet: Find A Helpline below does.
        {practiceLink}
        {elsewhere}
      </p>
    );
  if (!shown) return null;
  return (
    <p class="help-where">
      These are the lines in {coveredCountries[shown]}, where {practiceName} is.
      {elsewhere}
    </p>
  );
}

/** "3 December 2026" in the practice's language. */
function checkedFormat(locale: string): (iso: string) => string {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  } catch {
    f = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}

function FinderCard({ place }: { place: string | null }) {
  return (
    <section aria-labelledby="finder-title">
      <h2 id="finder-title">{place ? `Find a line in ${place}` : 'Find a line where you are'}</h2>
      <p>
        <a class="button" href={FIND_A_HELPLINE_URL} rel="noopener">
          Find A Helpline
        </a>
      </p>
      <p>findahelpline.com lists free, checked helplines in more than 130 countries, by phone, text and chat.</p>
    </section>
  );
}

function LineCard({ line, checked }: { line: CrisisResource; checked: (iso: string) => string }) {
  return (
    <li class="line">
      <h3>{line.name}</h3>
      <p class="line-meta">
        {line.audience} · {line.hours}
      </p>
      <ul class="line-actions">
        {line.phone ? (
          <li>
            <a href={telHref(line.phone)}>Call {line.phone}</a>
          </li>
        ) : null}
        {line.sms ? (
          <li>
            <a href={smsHref(line.sms.number)}>
              {line.sms.keyword ? `Text ${line.sms.keyword} to ${line.sms.number}` : `Text ${line.sms.number}`}
            </a>
          </li>
        ) : null}
        {line.chatUrl ? (
          <li>
            <a href={line.chatUrl} rel="noopener">
              Chat online<span class="visually-hidden"> with {line.name}</span>
            </a>
          </li>
        ) : null}
        {line.email ? (
          <li>
            <a href={`mailto:${line.email}`}>Email {line.email}</a>
          </li>
        ) : null}
      </ul>
      <p>{line.whatToExpect}</p>
      {line.notes ? <p class="hint">{line.notes}</p> : null}
      {line.sourceUrl ? (
        <p class="hint line-source">
          Source:{' '}
          <a href={line.sourceUrl} rel="noopener">
            {hostOf(line.sourceUrl)}
          </a>
          , checked {checked(line.verifiedOn)}
        </p>
      ) : null}
    </li>
  );
}

/** "samaritans.org" for a source address, so the line says whose page it is. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
