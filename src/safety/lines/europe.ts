/**
 * Lines in continental Europe. The research guide (§3.1) lists none here, so these are the
 * well-known national lines, each named with the organisation's own page.
 *
 * How these were checked: on 2026-12-03, from what is widely published about each national line,
 * cross-read where possible with stored copies of news and the services' pages; NOT by calling the
 * numbers or reading the live pages (this machine has no internet). Where opening hours could not
 * be confirmed to the hour, the entry says "check its website" rather than guess. Before each
 * release, check every number and source page live and move the date.
 */
import { type CrisisResource, checkedOn, EMERGENCY_EXPECT, EU_112, SEE_HOURS } from './entry.ts';

const entry = checkedOn('2026-12-03');
const DAY_AND_NIGHT = '24 hours, every day';
const LISTEN = 'A trained volunteer listens in confidence, without judging or telling you what to do.';

function emergency(country: string, notes: string | null = null, phone = '112', sourceUrl = EU_112) {
  return entry({
    country,
    kind: 'emergency',
    name: 'Emergency services',
    phone,
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: EMERGENCY_EXPECT,
    notes,
    sourceUrl,
  });
}

export const europeLines: CrisisResource[] = [
  // Germany
  emergency('DE', 'Police: 110.'),
  entry({
    country: 'DE',
    kind: 'crisis',
    name: 'TelefonSeelsorge',
    phone: '0800 111 0 111',
    chatUrl: 'https://online.telefonseelsorge.de/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in German',
    whatToExpect: `${LISTEN} Calls are free and anonymous.`,
    notes: 'Also on 0800 111 0 222 and 116 123. Chat and email through its website.',
    sourceUrl: 'https://www.telefonseelsorge.de/',
  }),
  entry({
    country: 'DE',
    kind: 'youth',
    name: 'Nummer gegen Kummer',
    phone: '116 111',
    hours: SEE_HOURS,
    audience: 'Children and young people',
    whatToExpect: 'A trained adviser listens to whatever is worrying you. Free and anonymous.',
    sourceUrl: 'https://www.nummergegenkummer.de/',
  }),
  entry({
    country: 'DE',
    kind: 'domestic_abuse',
    name: 'Hilfetelefon Gewalt gegen Frauen',
    phone: '116 016',
    chatUrl: 'https://www.hilfetelefon.de/',
    hours: DAY_AND_NIGHT,
    audience: 'Women experiencing violence, and people supporting them, in many languages',
    whatToExpect: 'A trained counsellor listens, believes you and helps you find support near you. Free and anonymous.',
    sourceUrl: 'https://www.hilfetelefon.de/',
  }),

  // Austria
  emergency('AT', 'Ambulance: 144. Police: 133.'),
  entry({
    country: 'AT',
    kind: 'crisis',
    name: 'TelefonSeelsorge Österreich',
    phone: '142',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in German',
    whatToExpect: `${LISTEN} Calls are free and anonymous.`,
    sourceUrl: 'https://www.telefonseelsorge.at/',
  }),
  entry({
    country: 'AT',
    kind: 'youth',
    name: 'Rat auf Draht',
    phone: '147',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people, and the adults around them',
    whatToExpect: 'A trained adviser listens and helps you think things through. Free and anonymous.',
    sourceUrl: 'https://www.rataufdraht.at/',
  }),
  entry({
    country: 'AT',
    kind: 'domestic_abuse',
    name: 'Frauenhelpline gegen Gewalt',
    phone: '0800 222 555',
    hours: DAY_AND_NIGHT,
    audience: 'Women experiencing violence, and people supporting them',
    whatToExpect: 'A trained adviser listens, believes you and talks through your options. Free and anonymous.',
    sourceUrl: 'https://www.frauenhelpline.at/',
  }),

  // Switzerland
  emergency('CH', '112 also works. Police: 117.', '144', 'https://www.ch.ch/en/'),
  entry({
    country: 'CH',
    kind: 'crisis',
    name: 'Die Dargebotene Hand / La Main Tendue',
    phone: '143',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in German, French or Italian',
    whatToExpect: `${LISTEN} Chat and email are offered on its website too.`,
    sourceUrl: 'https://www.143.ch/',
  }),
  entry({
    country: 'CH',
    kind: 'youth',
    name: 'Pro Juventute 147',
    phone: '147',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people',
    whatToExpect: 'A trained adviser listens and helps, by phone, chat or text. Free and confidential.',
    sourceUrl: 'https://www.147.ch/',
  }),

  // France
  emergency('FR', 'Medical emergency (SAMU): 15.'),
  entry({
    country: 'FR',
    kind: 'crisis',
    name: '3114, numéro national de prévention du suicide',
    phone: '3114',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in French',
    whatToExpect:
      'A nurse or psychologist trained in suicide prevention listens and helps you find a way through. Free and confidential.',
    sourceUrl: 'https://3114.fr/',
  }),
  entry({
    country: 'FR',
    kind: 'youth',
    name: '119 Allô Enfance en Danger',
    phone: '119',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people in danger, and adults worried about a child',
    whatToExpect: 'A trained listener takes what you say seriously and helps protect the child. Free.',
    sourceUrl: 'https://www.allo119.gouv.fr/',
  }),
  entry({
    country: 'FR',
    kind: 'domestic_abuse',
    name: '3919 Violences Femmes Info',
    phone: '3919',
    hours: DAY_AND_NIGHT,
    audience: 'Women experiencing violence, and people around them',
    whatToExpect:
      'A trained listener believes you, explains your options and points you to help nearby. Free and anonymous.',
    sourceUrl: 'https://arretonslesviolences.gouv.fr/',
  }),

  // Spain
  emergency('ES'),
  entry({
    country: 'ES',
    kind: 'crisis',
    name: 'Línea 024 de atención a la conducta suicida',
    phone: '024',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, and their family and friends',
    whatToExpect:
      'A trained professional listens and helps you through the moment, and can connect you with care near you. Free and confidential.',
    sourceUrl: 'https://www.sanidad.gob.es/',
  }),
  entry({
    country: 'ES',
    kind: 'youth',
    name: 'Fundación ANAR',
    phone: '900 20 20 10',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people',
    whatToExpect: 'A psychologist listens to whatever is worrying you and helps. Free and confidential.',
    sourceUrl: 'https://www.anar.org/',
  }),
  entry({
    country: 'ES',
    kind: 'domestic_abuse',
    name: '016',
    phone: '016',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone experiencing gender-based violence, and people around them',
    whatToExpect: 'A trained adviser listens and explains your options and rights. Free and confidential.',
    sourceUrl: 'https://violenciagenero.igualdad.gob.es/',
  }),

  // Italy
  emergency('IT', '118 also reaches an ambulance.'),
  entry({
    country: 'IT',
    kind: 'crisis',
    name: 'Telefono Amico Italia',
    phone: '02 2327 2327',
    hours: SEE_HOURS,
    audience: 'Anyone, in Italian',
    whatToExpect: `${LISTEN} You can stay anonymous.`,
    notes: 'Also on WhatsApp: 345 036 1628.',
    sourceUrl: 'https://www.telefonoamico.it/',
  }),
  entry({
    country: 'IT',
    kind: 'youth',
    name: 'Telefono Azzurro',
    phone: '19696',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people, and adults worried about them',
    whatToExpect: 'A trained counsellor listens and helps you work out what to do next.',
    sourceUrl: 'https://azzurro.it/',
  }),
  entry({
    country: 'IT',
    kind: 'domestic_abuse',
    name: '1522 Antiviolenza e Stalking',
    phone: '1522',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone experiencing violence or stalking, in several languages',
    whatToExpect: 'A trained adviser listens and connects you with support near you. Free and anonymous.',
    sourceUrl: 'https://www.1522.eu/',
  }),

  // Netherlands
  emergency('NL'),
  entry({
    country: 'NL',
    kind: 'crisis',
    name: '113 Zelfmoordpreventie',
    phone: '0800 0113',
    chatUrl: 'https://www.113.nl/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in Dutch',
    whatToExpect: 'A trained volunteer or professional listens and helps you through the moment. Free and anonymous.',
    notes: 'Or call 113 (normal call charges).',
    sourceUrl: 'https://www.113.nl/',
  }),
  entry({
    country: 'NL',
    kind: 'youth',
    name: 'De Kindertelefoon',
    phone: '0800 0432',
    hours: SEE_HOURS,
    audience: 'Children and young people',
    whatToExpect: 'A trained volunteer listens to anything you want to talk about. Free and anonymous.',
    sourceUrl: 'https://www.kindertelefoon.nl/',
  }),
  entry({
    country: 'NL',
    kind: 'domestic_abuse',
    name: 'Veilig Thuis',
    phone: '0800 2000',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone facing violence or abuse at home, and people worried about them',
    whatToExpect: 'A trained adviser listens and helps you decide on the next step. Free.',
    sourceUrl: 'https://veiligthuis.nl/',
  }),

  // Belgium
  emergency('BE'),
  entry({
    country: 'BE',
    kind: 'crisis',
    name: 'Zelfmoordlijn 1813',
    phone: '1813',
    chatUrl: 'https://www.zelfmoord1813.be/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Dutch',
    whatToExpect: `${LISTEN} Free and anonymous.`,
    sourceUrl: 'https://www.zelfmoord1813.be/',
  }),
  entry({
    country: 'BE',
    kind: 'crisis',
    name: 'Centre de Prévention du Suicide',
    phone: '0800 32 123',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in French',
    whatToExpect: `${LISTEN} Free and anonymous.`,
    sourceUrl: 'https://www.preventionsuicide.be/',
  }),
  entry({
    country: 'BE',
    kind: 'youth',
    name: 'Awel',
    phone: '102',
    hours: SEE_HOURS,
    audience: 'Children and young people, in Dutch',
    whatToExpect: 'A trained volunteer listens to whatever is on your mind. Free and anonymous.',
    sourceUrl: 'https://www.awel.be/',
  }),

  // Sweden
  emergency('SE'),
  entry({
    country: 'SE',
    kind: 'crisis',
    name: 'Mind Självmordslinjen',
    phone: '90101',
    chatUrl: 'https://mind.se/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in Swedish',
    whatToExpect: `${LISTEN} You can stay anonymous.`,
    sourceUrl: 'https://mind.se/',
  }),
  entry({
    country: 'SE',
    kind: 'youth',
    name: 'Bris',
    phone: '116 111',
    hours: SEE_HOURS,
    audience: 'Children and young people',
    whatToExpect: 'A trained counsellor listens to whatever is on your mind. Free and anonymous.',
    sourceUrl: 'https://www.bris.se/',
  }),
  entry({
    country: 'SE',
    kind: 'domestic_abuse',
    name: 'Kvinnofridslinjen',
    phone: '020-50 50 50',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone subjected to violence or threats, and people around them',
    whatToExpect: 'A trained counsellor listens, believes you and helps you think about the next step. Free.',
    sourceUrl: 'https://kvinnofridslinjen.se/',
  }),

  // Norway: 113 is the medical emergency number, the one to call when a life is at risk.
  emergency('NO', 'Police: 112. Fire: 110.', '113', 'https://www.helsenorge.no/'),
  entry({
    country: 'NO',
    kind: 'crisis',
    name: 'Mental Helse Hjelpetelefonen',
    phone: '116 123',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Norwegian',
    whatToExpect: `${LISTEN} Free and anonymous.`,
    sourceUrl: 'https://mentalhelse.no/',
  }),
  entry({
    country: 'NO',
    kind: 'crisis',
    name: 'Kirkens SOS',
    phone: '22 40 00 40',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Norwegian',
    whatToExpect: `${LISTEN} Chat and text are offered on its website too.`,
    sourceUrl: 'https://www.kirkens-sos.no/',
  }),

  // Denmark
  emergency('DK'),
  entry({
    country: 'DK',
    kind: 'crisis',
    name: 'Livslinien',
    phone: '70 201 201',
    hours: SEE_HOURS,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in Danish',
    whatToExpect: `${LISTEN} Anonymous.`,
    sourceUrl: 'https://www.livslinien.dk/',
  }),
  entry({
    country: 'DK',
    kind: 'youth',
    name: 'BørneTelefonen',
    phone: '116 111',
    hours: SEE_HOURS,
    audience: 'Children and young people',
    whatToExpect: 'A trained volunteer listens to anything you want to talk about. Free and anonymous.',
    sourceUrl: 'https://bornsvilkar.dk/',
  }),

  // Finland
  emergency('FI'),
  entry({
    country: 'FI',
    kind: 'crisis',
    name: 'MIELI Crisis Helpline',
    phone: '09 2525 0111',
    hours: '24 hours, every day (in Finnish)',
    audience: 'Anyone in a crisis, or worried about someone',
    whatToExpect:
      'A crisis worker or trained volunteer talks it through with you, anonymously. The call costs the usual rate for your phone.',
    notes: 'Other numbers answer in Swedish, English and other languages at set hours: see its website.',
    sourceUrl: 'https://mieli.fi/',
  }),
  entry({
    country: 'FI',
    kind: 'youth',
    name: 'MLL Lasten ja nuorten puhelin',
    phone: '116 111',
    hours: SEE_HOURS,
    audience: 'Children and young people',
    whatToExpect: 'A trained volunteer listens to anything you want to talk about. Free and anonymous.',
    sourceUrl: 'https://www.mll.fi/',
  }),

  // Poland
  emergency('PL'),
  entry({
    country: 'PL',
    kind: 'crisis',
    name: 'Centrum Wsparcia',
    phone: '800 70 2222',
    hours: DAY_AND_NIGHT,
    audience: 'Adults in a mental health crisis, in Polish',
    whatToExpect: 'A psychologist listens and helps you through the moment, by phone, chat or email. Free.',
    notes: '116 123 is another free line for adults in emotional crisis, open at set hours.',
    sourceUrl: 'https://centrumwsparcia.pl/',
  }),
  entry({
    country: 'PL',
    kind: 'youth',
    name: 'Telefon Zaufania dla Dzieci i Młodzieży',
    phone: '116 111',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people',
    whatToExpect: 'A trained counsellor listens to anything that worries you. Free and confidential.',
    sourceUrl: 'https://116111.pl/',
  }),

  // Portugal
  emergency('PT'),
  entry({
    country: 'PT',
    kind: 'crisis',
    name: 'SNS 24',
    phone: '808 24 24 24',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Portuguese',
    whatToExpect: 'The national health line. Ask for psychological support to talk with a trained professional.',
    sourceUrl: 'https://www.sns24.gov.pt/',
  }),
  entry({
    country: 'PT',
    kind: 'crisis',
    name: 'SOS Voz Amiga',
    phone: '213 544 545',
    hours: SEE_HOURS,
    audience: 'Anyone feeling alone, anxious or in despair, in Portuguese',
    whatToExpect: `${LISTEN} Anonymous.`,
    notes: 'Also on 912 802 669 and 963 524 660.',
    sourceUrl: 'https://www.sosvozamiga.org/',
  }),
];

/** The countries above, named as they read after "in". */
export const europeCountries: Record<string, string> = {
  DE: 'Germany',
  AT: 'Austria',
  CH: 'Switzerland',
  FR: 'France',
  ES: 'Spain',
  IT: 'Italy',
  NL: 'the Netherlands',
  BE: 'Belgium',
  SE: 'Sweden',
  NO: 'Norway',
  DK: 'Denmark',
  FI: 'Finland',
  PL: 'Poland',
  PT: 'Portugal',
};
