import type { Clock } from '../deps.ts';
import { addDays, localDateAt } from '../time/index.ts';
import { addTracker, submitCheckIn } from './check-ins.service.ts';
import {
  addNote,
  archiveClient,
  type ClientsDeps,
  type CoachActor,
  findOrCreateClient,
  recordAccess,
  setCheckInCadence,
} from './clients.service.ts';
import { storeFile } from './files.service.ts';
import { addActionItem, addGoal, setActionItemDone, setGoalStatus } from './goals.service.ts';
import { markConversationRead, sendMessage } from './messages.service.ts';

// Three demo clients of the demo practice, with a few weeks of history, written through the same
// use cases as real work (so sealing, cadence and activity are what they would be). Every word
// here is the demo's own.

const DAY = 86_400_000;

interface Step {
  /** Days before now. */
  daysAgo: number;
  run: (deps: ClientsDeps) => Promise<unknown>;
}

/** Runs a use case as if it were `daysAgo` days ago. */
function at(deps: ClientsDeps, now: number, daysAgo: number): ClientsDeps {
  const clock: Clock = { now: () => now - daysAgo * DAY };
  return { ...deps, clock };
}

/**
 * Adds the demo clients (Daniel, Leila and Theo) with goals, action items, check-ins, messages,
 * notes and a shared worksheet, unless they are there already. `coach` names the coach in notes
 * and the access log (her account when there is one yet). Returns how many clients it added.
 */
export async function seedDemoClients(deps: ClientsDeps, o: { coach?: CoachActor } = {}): Promise<number> {
  const coach: CoachActor = o.coach ?? { userId: null, name: 'Dr. Maya Ellison' };
  const now = deps.clock.now();
  const made = await deps.dbh.db.transaction().execute(async (tx) => {
    const out: Record<string, string> = {};
    for (const c of people) {
      const { client, created } = await findOrCreateClient(
        tx,
        { email: c.email, name: c.name, phone: c.phone, timeZone: c.zone, source: 'demo' },
        now - c.sinceDays * DAY,
      );
      if (created) out[c.key] = client.id;
    }
    return out;
  });
  const ids = made as Partial<Record<PersonKey, string>>;
  for (const [key, steps] of Object.entries(histories(coach)) as [PersonKey, (id: string) => Step[]][]) {
    const id = ids[key];
    if (!id) continue;
    for (const step of steps(id).sort((a, b) => b.daysAgo - a.daysAgo)) await step.run(at(deps, now, step.daysAgo));
  }
  return Object.keys(made).length;
}

type PersonKey = 'daniel' | 'leila' | 'theo';

const people: { key: PersonKey; email: string; name: string; phone: string | null; zone: string; sinceDays: number }[] =
  [
    {
      key: 'daniel',
      email: 'daniel.okafor@example.org',
      name: 'Daniel Okafor',
      phone: '+1 416 555 0142',
      zone: 'America/Toronto',
      sinceDays: 44,
    },
    {
      key: 'leila',
      email: 'leila.haddad@example.net',
      name: 'Leila Haddad',
      phone: null,
      zone: 'America/Denver',
      sinceDays: 30,
    },
    {
      key: 'theo',
      email: 'theo.marchetti@example.com',
      name: 'Theo Marchetti',
      phone: null,
      zone: 'America/Vancouver',
      sinceDays: 120,
    },
  ];

function histories(coach: CoachActor): Record<PersonKey, (id: string) => Step[]> {
  return {
    daniel: (id) => {
      const ids: Record<string, string> = {};
      const weekly = [4, 5, 5, 6, 7, 7];
      return [
        { daysAgo: 43, run: (d) => setCheckInCadence(d, id, 7) },
        {
          daysAgo: 43,
          run: async (d) => {
            ids.calm = await addTracker(d, id, 'Staying calm when things get tense');
            ids.heard = await addTracker(d, id, 'Feeling heard at home');
          },
        },
        {
          daysAgo: 42,
          run: async (d) => {
            ids.goal = await addGoal(d, 'coach', id, {
              title: 'Stay in the hard conversations at home instead of going quiet',
              detail:
                'When a talk with Sam turns tense, Daniel tends to agree just to end it. The aim is to say what he actually thinks, kindly, and stay in the room.',
            });
            ids.a = await addActionItem(d, 'coach', id, ids.goal, {
              title: 'Each evening, say one feeling out loud, however small',
            });
            ids.b = await addActionItem(d, 'coach', id, ids.goal, {
              title: 'Try a twenty-minute Sunday check-in with Sam',
            });
          },
        },
        {
          daysAgo: 42,
          run: (d) =>
            addNote(d, coach, id, {
              kind: 'shared',
              body: 'First session. We mapped what usually happens in a tense moment: your shoulders go up, you go quiet, then you agree. This week, just notice it. No fixing yet.',
            }),
        },
        {
          daysAgo: 42,
          run: (d) =>
            addNote(d, coach, id, {
              kind: 'private',
              body: 'Goes quiet whenever his father comes up. Not a topic for now; if it keeps surfacing, ask whether he would like a therapist alongside.',
            }),
        },
        ...weekly.map((calm, k) => ({
          daysAgo: 41 - k * 7,
          run: (d: ClientsDeps) =>
            submitCheckIn(d, id, {
              scores: { [ids.calm!]: calm, [ids.heard!]: Math.max(3, calm - 1) },
              note:
                k === 2
                  ? 'Tuesday was rough. I went quiet again, but I came back to it an hour later, which is new.'
                  : null,
            }),
        })),
        { daysAgo: 35, run: (d) => setActionItemDone(d, 'client', id, ids.b!, true) },
        {
          daysAgo: 34,
          run: (d) =>
            sendMessage(d, {
              clientId: id,
              from: 'client',
              senderUserId: null,
              body: 'We did the Sunday check-in. It felt awkward for five minutes and then really good. Sam wants to keep it.',
            }),
        },
        {
          daysAgo: 33,
          run: async (d) => {
            await markConversationRead(d, id, 'coach');
            await d.dbh.db
              .transaction()
              .execute((tx) => recordAccess(tx, { clientId: id, coach, what: 'messages' }, d.clock.now()));
            await sendMessage(d, {
              clientId: id,
              from: 'coach',
              senderUserId: coach.userId,
              body: 'That awkward first stretch is normal, and you stayed through it. Keep Sundays; we will look at how to start the hard ones on Thursday.',
            });
          },
        },
        {
          daysAgo: 20,
          run: async (d) => {
            ids.c = await addActionItem(d, 'client', id, ids.goal!, {
              title: 'Write down what I wanted to say, after any moment I went quiet',
              dueDate: isoDaysAgo(d, -2, 'America/Toronto'),
            });
          },
        },
        {
          daysAgo: 2,
          run: (d) =>
            sendMessage(d, {
              clientId: id,
              from: 'client',
              senderUserId: null,
              body: 'Quick one before Thursday: can we talk about how to bring up money without it turning into a fight?',
            }),
        },
        {
          daysAgo: 1,
          run: (d) =>
            d.dbh.db
              .transaction()
              .execute((tx) => recordAccess(tx, { clientId: id, coach, what: 'record' }, d.clock.now())),
        },
      ];
    },
    leila: (id) => {
      const ids: Record<string, string> = {};
      return [
        { daysAgo: 29, run: (d) => setCheckInCadence(d, id, 14) },
        {
          daysAgo: 29,
          run: async (d) => {
            ids.clarity = await addTracker(d, id, 'Clarity about the decision');
            ids.energy = await addTracker(d, id, 'Energy at the end of a workday');
          },
        },
        {
          daysAgo: 28,
          run: async (d) => {
            ids.goal = await addGoal(d, 'client', id, {
              title: 'Decide by March whether to leave my job for the design course',
            });
            ids.a = await addActionItem(d, 'coach', id, ids.goal, {
              title: 'Talk to two people who changed careers after thirty-five',
            });
            ids.b = await addActionItem(d, 'client', id, ids.goal, {
              title: 'Draft a year’s budget with and without my salary',
            });
            ids.c = await addActionItem(d, 'coach', id, ids.goal, {
              title: 'Sit in on one open class at the design school',
              dueDate: isoDaysAgo(d, -27, 'America/Denver'),
            });
          },
        },
        { daysAgo: 27, run: (d) => submitCheckIn(d, id, { scores: { [ids.clarity!]: 3, [ids.energy!]: 4 } }) },
        { daysAgo: 18, run: (d) => setActionItemDone(d, 'client', id, ids.b!, true) },
        {
          daysAgo: 13,
          run: (d) =>
            submitCheckIn(d, id, {
              scores: { [ids.clarity!]: 5, [ids.energy!]: 4 },
              note: 'The budget was less scary on paper than in my head. Still not sure.',
            }),
        },
        {
          daysAgo: 12,
          run: (d) =>
            addNote(d, coach, id, {
              kind: 'shared',
              body: 'You named three things the current job gives you that you would want to keep: the team, a steady income, and being good at it. Next: which of these could the new path give you too?',
            }),
        },
        {
          daysAgo: 12,
          run: (d) =>
            storeFile(d, {
              clientId: id,
              owner: 'coach',
              uploadedByUserId: coach.userId,
              name: 'keep-change-let-go.txt',
              bytes: new TextEncoder().encode(
                'Keep, change, let go\n\nWhat do I want to keep exactly as it is?\n\nWhat do I want to change, and by when?\n\nWhat am I ready to let go of?\n',
              ),
            }),
        },
      ];
    },
    theo: (id) => {
      const ids: Record<string, string> = {};
      return [
        {
          daysAgo: 118,
          run: async (d) => {
            ids.goal = await addGoal(d, 'coach', id, { title: 'A morning routine that survives a busy week' });
            ids.a = await addActionItem(d, 'client', id, ids.goal, { title: 'Phone stays in the kitchen overnight' });
            ids.b = await addActionItem(d, 'coach', id, ids.goal, {
              title: 'Ten minutes outside before opening email',
            });
          },
        },
        { daysAgo: 100, run: (d) => setActionItemDone(d, 'client', id, ids.a!, true) },
        { daysAgo: 80, run: (d) => setActionItemDone(d, 'client', id, ids.b!, true) },
        { daysAgo: 64, run: (d) => setGoalStatus(d, id, ids.goal!, 'achieved') },
        {
          daysAgo: 63,
          run: (d) =>
            addNote(d, coach, id, {
              kind: 'shared',
              body: 'Last session for now. The routine held through two deadline weeks and a move. You know where to find me if you want a tune-up.',
            }),
        },
        { daysAgo: 60, run: (d) => archiveClient(d, coach, id) },
      ];
    },
  };
}

/** The client's calendar date some days from the step's own day (negative: in the future). */
function isoDaysAgo(d: ClientsDeps, daysAgo: number, zone: string): string {
  return addDays(localDateAt(d.clock.now(), zone), -daysAgo);
}
