import type { IncomingPost } from '../blog/index.ts';

/** The demo practice's blog author: the coach herself. */
export const demoAuthor = {
  slug: 'maya-ellison',
  name: 'Dr. Maya Ellison',
  bio: 'Maya is a relationship and life coach who spent ten years researching how couples and families handle change before she began coaching. She works with clients by video and phone. [More about Maya](/about).',
  photoUrl: '/static/coach.svg',
  links: [
    { label: 'LinkedIn', url: 'https://www.linkedin.com/in/maya-ellison-example' },
    { label: 'YouTube', url: 'https://www.youtube.com/@rootwork-example' },
  ],
};

const DAY = 86_400_000;

/**
 * Six articles for the demo blog, written for Tandem, one of them a video post. `daysAgo` places
 * them in time relative to the moment the demo is seeded.
 */
export function demoPosts(now: number): IncomingPost[] {
  const at = (daysAgo: number) => now - daysAgo * DAY;
  return [
    {
      slug: 'therapy-or-coaching-seven-differences',
      title: 'Therapy or coaching? Seven ways they differ',
      excerpt:
        'Therapy and coaching can look alike from the outside. Here is how they differ in aim, relationship, training, scope, method, length and who they serve.',
      tags: ['Coaching', 'Therapy'],
      publishedAt: at(3),
      body: `People often ask me whether they need a coach or a therapist. It is a fair question: in both, you sit with a trained person, talk honestly and come away seeing something new. But the two crafts are built for different jobs. Knowing which job you need done saves time, money and sometimes a great deal of frustration.

Below are seven angles from which the difference shows. None of them makes one better than the other. If you are still unsure at the end, the [short guide](/guide) on this site asks a few questions and suggests a direction, and you are always welcome to [write to me](/contact).

## 1. What each one is for

Therapy exists to relieve suffering and to treat mental health conditions. Its attention often goes to where a difficulty came from, because understanding its roots is part of healing it.

Coaching exists to help someone who is broadly well move towards something they want. Its attention goes mostly to the present and the next few months: what you are aiming for, what is in the way, and what you will try this week.

## 2. The kind of relationship

A therapist carries clinical responsibility for your care. The relationship is deliberately structured, with firm boundaries, because it has to hold painful material safely.

A coach works alongside you as a partner. You set the agenda, you own the decisions, and the coach brings questions, structure and a steady dose of accountability.

## 3. Training and who checks it

Therapists complete years of graduate study and supervised practice and must hold a licence from a state or national board, which can take it away.

Coaching has no licence. Training ranges from short courses to demanding programmes, and the field relies on voluntary credentials such as those of the International Coaching Federation.[^icf] It is worth asking any coach where they trained and which code of ethics they follow.

## 4. What each may take on

Only a licensed clinician may diagnose and treat conditions such as depression, anxiety disorders or trauma, or handle a crisis. A responsible coach stays out of that territory and refers a client on when it comes up. If you are in danger right now, please go to our [crisis lines page](/help).

## 5. How the work is done

Therapists draw on established treatment approaches and often spend time on emotions, patterns and history. Coaches use goal setting, practical experiments, reflection and follow-up. Coaching sessions usually end with something concrete to try before the next one.

## 6. How long it lasts

Therapy is often open-ended and may continue for many months or years, because healing keeps its own pace. Coaching is usually agreed for a set stretch, such as three months, around a defined aim, and it ends when that aim is reached.

## 7. Who tends to come

People look for therapy when something hurts and does not ease: grief, low mood, fear that will not settle, the echo of an old injury. People look for coaching when life is working but something specific should change, like a relationship pattern, a career move or the way a week gets spent.

## A last word

Plenty of people benefit from both, sometimes at the same time, with each professional aware of the other. If you are unsure where you stand, say so in a first conversation. A good coach will tell you honestly if therapy would serve you better.

[^icf]: The International Coaching Federation (ICF) accredits coach training programmes, awards credentials at several levels and publishes a code of ethics its members agree to follow.`,
    },
    {
      slug: 'five-minute-reset-before-a-hard-conversation',
      title: 'A five-minute reset before a hard conversation',
      excerpt:
        'A short video walk-through of the reset I teach clients to use before a difficult talk with a partner, a parent or a colleague. No equipment needed.',
      tags: ['Relationships', 'Video'],
      publishedAt: at(10),
      videoUrl: 'https://www.youtube.com/watch?v=Rw3xQm5TnV0',
      videoDurationSeconds: 312,
      body: `Most hard conversations go wrong in the first minute, before anyone has said anything unfair. We walk in already braced, already rehearsing our defence, and the other person feels it. In this short video I walk you through the reset I teach almost every client. It takes about five minutes and you can do it in a parked car, a quiet corridor or the bathroom.

## What the reset does

The aim is not to feel calm. The aim is to arrive curious instead of armoured. When you are curious you ask one more question before you answer, and that single extra question changes the direction of many arguments.

## The three steps

1. **Land in your body.** Put both feet on the floor and breathe out slowly, longer than you breathe in, five times. A long out-breath tells your nervous system it is not being chased.
2. **Name what you want.** Not what you want to say, but what you would like to be true after the conversation. Write it in one sentence if you can, such as "We both know who is doing the school run next month."
3. **Guess at their side.** Finish the sentence "From where they stand, this probably feels like…" You may be wrong, and that is fine. The guess alone softens your opening line.

## Trying it this week

Pick one conversation this week that you have been postponing. Do the reset right before it, and afterwards write down one thing that went differently from usual. Bring that note to your next session, or simply keep it for yourself as evidence that small changes count.

If a conversation keeps ending in the same place however you prepare, that pattern is worth looking at together. You can read about [how coaching with me works](/services) or [get in touch](/contact) to talk it through.

Some conversations are not safe to have alone. If you are afraid of how someone will react, please speak to a professional first, and see our [crisis lines page](/help) if you need support right away.`,
    },
    {
      slug: 'why-small-steps-beat-big-resolutions',
      title: 'Why small steps beat big resolutions every time',
      excerpt:
        'Big resolutions feel good for a week and then quietly disappear. Small, specific steps compound. Here is how to choose a step small enough to actually take.',
      tags: ['Habits', 'Coaching'],
      publishedAt: at(17),
      body: `Every January I hear the same story. Someone decided to change everything at once: new routine, new diet, new approach to money, a new way of talking to their partner. For a week it worked. By the third week the plan had become one more thing to feel bad about.

The problem is rarely willpower. It is size. A change that asks for a lot of effort every day competes with everything else that asks for effort, and it loses on the busiest day of the week.

## The smallest step that still counts

In coaching sessions we look for a step so small it seems almost silly, but specific enough that you know whether you did it. "Be more patient with my kids" is a wish. "When I feel the urge to snap, say 'give me a second' before I answer" is a step.

A good step has three qualities:

- **It is observable.** Someone watching could tell whether it happened.
- **It fits your worst day.** If it only works when you are rested, it will not survive a hard week.
- **It is tied to a moment that already exists.** After the morning coffee, on the walk to the car, when the laptop closes.

## Why small steps compound

A small step taken every day does two things. It moves you a little, and it changes how you see yourself. After three weeks of saying "give me a second" you are no longer someone trying to be patient; you are someone who pauses. That shift in identity is what makes the next, slightly larger step feel natural.

## When a step does not happen

Missing a step is information, not failure. Usually it means the step was too big, or it was attached to a moment that does not reliably happen. Shrink it, move it, and try again. In our sessions we spend as much time on what got in the way as on what went well, because that is where the useful learning is.

## Where to begin

Choose one area that matters to you this month. Write down the smallest step you could take tomorrow, and the moment you will take it. If you would like help choosing well, that is exactly what a [coaching session](/services) is for. You might also like [the weekly check-in for couples](/blog/the-weekly-check-in-for-couples), which applies the same idea to a relationship.`,
    },
    {
      slug: 'the-weekly-check-in-for-couples',
      title: 'The weekly check-in: a simple ritual for couples',
      excerpt:
        'Twenty minutes once a week can stop small irritations from turning into big fights. A plain structure for a check-in that couples actually keep doing.',
      tags: ['Relationships', 'Habits'],
      publishedAt: at(24),
      body: `Many of my clients tell me the same thing about their relationship: they do not fight about big things. They fight about the accumulation of small ones: the forgotten errand, the plans made without asking, the tone of a message sent in a rush. Each one is too minor to raise, so none of them gets raised, until one evening they all come out together.

A weekly check-in gives those small things a regular, low-stakes place to land. It is not a crisis meeting and it is not therapy. It is a short, predictable conversation that keeps the channel open.

## Setting it up

Agree on a time that already exists in your week, such as Sunday after dinner or a Thursday walk. Keep it to twenty minutes. Put phones in another room. If one of you is tired or upset, move it, but do not skip it twice in a row.

## A structure that works

Go through four questions in turn, each partner answering before you move on:

1. **What went well between us this week?** Be specific. "You made coffee on Tuesday when I was late" counts.
2. **What is coming up next week?** Deadlines, visits, appointments, anything that will put pressure on either of you.
3. **Is there anything small that bothered you?** Say it briefly and without a verdict. The listener thanks the speaker and asks one question, nothing more.
4. **What would help you feel supported next week?** Ask for one thing, not five.

## What to leave out

The check-in is not the place to settle long-running disagreements about money, family or the future. If one of those comes up, name it and agree on a separate time for it. Protecting the check-in from heavy topics is what keeps both of you willing to come back to it.

## When it stops working

If the check-in keeps turning into an argument, or one partner dreads it, something bigger needs attention. That is a good moment to bring in outside help, whether a [coach](/services) for practical patterns or a couples therapist when there is deeper hurt. If you are not sure which, [this article on therapy and coaching](/blog/therapy-or-coaching-seven-differences) may help you decide.`,
    },
    {
      slug: 'when-work-no-longer-fits',
      title: 'When work no longer fits: questions to ask first',
      excerpt:
        'Thinking about leaving a job that used to suit you? Before you resign, work through these questions to find out what really needs to change in your work.',
      tags: ['Career', 'Life changes'],
      publishedAt: at(31),
      body: `There is a particular kind of tiredness that comes from work that used to fit and no longer does. You are not failing at it. You may even be praised for it. But Sunday evenings feel heavier than they used to, and you catch yourself reading job adverts you would never apply for.

Leaving can be exactly the right move. It can also be an expensive way of taking the real problem with you to a new desk. These questions help tell the two apart.

## What exactly has changed?

Try to date the shift. Did it start with a new manager, a reorganisation, a change at home, a birthday that made you count the years? A clear starting point often points to a specific cause, and specific causes sometimes have specific fixes.

## Is it the work, the place or the pace?

Make three lists. The tasks you do, the people and culture around you, and the hours and intensity. Mark what drains you and what still gives you energy. Many people discover they love the work itself but not the place, or the place but not the pace. Each of those leads to a different next step.

## What would you miss?

Imagine your last day. Who would you genuinely miss, and which parts of the job? Those answers describe what any next role must keep. Leave them out and the new job will feel empty in a familiar way.

## What are you moving towards?

"Anywhere but here" is a strong feeling but a weak plan. Write a paragraph describing an ordinary Tuesday in work that fits you in two years. Where are you, what are you doing at eleven in the morning, and who is around you?

## Small experiments before big moves

Before a resignation letter, try a conversation with your manager about scope, a short course, a side project or a few informational chats with people in roles you are curious about. Each experiment costs little and teaches a lot.

If you want a structured space to work through this, [career and life transitions](/services) are a large part of my coaching. And if the heaviness feels more like low mood than frustration, please read [how therapy and coaching differ](/blog/therapy-or-coaching-seven-differences) and consider speaking with a clinician.`,
    },
    {
      slug: 'what-happens-in-a-first-coaching-session',
      title: 'What happens in a first coaching session with me',
      excerpt:
        'Curious but unsure what to expect? A plain description of a first coaching session with me: how it starts, what we cover and what you leave with.',
      tags: ['Coaching'],
      publishedAt: at(38),
      body: `Booking a first session with someone you have never met takes some courage, especially if you have never worked with a coach before. Knowing what will happen usually makes it easier, so here is how a first session with me goes.

## Before we meet

When you book, the form has room for a note. You might tell me what brings you to coaching now, what you hope will be different in a few months, and anything you would like me to know. Write as much or as little as you like. Some people write a page; some write a sentence.

## The first ten minutes

We start by checking the practical things: that the video or phone line works, that you are somewhere you can talk freely, and how confidentiality works. I explain what coaching is and what it is not, and I ask whether anything is going on that would be better served by a therapist or a doctor. If so, I will say so honestly and help you find the right support.

## The heart of the session

Most of the hour is spent on what you came for. I ask a lot of questions and I listen closely for what matters to you, which is not always what you expected to talk about. Together we try to describe the change you want clearly enough that you would recognise it if it happened.

## The last ten minutes

We agree on one or two small steps for the coming week, and we talk about whether working together makes sense. There is no pressure to commit on the spot. Some people book a package right away; others want to think it over, and that is completely fine.

## What you leave with

You leave with a clearer sense of what you want, at least one concrete thing to try, and a feel for whether my way of working suits you. The steps we agreed are waiting in your private portal afterwards.

If that sounds useful, have a look at [the services I offer](/services) or [send me a message](/contact) with any questions. You can also read [why small steps matter so much](/blog/why-small-steps-beat-big-resolutions) in the way I coach.`,
    },
  ];
}
