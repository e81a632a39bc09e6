/**
 * The shape of one shipped crisis line (research guide §3.3) and the helper each data file in
 * lines/ uses to write its entries briefly. Kept apart from crisis-resources.ts so the data files
 * and the module that gathers them import no cycle.
 */

export type ResourceKind = 'crisis' | 'emergency' | 'youth' | 'domestic_abuse' | 'substance' | 'info';

export interface CrisisResource {
  /** Stable name of the line (`gb-samaritans`), so the coach's edits can refer to a shipped line. */
  key: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  kind: ResourceKind;
  name: string;
  /** As people write it locally, e.g. "116 123". */
  phone: string | null;
  /** Text line. The keyword is shown in words, not put in the link (sms: bodies are unreliable). */
  sms: { number: string; keyword: string | null } | null;
  chatUrl: string | null;
  email: string | null;
  hours: string;
  /** Who it is for, in words: "Anyone", "Young people aged 5 to 25". */
  audience: string;
  /** One or two honest sentences on what happens when you get in touch. */
  whatToExpect: string;
  /** Extra ways in: menu options, TTY, languages. */
  notes: string | null;
  /** The organisation's own page for the line: where to check it before a release. */
  sourceUrl: string;
  /** The day the entry was last checked (YYYY-MM-DD); see the data file for how. */
  verifiedOn: string;
}

/** What a data file writes for a line: the rest is filled in. */
export type Entry = Omit<CrisisResource, 'key' | 'sms' | 'chatUrl' | 'email' | 'notes' | 'verifiedOn' | 'phone'> &
  Partial<Pick<CrisisResource, 'sms' | 'chatUrl' | 'email' | 'notes' | 'phone'>>;

/** The key of a line from its country and name: `gb-samaritans`. */
export function lineKey(country: string, name: string): string {
  return `${country.toLowerCase()}-${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** An entry maker for lines checked on one day. */
export function checkedOn(verifiedOn: string): (e: Entry) => CrisisResource {
  return (e) => ({
    key: lineKey(e.country, e.name),
    phone: null,
    sms: null,
    chatUrl: null,
    email: null,
    notes: null,
    verifiedOn,
    ...e,
  });
}

export const EMERGENCY_EXPECT =
  'Police, ambulance and fire services. Call if a life is in danger right now, yours or someone else’s.';

/** Hours we could not confirm to the hour: the visitor is sent to the line's own page instead of a guess. */
export const SEE_HOURS = 'Not open around the clock: check its website for today’s hours';

/** The EU's page on 112, the emergency number in every EU country. */
export const EU_112 = 'https://digital-strategy.ec.europa.eu/en/policies/112';
