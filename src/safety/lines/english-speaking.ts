/**
 * Lines in the United States, Canada, the United Kingdom, Ireland, Australia and New Zealand: the
 * research guide's §3.1 table (where it lists a line, it wins), completed from stored copies of the
 * services' own pages.
 *
 * How these were checked: on 2026-11-27, against ../shared/reference/guide.md §3.1 and stored copies
 * of each service's page, NOT by calling the numbers or reading the live pages (this machine has no
 * internet). Reviewed again against the guide on 2026-12-03 without change. Before each release,
 * check every number against its live source page and move the date.
 */
import { type CrisisResource, checkedOn, EMERGENCY_EXPECT } from './entry.ts';

const entry = checkedOn('2026-11-27');

export const englishSpeakingLines: CrisisResource[] = [
  // United States
  entry({
    country: 'US',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '911',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: EMERGENCY_EXPECT,
    sourceUrl: 'https://www.911.gov/',
  }),
  entry({
    country: 'US',
    kind: 'crisis',
    name: '988 Suicide & Crisis Lifeline',
    phone: '988',
    sms: { number: '988', keyword: null },
    chatUrl: 'https://988lifeline.org/chat/',
    hours: '24 hours, every day',
    audience: 'Anyone, including people worried about someone else',
    whatToExpect:
      'A trained counselor listens, helps you through the moment and can point you to support nearby. Fewer than 2 in 100 calls involve emergency services, and more than half of those happen with the caller’s agreement.',
    notes: 'Press 1 for the Veterans Crisis Line, 2 for Spanish. Interpreters speak more than 250 languages.',
    sourceUrl: 'https://988lifeline.org/',
  }),
  entry({
    country: 'US',
    kind: 'crisis',
    name: 'Crisis Text Line',
    sms: { number: '741741', keyword: 'HOME' },
    hours: '24 hours, every day',
    audience: 'Anyone who would rather text',
    whatToExpect:
      'A trained volunteer texts back, usually within minutes, and stays with you until you feel calmer. Emergency services are involved in about 1 in 100 conversations.',
    sourceUrl: 'https://www.crisistextline.org/',
  }),
  entry({
    country: 'US',
    kind: 'domestic_abuse',
    name: 'National Domestic Violence Hotline',
    phone: '1-800-799-7233',
    sms: { number: '88788', keyword: 'START' },
    chatUrl: 'https://www.thehotline.org/',
    hours: '24 hours, every day',
    audience: 'Anyone affected by abuse in a relationship, and people helping them',
    whatToExpect:
      'An advocate listens, helps you understand your options and make a plan to stay safer. You decide what happens next.',
    notes: 'TTY 1-800-787-3224.',
    sourceUrl: 'https://www.thehotline.org/',
  }),
  entry({
    country: 'US',
    kind: 'substance',
    name: 'SAMHSA National Helpline',
    phone: '1-800-662-4357',
    hours: '24 hours, every day',
    audience: 'Anyone looking for help with mental health or substance use',
    whatToExpect:
      'Free, confidential information and referrals to treatment and support groups near you. It is an information line, not a crisis line.',
    sourceUrl: 'https://www.samhsa.gov/find-help/national-helpline',
  }),

  // Canada
  entry({
    country: 'CA',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '911',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: EMERGENCY_EXPECT,
    sourceUrl: 'https://www.canada.ca/en/public-health/services/mental-health-services/mental-health-get-help.html',
  }),
  entry({
    country: 'CA',
    kind: 'crisis',
    name: '9-8-8 Suicide Crisis Helpline',
    phone: '988',
    sms: { number: '988', keyword: null },
    hours: '24 hours, every day',
    audience: 'Anyone, in English or French',
    whatToExpect:
      'A trained responder listens without judgement and helps you find ways to get through today and stay supported.',
    sourceUrl: 'https://988.ca/',
  }),
  entry({
    country: 'CA',
    kind: 'youth',
    name: 'Kids Help Phone',
    phone: '1-800-668-6868',
    sms: { number: '686868', keyword: 'CONNECT' },
    hours: '24 hours, every day',
    audience: 'Young people',
    whatToExpect:
      'A counsellor or trained volunteer listens to whatever is on your mind, big or small. It is free and confidential.',
    sourceUrl: 'https://kidshelpphone.ca/',
  }),

  // United Kingdom
  entry({
    country: 'GB',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '999',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: `${EMERGENCY_EXPECT} You can also go to A&E.`,
    sourceUrl: 'https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/',
  }),
  entry({
    country: 'GB',
    kind: 'crisis',
    name: 'Samaritans',
    phone: '116 123',
    email: 'jo@samaritans.org',
    hours: '24 hours, every day',
    audience: 'Anyone',
    whatToExpect:
      'A trained volunteer listens without judging or telling you what to do. Calls are free, and the number does not show on your phone bill.',
    sourceUrl: 'https://www.samaritans.org/how-we-can-help/contact-samaritan/',
  }),
  entry({
    country: 'GB',
    kind: 'crisis',
    name: 'Shout',
    sms: { number: '85258', keyword: 'SHOUT' },
    hours: '24 hours, every day',
    audience: 'Anyone in the UK who would rather text',
    whatToExpect: 'A trained volunteer texts back and helps you take the next step toward feeling calmer and safer.',
    sourceUrl: 'https://giveusashout.org/',
  }),
  entry({
    country: 'GB',
    kind: 'crisis',
    name: 'NHS 111, mental health option',
    phone: '111',
    hours: '24 hours, every day',
    audience: 'Anyone, any age',
    whatToExpect:
      'Choose the mental health option to talk to a trained NHS adviser, who can arrange urgent help near you. Scotland and Wales offer similar help through 111.',
    sourceUrl: 'https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/',
  }),
  entry({
    country: 'GB',
    kind: 'youth',
    name: 'Childline',
    phone: '0800 1111',
    hours: '24 hours, every day',
    audience: 'Children and young people under 19',
    whatToExpect: 'A trained counsellor listens to anything that worries you. It is free and confidential.',
    sourceUrl: 'https://www.childline.org.uk/',
  }),
  entry({
    country: 'GB',
    kind: 'domestic_abuse',
    name: 'National Domestic Abuse Helpline (Refuge)',
    phone: '0808 2000 247',
    hours: '24 hours, every day',
    audience: 'Anyone experiencing domestic abuse, and people worried about them',
    whatToExpect:
      'A trained adviser listens, believes you and helps you think through your options. Free and confidential.',
    sourceUrl: 'https://www.nationaldahelpline.org.uk/',
  }),

  // Ireland
  entry({
    country: 'IE',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '112',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: `${EMERGENCY_EXPECT} 999 works too.`,
    sourceUrl: 'https://www.gov.ie/en/publication/24f2a-emergency-numbers/',
  }),
  entry({
    country: 'IE',
    kind: 'crisis',
    name: 'Samaritans Ireland',
    phone: '116 123',
    email: 'jo@samaritans.ie',
    hours: '24 hours, every day',
    audience: 'Anyone',
    whatToExpect: 'A trained volunteer listens without judging or telling you what to do. Calls are free.',
    sourceUrl: 'https://www.samaritans.org/ireland/how-we-can-help/contact-samaritan/',
  }),
  entry({
    country: 'IE',
    kind: 'crisis',
    name: '50808 text service',
    sms: { number: '50808', keyword: 'TALK' },
    hours: '24 hours, every day',
    audience: 'Anyone who would rather text',
    whatToExpect:
      'A trained volunteer texts back, listens and helps you find a way through the moment. Free and anonymous.',
    sourceUrl: 'https://text50808.ie/',
  }),
  entry({
    country: 'IE',
    kind: 'domestic_abuse',
    name: 'Women’s Aid National Freephone Helpline',
    phone: '1800 341 900',
    hours: '24 hours, every day',
    audience: 'Women experiencing abuse from a partner or ex-partner, and people worried about them',
    whatToExpect:
      'Trained staff and volunteers listen, believe you and talk through your options. Free and confidential.',
    sourceUrl: 'https://www.womensaid.ie/',
  }),

  // Australia
  entry({
    country: 'AU',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '000',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: EMERGENCY_EXPECT,
    notes: '112 also works from mobile phones. TTY users call 106.',
    sourceUrl: 'https://www.triplezero.gov.au/',
  }),
  entry({
    country: 'AU',
    kind: 'crisis',
    name: 'Lifeline',
    phone: '13 11 14',
    sms: { number: '0477 13 11 14', keyword: null },
    chatUrl: 'https://www.lifeline.org.au/',
    hours: '24 hours, every day',
    audience: 'Anyone',
    whatToExpect: 'A trained crisis supporter listens, helps you feel calmer and works out the next steps with you.',
    sourceUrl: 'https://www.lifeline.org.au/',
  }),
  entry({
    country: 'AU',
    kind: 'youth',
    name: 'Kids Helpline',
    phone: '1800 55 1800',
    hours: '24 hours, every day',
    audience: 'Young people aged 5 to 25',
    whatToExpect: 'A qualified counsellor listens and helps, about anything at all. Free and confidential.',
    sourceUrl: 'https://kidshelpline.com.au/',
  }),
  entry({
    country: 'AU',
    kind: 'domestic_abuse',
    name: '1800RESPECT',
    phone: '1800 737 732',
    chatUrl: 'https://www.1800respect.org.au/',
    hours: '24 hours, every day',
    audience: 'Anyone affected by domestic, family or sexual violence, and people supporting them',
    whatToExpect: 'A qualified counsellor listens, puts your safety first and helps you find support near you.',
    sourceUrl: 'https://www.1800respect.org.au/',
  }),

  // New Zealand
  entry({
    country: 'NZ',
    kind: 'emergency',
    name: 'Emergency services',
    phone: '111',
    hours: 'Always open',
    audience: 'Anyone',
    whatToExpect: EMERGENCY_EXPECT,
    sourceUrl: 'https://www.police.govt.nz/contact-us/emergency-111',
  }),
  entry({
    country: 'NZ',
    kind: 'crisis',
    name: 'Need to talk? 1737',
    phone: '1737',
    sms: { number: '1737', keyword: null },
    hours: '24 hours, every day',
    audience: 'Anyone',
    whatToExpect: 'A trained counsellor answers your call or text and listens. Free from any phone.',
    sourceUrl: 'https://1737.org.nz/',
  }),
  entry({
    country: 'NZ',
    kind: 'crisis',
    name: 'Lifeline Aotearoa',
    phone: '0800 543 354',
    sms: { number: '4357', keyword: 'HELP' },
    hours: '24 hours, every day',
    audience: 'Anyone',
    whatToExpect: 'A trained volunteer listens and helps you work out what might help next.',
    sourceUrl: 'https://www.lifeline.org.nz/',
  }),
  entry({
    country: 'NZ',
    kind: 'crisis',
    name: 'Suicide Crisis Helpline',
    phone: '0508 828 865',
    hours: '24 hours, every day',
    audience: 'Anyone having thoughts of ending their life, or worried about someone who is',
    whatToExpect: 'A trained counsellor listens and helps you stay safe through the next hours.',
    sourceUrl: 'https://www.lifeline.org.nz/services/suicide-crisis-helpline/',
  }),
  entry({
    country: 'NZ',
    kind: 'youth',
    name: 'Youthline',
    phone: '0800 376 633',
    sms: { number: '234', keyword: null },
    hours: '24 hours, every day',
    audience: 'Young people, and the people who support them',
    whatToExpect: 'A trained counsellor listens to whatever is going on for you. Free and confidential.',
    sourceUrl: 'https://www.youthline.co.nz/',
  }),
  entry({
    country: 'NZ',
    kind: 'domestic_abuse',
    name: 'Women’s Refuge crisis line',
    phone: '0800 733 843',
    hours: '24 hours, every day',
    audience: 'Women and children experiencing family violence, and people worried about them',
    whatToExpect:
      'An advocate in your region listens without judging and supports you to make choices for your safety.',
    sourceUrl: 'https://womensrefuge.org.nz/get-help/',
  }),
];

/** The countries above, named as they read after "in". */
export const englishSpeakingCountries: Record<string, string> = {
  US: 'the United States',
  CA: 'Canada',
  GB: 'the United Kingdom',
  IE: 'Ireland',
  AU: 'Australia',
  NZ: 'New Zealand',
};
