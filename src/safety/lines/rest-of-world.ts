/**
 * Lines in Asia, the Middle East, Latin America and Africa. The research guide (§3.1) lists none
 * here, so these are the well-known national lines, each named with the organisation's own page.
 *
 * How these were checked: on 2026-12-03, from what is widely published about each national line,
 * cross-read where possible with stored copies of news and government pages (India's Tele-MANAS
 * numbers, the Philippines' NCMH numbers, South Korea's 109, Brazil's emergency codes); NOT by
 * calling the numbers or reading the live pages (this machine has no internet). India's KIRAN line
 * (1800-599-0019) is left out: whether it still answers separately from Tele-MANAS could not be
 * confirmed. Where hours could not be confirmed, the entry says "check its website". Before each
 * release, check every number and source page live and move the date.
 */
import { type CrisisResource, checkedOn, EMERGENCY_EXPECT, SEE_HOURS } from './entry.ts';

const entry = checkedOn('2026-12-03');
const DAY_AND_NIGHT = '24 hours, every day';
const LISTEN = 'A trained volunteer listens in confidence, without judging or telling you what to do.';

function emergency(country: string, phone: string, sourceUrl: string, notes: string | null = null) {
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

export const restOfWorldLines: CrisisResource[] = [
  // India
  emergency('IN', '112', 'https://112.gov.in/', 'Ambulance: 108 in most states.'),
  entry({
    country: 'IN',
    kind: 'crisis',
    name: 'Tele-MANAS',
    phone: '14416',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in 20 Indian languages',
    whatToExpect:
      'A trained counsellor listens and helps, and can connect you with a mental health professional near you. Free and confidential.',
    notes: 'Or call 1-800-891-4416. Choose your language when the call starts.',
    sourceUrl: 'https://telemanas.mohfw.gov.in/',
  }),
  entry({
    country: 'IN',
    kind: 'youth',
    name: 'Child Helpline 1098',
    phone: '1098',
    hours: DAY_AND_NIGHT,
    audience: 'Children in need of help or protection, and adults worried about a child',
    whatToExpect: 'A trained responder listens and arranges help for the child. Free.',
    sourceUrl: 'https://wcd.gov.in/',
  }),
  entry({
    country: 'IN',
    kind: 'domestic_abuse',
    name: 'Women Helpline 181',
    phone: '181',
    hours: DAY_AND_NIGHT,
    audience: 'Women facing violence at home or elsewhere',
    whatToExpect: 'A trained responder listens and connects you with police, medical, legal or shelter support. Free.',
    sourceUrl: 'https://wcd.gov.in/',
  }),

  // Japan
  emergency('JP', '119', 'https://www.fdma.go.jp/', 'Ambulance and fire. Police: 110.'),
  entry({
    country: 'JP',
    kind: 'crisis',
    name: 'TELL Lifeline',
    phone: '03-5774-0992',
    hours: SEE_HOURS,
    audience: 'Anyone in Japan, in English',
    whatToExpect: `${LISTEN} Free and anonymous.`,
    sourceUrl: 'https://telljp.com/',
  }),
  entry({
    country: 'JP',
    kind: 'crisis',
    name: 'Inochi no Denwa',
    phone: '0570-783-556',
    hours: SEE_HOURS,
    audience: 'Anyone, in Japanese',
    whatToExpect: `${LISTEN}`,
    sourceUrl: 'https://www.inochinodenwa.org/',
  }),

  // South Korea
  emergency('KR', '119', 'https://www.nfa.go.kr/', 'Police: 112.'),
  entry({
    country: 'KR',
    kind: 'crisis',
    name: 'Suicide prevention counselling line 109',
    phone: '109',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in Korean',
    whatToExpect: 'A trained counsellor listens and helps you stay safe, and can connect you with care near you.',
    sourceUrl: 'https://www.mohw.go.kr/',
  }),

  // Singapore
  emergency('SG', '995', 'https://www.scdf.gov.sg/', 'Ambulance and fire. Police: 999.'),
  entry({
    country: 'SG',
    kind: 'crisis',
    name: 'Samaritans of Singapore',
    phone: '1767',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone in crisis, or worried about someone',
    whatToExpect: `${LISTEN} Free and confidential.`,
    notes: 'Text on WhatsApp: 9151 1767.',
    sourceUrl: 'https://www.sos.org.sg/',
  }),
  entry({
    country: 'SG',
    kind: 'crisis',
    name: 'IMH Mental Health Helpline',
    phone: '6389 2222',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone worried about their own or someone’s mental health',
    whatToExpect:
      'Staff of the Institute of Mental Health listen and advise on what to do next, including urgent care.',
    sourceUrl: 'https://www.imh.com.sg/',
  }),

  // Philippines
  emergency('PH', '911', 'https://www.gov.ph/'),
  entry({
    country: 'PH',
    kind: 'crisis',
    name: 'NCMH Crisis Hotline',
    phone: '1553',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone in a mental health crisis, or worried about someone',
    whatToExpect:
      'A trained responder of the National Center for Mental Health listens, offers support and helps you find care.',
    notes: 'From a mobile: 0917 899 8727 or 0919 057 1553.',
    sourceUrl: 'https://doh.gov.ph/press-release/launch-of-the-ncmh-crisis-hotline/',
  }),

  // Hong Kong
  emergency('HK', '999', 'https://www.police.gov.hk/'),
  entry({
    country: 'HK',
    kind: 'crisis',
    name: 'The Samaritans Hong Kong',
    phone: '2896 0000',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in several languages including English',
    whatToExpect: `${LISTEN} Confidential.`,
    sourceUrl: 'https://samaritans.org.hk/',
  }),
  entry({
    country: 'HK',
    kind: 'crisis',
    name: 'Samaritan Befrienders Hong Kong',
    phone: '2389 2222',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Cantonese',
    whatToExpect: `${LISTEN} Confidential.`,
    sourceUrl: 'https://sbhk.org.hk/',
  }),

  // Taiwan
  emergency('TW', '119', 'https://www.nfa.gov.tw/', 'Ambulance and fire. Police: 110.'),
  entry({
    country: 'TW',
    kind: 'crisis',
    name: 'Suicide prevention line 1925',
    phone: '1925',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Mandarin',
    whatToExpect: 'A trained counsellor listens and helps you through the moment. Free.',
    sourceUrl: 'https://www.mohw.gov.tw/',
  }),
  entry({
    country: 'TW',
    kind: 'domestic_abuse',
    name: '113 protection line',
    phone: '113',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone facing family violence, sexual violence or child abuse, and people worried about them',
    whatToExpect: 'A trained social worker listens and arranges protection and support. Free.',
    sourceUrl: 'https://www.mohw.gov.tw/',
  }),

  // Malaysia
  emergency('MY', '999', 'https://www.malaysia.gov.my/', '112 works from mobile phones.'),
  entry({
    country: 'MY',
    kind: 'crisis',
    name: 'Befrienders Kuala Lumpur',
    phone: '03-7627 2929',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone feeling distressed or in despair',
    whatToExpect: `${LISTEN} Confidential.`,
    sourceUrl: 'https://www.befrienders.org.my/',
  }),

  // Israel
  emergency('IL', '101', 'https://www.mdais.org/', 'Magen David Adom (ambulance). Police: 100.'),
  entry({
    country: 'IL',
    kind: 'crisis',
    name: 'ERAN',
    phone: '1201',
    chatUrl: 'https://www.eran.org.il/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone in emotional distress, in Hebrew, Arabic, Russian, English and more',
    whatToExpect: `${LISTEN} Anonymous.`,
    sourceUrl: 'https://www.eran.org.il/',
  }),

  // Brazil
  emergency(
    'BR',
    '192',
    'https://www.gov.br/anatel/pt-br/regulado/numeracao/codigos-nacionais/servicos-de-utilidade-publica-e-de-emergencia',
    'SAMU (ambulance). Police: 190. Fire: 193.',
  ),
  entry({
    country: 'BR',
    kind: 'crisis',
    name: 'CVV – Centro de Valorização da Vida',
    phone: '188',
    chatUrl: 'https://cvv.org.br/',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone, in Portuguese',
    whatToExpect: `${LISTEN} Free and confidential.`,
    sourceUrl: 'https://cvv.org.br/',
  }),

  // Mexico
  emergency('MX', '911', 'https://www.gob.mx/'),
  entry({
    country: 'MX',
    kind: 'crisis',
    name: 'Línea de la Vida',
    phone: '800 911 2000',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone struggling with their mental health or substance use, in Spanish',
    whatToExpect:
      'A trained professional listens, helps you through the moment and can point you to care near you. Free.',
    sourceUrl: 'https://www.gob.mx/salud',
  }),

  // Argentina
  emergency('AR', '911', 'https://www.argentina.gob.ar/', 'Ambulance: 107.'),
  entry({
    country: 'AR',
    kind: 'crisis',
    name: 'Centro de Asistencia al Suicida',
    phone: '135',
    hours: SEE_HOURS,
    audience: 'Anyone having thoughts of ending their life, or worried about someone, in Spanish',
    whatToExpect: `${LISTEN} Free.`,
    notes: '135 is free from Buenos Aires and Greater Buenos Aires; from elsewhere call (011) 5275-1135.',
    sourceUrl: 'https://www.asistenciaalsuicida.org.ar/',
  }),
  entry({
    country: 'AR',
    kind: 'domestic_abuse',
    name: 'Línea 144',
    phone: '144',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone facing gender-based violence, and people around them',
    whatToExpect: 'A trained adviser listens, explains your options and connects you with help nearby. Free.',
    sourceUrl: 'https://www.argentina.gob.ar/',
  }),

  // South Africa: 112 from a mobile phone.
  emergency('ZA', '112', 'https://www.gov.za/', 'From a mobile phone. From a landline: police 10111, ambulance 10177.'),
  entry({
    country: 'ZA',
    kind: 'crisis',
    name: 'SADAG Suicide Crisis Helpline',
    phone: '0800 567 567',
    hours: DAY_AND_NIGHT,
    audience: 'Anyone having thoughts of ending their life, or worried about someone',
    whatToExpect: 'A trained counsellor of the South African Depression and Anxiety Group listens and helps. Free.',
    sourceUrl: 'https://www.sadag.org/',
  }),
  entry({
    country: 'ZA',
    kind: 'youth',
    name: 'Childline South Africa',
    phone: '116',
    hours: DAY_AND_NIGHT,
    audience: 'Children and young people, and adults worried about a child',
    whatToExpect: 'A trained counsellor listens and helps you work out what to do. Free.',
    sourceUrl: 'https://www.childlinesa.org.za/',
  }),
];

/** The countries above, named as they read after "in". */
export const restOfWorldCountries: Record<string, string> = {
  IN: 'India',
  JP: 'Japan',
  KR: 'South Korea',
  SG: 'Singapore',
  PH: 'the Philippines',
  HK: 'Hong Kong',
  TW: 'Taiwan',
  MY: 'Malaysia',
  IL: 'Israel',
  BR: 'Brazil',
  MX: 'Mexico',
  AR: 'Argentina',
  ZA: 'South Africa',
};
