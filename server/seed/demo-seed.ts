/**
 * `--seed demo`: a demo tenant with a fixed API key, four users, a direct
 * chat and a group with a few days of realistic history (a thread, reactions,
 * a quote, a mention and an image), so the demo looks alive at first start.
 * Idempotent: an existing demo tenant is left as it is.
 */
import { createHash } from 'node:crypto';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import { createPendingAttachment, markUploaded } from '../domain/attachments.js';
import { createConversation, findMembership } from '../domain/conversations.js';
import { addReaction, createMessage, findMessage, markRead } from '../domain/messages.js';
import { createTenant, findTenantById } from '../domain/tenants.js';
import { upsertUser } from '../domain/users.js';
import { writeStoredFile } from '../uploads/file-store.js';
import { makeDemoPng } from './png.js';

export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';
export const DEMO_API_KEY = 'pk_demo_local_only_0000000000000000';

const PEOPLE = {
  alice: 'Alice Martin',
  bob: 'Bob Chen',
  carol: 'Carol Diaz',
  dave: 'Dave Okafor',
} as const;
type Person = keyof typeof PEOPLE;

interface ScriptLine {
  from: Person;
  /** Minutes after the start of the history (three days ago). */
  at: number;
  body: string;
  label?: string;
  replyTo?: string;
  quote?: string;
  mention?: Person[];
  image?: boolean;
  reactions?: Record<string, Person[]>;
}

const DAY = 24 * 60;

const GROUP_SCRIPT: ScriptLine[] = [
  {
    from: 'carol',
    at: 0,
    body: 'Morning all! Kicking off planning for the Lisbon offsite 🎉',
    label: 'kickoff',
    reactions: { '🎉': ['alice', 'bob', 'dave'] },
  },
  { from: 'alice', at: 4, body: 'Finally! Do we have dates yet?' },
  {
    from: 'carol',
    at: 6,
    body: 'Thinking 12–14 of next month. Does that work for everyone?',
    label: 'dates',
  },
  { from: 'bob', at: 15, body: 'Works for me 👍', replyTo: 'dates' },
  {
    from: 'dave',
    at: 22,
    body: 'I have a dentist appointment on the 12th but I can move it.',
    replyTo: 'dates',
  },
  { from: 'alice', at: 31, body: '12–14 is perfect.', replyTo: 'dates' },
  { from: 'carol', at: 40, body: 'Great, dates locked then ✅' },
  { from: 'bob', at: 95, body: 'Who is handling the venue?' },
  {
    from: 'carol',
    at: 102,
    body: '@dave could you look at venues near Alfama? You know the area best.',
    mention: ['dave'],
    label: 'venue-ask',
  },
  {
    from: 'dave',
    at: 130,
    body: 'On it. I know a place with a rooftop terrace.',
    reactions: { '🔥': ['alice', 'carol'] },
  },
  { from: 'alice', at: DAY + 10, body: 'Flights from Berlin are cheap on Tuesday mornings, FYI.' },
  { from: 'bob', at: DAY + 18, body: 'Booked mine already 😅' },
  {
    from: 'dave',
    at: DAY + 65,
    body: 'Here is the terrace I mentioned:',
    image: true,
    label: 'photo',
    reactions: { '😍': ['alice', 'bob', 'carol'] },
  },
  { from: 'carol', at: DAY + 70, body: 'That view! Book it.', quote: 'photo' },
  {
    from: 'alice',
    at: DAY + 72,
    body: 'Is there a projector? We need one for the roadmap session.',
  },
  { from: 'dave', at: DAY + 90, body: 'Yes, projector and a whiteboard wall.' },
  { from: 'bob', at: DAY + 240, body: 'Should we plan a dinner on the first night?' },
  {
    from: 'carol',
    at: DAY + 244,
    body: 'Yes please. Somewhere with good bacalhau.',
    reactions: { '🐟': ['dave'] },
  },
  {
    from: 'alice',
    at: 2 * DAY + 12,
    body: 'Draft agenda is in the shared folder. Comments welcome!',
    label: 'agenda',
  },
  { from: 'bob', at: 2 * DAY + 30, body: 'Left a few notes on day two.', replyTo: 'agenda' },
  {
    from: 'carol',
    at: 2 * DAY + 41,
    body: 'Looks good. Maybe a shorter lunch on day one?',
    replyTo: 'agenda',
  },
  {
    from: 'dave',
    at: 2 * DAY + 55,
    body: "Agreed, and let's keep the afternoon for the workshop.",
    quote: 'agenda',
  },
  {
    from: 'carol',
    at: 2 * DAY + 300,
    body: 'Venue contract signed 🎊',
    reactions: { '🙌': ['alice', 'bob', 'dave'] },
  },
  {
    from: 'bob',
    at: 3 * DAY - 90,
    body: 'Reminder: send your dietary requirements to Carol by Friday.',
  },
  { from: 'dave', at: 3 * DAY - 60, body: 'Vegetarian here 🥗' },
  {
    from: 'carol',
    at: 3 * DAY - 20,
    body: 'Thanks! @alice are you still vegan?',
    mention: ['alice'],
  },
];

const DIRECT_SCRIPT: ScriptLine[] = [
  { from: 'bob', at: 50, body: 'Hey Alice, got a minute to review my PR later?' },
  { from: 'alice', at: 58, body: 'Sure, after standup.' },
  { from: 'bob', at: 60, body: 'Thanks 🙏', reactions: { '👍': ['alice'] } },
  { from: 'alice', at: DAY + 120, body: 'Left some comments, mostly naming nits.' },
  { from: 'bob', at: DAY + 135, body: 'Fixed, merging now.' },
  { from: 'bob', at: 3 * DAY - 30, body: 'Coffee before the offsite sync?' },
  { from: 'bob', at: 3 * DAY - 29, body: 'There is a new place next to the office ☕' },
];

export function seedDemo(db: Db, uploadsDir: string): { tenantId: string; apiKey: string } {
  const demo = { tenantId: DEMO_TENANT_ID, apiKey: DEMO_API_KEY };
  if (findTenantById(db, DEMO_TENANT_ID)) return demo;
  db.transaction(() => {
    createTenant(db, 'Demo', { id: DEMO_TENANT_ID, apiKey: DEMO_API_KEY });
    const users = {} as Record<Person, AuthUser>;
    for (const [externalId, displayName] of Object.entries(PEOPLE) as [Person, string][]) {
      const { user } = upsertUser(db, DEMO_TENANT_ID, externalId, { display_name: displayName });
      users[externalId] = { userId: user.id, tenantId: DEMO_TENANT_ID, externalId };
    }
    const start = Date.now() - 3 * DAY * 60_000;
    const iso = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();

    const direct = createConversation(
      db,
      users.alice,
      { type: 'direct', member_external_ids: ['bob'] },
      iso(-60),
    );
    const group = createConversation(
      db,
      users.carol,
      { type: 'group', name: 'Lisbon offsite', member_external_ids: ['alice', 'bob', 'dave'] },
      iso(-120),
    );

    const play = (conversationId: string, script: ScriptLine[]): void => {
      const labels = new Map<string, string>();
      for (const line of script) {
        const sender = users[line.from];
        const attachmentIds: string[] = [];
        if (line.image) {
          const png = makeDemoPng();
          const attachment = createPendingAttachment(
            db,
            sender,
            'image/png',
            png.length,
            'rooftop-terrace.png',
            iso(line.at - 1),
          );
          writeStoredFile(uploadsDir, attachment.id, png);
          markUploaded(db, attachment, createHash('sha256').update(png).digest('hex'));
          attachmentIds.push(attachment.id);
        }
        const result = createMessage(
          db,
          sender,
          conversationId,
          {
            body: line.body,
            ...(line.replyTo ? { reply_to_id: labels.get(line.replyTo) } : {}),
            ...(line.quote ? { quoted_message_id: labels.get(line.quote) } : {}),
            ...(line.mention ? { mentions: line.mention.map((p) => users[p].userId) } : {}),
            ...(attachmentIds.length > 0 ? { attachment_ids: attachmentIds } : {}),
          },
          iso(line.at),
        );
        if (line.label) labels.set(line.label, result.message.id);
        for (const [emoji, people] of Object.entries(line.reactions ?? {})) {
          for (const person of people)
            addReaction(db, result.message.id, emoji, users[person].userId);
        }
        // Everyone else had read up to the line before, so only the last few lines stay unread.
        for (const person of Object.keys(PEOPLE) as Person[]) {
          const membership = findMembership(db, conversationId, users[person].userId);
          const message = findMessage(db, result.message.id);
          if (membership && message && line.at < 3 * DAY - 100) markRead(db, membership, message);
        }
      }
    };
    play(direct.conversation.id, DIRECT_SCRIPT);
    play(group.conversation.id, GROUP_SCRIPT);
  })();
  return demo;
}
