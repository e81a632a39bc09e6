import type { SiteSettings } from '../settings/index.ts';
import type { Service } from '../site/index.ts';

/**
 * A fictional practice, so a fresh install shows what a finished site looks like. Every name,
 * address and word here is invented; example.com-style addresses cannot reach anyone.
 */
export const demoSettings: SiteSettings = {
  practiceName: 'Rootwork Coaching',
  coachName: 'Dr. Maya Ellison',
  coachTitle: 'Relationship and life coach',
  credentials: 'PhD in Human Development and Family Studies · Professional Certified Coach (ICF)',
  tagline: 'Steadier relationships, clearer choices, and a life that feels like your own.',
  photoUrl: '/static/coach.svg',
  photoAlt:
    'Illustration in place of a photo: a figure in a green sweater beneath a leafy branch, against a warm sunrise.',
  // Empty, as on a fresh install: notices go to the owner's sign-in address until the coach sets one.
  contactEmail: '',
  timeZone: 'America/Chicago',
  locale: 'en-GB',
  hourCycle: 'h23',
  country: 'US',
  social: [
    { network: 'instagram', url: 'https://www.instagram.com/rootwork.example' },
    { network: 'linkedin', url: 'https://www.linkedin.com/in/maya-ellison-example' },
    { network: 'youtube', url: 'https://www.youtube.com/@rootwork-example' },
  ],
  colours: { accent: '#2f5d50', accentDark: '#8cc7b4' },
};

export interface DemoPage {
  slug: string;
  title: string;
  description: string;
  inNav: boolean;
  navOrder: number;
  body: string;
}

const home: DemoPage = {
  slug: 'home',
  title: 'Rootwork Coaching: relationship and life coaching',
  description:
    'One-to-one relationship and life coaching by video or phone with Dr. Maya Ellison. Clear goals, practical steps and a steady partner along the way.',
  inNav: false,
  navOrder: 0,
  body: `Most people who come to me are managing fine on paper. They want something to shift: a relationship stuck in the same argument, work that no longer fits, a week that seems to run them instead of the other way round.

Coaching gives you one hour that is only about where you want to go, and a plan you will actually follow. We meet by video or phone, so you can join from wherever you feel at ease.`,
};

const about: DemoPage = {
  slug: 'about',
  title: 'About Maya',
  description:
    'Dr. Maya Ellison is a relationship and life coach. Her background, how she works, what she does not do, and what a session with her is like.',
  inNav: true,
  navOrder: 1,
  body: `## How I work

I trust that you already know a great deal about your own life. My part is to ask the questions that bring that knowledge to the surface, and to help you act on it. Sessions are practical: we name what you want, notice what keeps getting in the way, and agree on one or two small steps before we finish. Between sessions you can keep track of those steps in your private portal.

## My background

Before I became a coach I spent ten years studying how couples and families get through change: new babies, moves, illness, retirement, the slow drift that happens when everyone is busy. I trained as a coach in 2016 and have worked with clients across North America ever since, most of them by video.

## How we meet

Every session is one-to-one. We meet by video in a private room that opens in your browser, with nothing to install and nothing recorded, or by phone if you prefer. If the video connection lets us down, I can call you instead and we carry on. Between sessions, your portal holds our goals, your action items and short check-ins.

## What I don't do

I am not a therapist, and coaching is not a treatment for mental health conditions. If something you bring would be better served by a therapist, I will say so honestly and help you find one. Some of my clients see a therapist and work with me at the same time.

## Away from work

I live in Chicago with my partner and an elderly, opinionated dog. I garden with more hope than skill and bake far better than I garden.`,
};

const questions: DemoPage = {
  slug: 'questions',
  title: 'Common questions',
  description:
    'Answers to the questions people ask most before starting coaching: how it differs from therapy, how often we meet, and what stays private.',
  inNav: true,
  navOrder: 20,
  body: `## How is coaching different from therapy?

Therapy helps people heal, often by treating a mental health condition or working through the past. Coaching starts from where you are now and looks forward: what you want, and how to get there. If you are in a lot of pain, therapy is usually the better first step. If you are unsure, ask me; I will give you a straight answer.

## Do I need to know exactly what I want?

No. Plenty of people start with "something has to change" and little more. Finding the words for what you want is often the first piece of work we do together.

## How often do we meet?

Most clients meet every two weeks for about three months. Some prefer weekly sessions at the start, or a monthly check-in once things are moving.

## Is what I say confidential?

Yes, with the limits every helping profession has: if there is a serious risk to your safety or someone else's, or the law requires it, I may share what is needed to keep people safe. The [privacy policy](/privacy) explains how your information is stored.

## Do you work with couples?

No: every session is one-to-one, with one client. Many of my clients work on a relationship, and the changes they make often change the relationship too. If you and your partner want to work on it together, I will gladly suggest a couples therapist or coach.

## How do video sessions work?

You join from the link in your booking email or from your portal, in your browser; there is nothing to install, and nothing is recorded. If the connection fails, you can ask me to call you by phone instead.

## What if it is not working?

Tell me. We will change the approach, or agree that it is time to stop. You can end a package at any point and get back what you paid for the sessions you have not used.`,
};

const privacy: DemoPage = {
  slug: 'privacy',
  title: 'Privacy policy',
  description:
    'What Rootwork Coaching stores about you, how it is protected, how long it is kept, and how to ask for a copy or for deletion.',
  inNav: false,
  navOrder: 90,
  body: `## The short version

- We keep only what we need to coach you and to answer your messages.
- There are no advertising trackers, analytics scripts or social media pixels on this site.
- While you browse, this site loads nothing from other companies' servers: no fonts, no scripts. A video on the blog loads from YouTube only after you choose to play it, on a page of its own.
- You can ask for a copy of your information, or for it to be deleted, at any time.

## Who we are

Rootwork Coaching is the practice of Dr. Maya Ellison. For anything to do with your privacy, write to us through the [contact form](/contact).

## What we store, and why

- **Messages from the contact form:** your name, email address, phone number if you give one, and your message, so that we can reply. The message itself is encrypted before it is saved.
- **If you become a client:** the sessions you book, and the goals, check-ins, messages and files you share in your private portal. Notes, messages, goals and files are encrypted when stored, and each time Dr. Ellison opens your record it is written to a log you can read in the portal.
- **Signing in:** there are no passwords. We email a one-time sign-in link with a code, or you can use a passkey, and we keep a record of each signed-in device (when it signed in and what kind of browser it was) so that it can be signed out.
- **Security records:** a short log of changes made in the practice's back office, and basic server logs (which page was requested, when, and whether it worked). These never include what you type into forms.

## Cookies

Only the ones the site needs to work: one keeps you signed in, another protects forms from being sent by other websites. No advertising or analytics cookies, and nothing that follows you around the web.

## Who else can see it

- The company that hosts our server stores the data but does not use or read it.
- The email service that delivers our messages sees the emails it carries.
- If the law requires it, or in the rare case that someone's life is in danger, we may share what is needed.

We never sell your information or share it for advertising.

## How long we keep it

- Contact messages from people who do not go on to book: up to 12 months, then deleted.
- Client records: while we work together and for three years after your last session, then deleted, unless the law requires us to keep something longer.
- Server logs: only as long as needed to fix problems, then deleted.

## Your rights

You can ask to see the information we hold about you, to correct it, to receive a copy, or to have it deleted. Clients can also download all their data and ask for its deletion from the portal. Write to us through the [contact form](/contact) and we will reply within 30 days.`,
};

const terms: DemoPage = {
  slug: 'terms',
  title: 'Terms of coaching',
  description:
    'The agreement between you and Rootwork Coaching: what coaching is and is not, sessions, cancellations, payment, confidentiality and emergencies.',
  inNav: false,
  navOrder: 91,
  body: `## Coaching is not therapy

Coaching helps you set goals and make changes in your life. It is not psychotherapy, counselling, or medical or psychological treatment, and Dr. Ellison does not diagnose or treat any condition. If you are already seeing a doctor or therapist, please keep doing so; coaching can sit alongside that care.

## Emergencies

Email, the contact form and portal messages are not watched around the clock, so please never use them in an emergency. If you are in crisis or in danger, call your local emergency number or see [Need help now?](/help) for lines that are open right away.

## Sessions

Sessions take place by video, in a private room you join from your portal or your booking email, or by phone, as each service describes. Please join on time: a session that starts late still ends at its booked time.

## Cancelling or moving a session

- You can cancel or move a session free of charge up to 24 hours before it starts.
- Later cancellations and missed sessions are charged in full; in a package, the session counts as used.
- Life happens: once a year, a late cancellation is on us.
- If Dr. Ellison has to cancel, you choose between a new time and a full refund for that session.

## Payment

Prices are in US dollars and shown with each service. Booking on this site charges nothing: Dr. Ellison agrees with you how and when to pay before your first paid session. Package sessions can be used over four months from the first session. If you stop a package early, we refund the sessions you have not used.

## Confidentiality

What you share in coaching stays between you and Dr. Ellison, with two limits: if there is a serious risk of harm to you or someone else, or if the law requires it, she may share what is needed to keep people safe. The [privacy policy](/privacy) explains how your information is stored.

## Ending coaching

You can stop at any time. Dr. Ellison may also end the coaching if she believes a different kind of support would serve you better; if so, she will explain why and suggest where to turn.`,
};

export const demoPages: DemoPage[] = [home, about, questions, privacy, terms];

export type DemoService = Pick<
  Service,
  'slug' | 'name' | 'summary' | 'description_md' | 'duration_minutes' | 'price_cents' | 'currency' | 'modality'
> & {
  /** Booking rules other than the defaults. */
  rules?: { series_count?: number; series_repeat?: 'weekly' | 'fortnightly' | 'monthly'; once_per_client?: number };
};

export const demoServices: DemoService[] = [
  {
    slug: 'introductory-call',
    name: 'Introductory call',
    summary: 'A free 20-minute phone call to talk about what you want and whether working together is a good fit.',
    description_md: `A relaxed conversation, not a sales pitch. You tell me a little about what brings you here; I explain how I work and answer your questions. By the end we will both know whether coaching together makes sense, and if it does not, I will do my best to point you somewhere that fits better.

I call you at the time you choose, so all you need is a phone.`,
    duration_minutes: 20,
    price_cents: 0,
    currency: 'USD',
    modality: 'phone',
    rules: { once_per_client: 1 },
  },
  {
    slug: 'coaching-session',
    name: 'Coaching session',
    summary: 'A single 50-minute session by video, for one decision, conversation or change you want to work on.',
    description_md: `Each session has one focus, chosen by you. We get clear on what you want, look honestly at what is in the way, and finish with one or two concrete steps you feel ready to take.

- We meet in your private video room, in the browser: nothing to install.
- Afterwards, the steps we agreed on are in your portal as action items.
- Good for a decision you keep putting off, getting ready for a hard conversation, or finding your feet after a setback.`,
    duration_minutes: 50,
    price_cents: 14000,
    currency: 'USD',
    modality: 'video',
  },
  {
    slug: 'three-month-package',
    name: 'Three-month package',
    summary: 'Six 50-minute sessions over about three months, with support in between, for change that lasts.',
    description_md: `Lasting change takes practice, not just insight. Over about three months we meet every two weeks, by phone or video, at the time of day you choose.

**What is included**

- Six 50-minute sessions, every two weeks, all booked in one go (you can move any of them later)
- A shared plan with goals and action items in your private portal
- Short written check-ins between sessions
- A closing review: what changed, what helped, and what comes next

The package costs $60 less than six single sessions.`,
    duration_minutes: 50,
    price_cents: 78000,
    currency: 'USD',
    modality: 'choice',
    rules: { series_count: 6, series_repeat: 'fortnightly' },
  },
];

/** The coach's working week, in her own time zone (minutes after midnight). Monday is 1. */
export const demoWeeklyHours: { weekday: number; start: number; end: number }[] = [
  ...[1, 2, 3, 4].flatMap((weekday) => [
    { weekday, start: 9 * 60, end: 12 * 60 },
    { weekday, start: 13 * 60, end: 17 * 60 },
  ]),
  { weekday: 5, start: 9 * 60, end: 13 * 60 },
];

/** Therapists and services the demo coach refers people to. Fictional, like the practice. */
export const demoReferrals: { name: string; focus: string; howToReach: string; notes: string }[] = [
  {
    name: 'Dr. Lena Okafor, licensed clinical psychologist',
    focus: 'Anxiety, depression and trauma; individual therapy for adults',
    howToReach: 'lena.okafor@therapy.example · (312) 555-0142',
    notes: 'Sees clients online across Illinois. Usually offers a first appointment within two weeks.',
  },
  {
    name: 'Lakeshore Couples Therapy',
    focus: 'Couples therapy, including after an affair or a loss',
    howToReach: 'hello@lakeshore.example · (312) 555-0178',
    notes: 'Sliding-scale fees for a few places each month.',
  },
  {
    name: 'Riverbend Recovery Clinic',
    focus: 'Drinking, drugs and gambling: assessment and treatment',
    howToReach: 'intake@riverbend.example · (312) 555-0190',
    notes: 'Accepts self-referrals; a nurse returns calls the same day.',
  },
];
