/**
 * Seeds a server with hostile content through its REST API (fast, no
 * browser): attackers whose external ids and display names are payloads, a
 * room where they send every hostile string as a message, quotes of those
 * messages, odd reactions, files with hostile names, and rooms whose names
 * are payloads. Alice is in all of it and is the one who looks.
 */
import type { Conversation, Message } from '../../../src/sdk/types.js';
import {
  hostileBodies,
  hostileNames,
  hostileReactions,
} from '../../../test/fixtures/hostile-strings.js';
import { RestUser, setDisplayName } from './rest.js';

const TRAP = 'window.__pwned=1';

/** External ids that are payloads (the server takes any string of 1..255 characters). */
export const HOSTILE_EXTERNAL_IDS: readonly string[] = [
  `<img src=x onerror="${TRAP}">`,
  `<script>${TRAP}</script>`,
  '\u202Egnp.exe\u202C harmless.png',
  `Z${'\u0336\u0321\u0300'.repeat(20)}algo`,
  'W'.repeat(255),
  `javascript:${TRAP}`,
  `"><svg onload="${TRAP}">`,
];

export interface HostileWorld {
  room: Conversation;
  /** Rooms named with payloads, each with one hostile message. */
  namedRooms: Conversation[];
  /** Every body sent into the room, by message id. */
  bodies: Map<string, string>;
  quotes: { id: string; quotedBody: string }[];
  files: string[];
  reactions: readonly string[];
  /** Each attacker's display name as the server holds it (bidi controls removed), by external id. */
  senderNames: Map<string, string>;
}

/**
 * A file name the server accepts: no path separators, no control or bidi
 * control characters (refused, so a name cannot reorder its own extension),
 * 1..255 characters.
 */
function acceptableFilename(name: string): boolean {
  return (
    name.trim() !== '' &&
    name.length <= 255 &&
    // eslint-disable-next-line no-control-regex
    !/[/\\\u0000-\u001f\u007f]/.test(name) &&
    !/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(name) &&
    name !== '.' &&
    name !== '..'
  );
}

export async function seedHostileWorld(apiUrl: string): Promise<HostileWorld> {
  const alice = await RestUser.of(apiUrl, 'alice');
  const attackers = await Promise.all(HOSTILE_EXTERNAL_IDS.map((id) => RestUser.of(apiUrl, id)));
  const names = hostileNames();
  const users = await Promise.all(
    HOSTILE_EXTERNAL_IDS.map((id, i) => setDisplayName(apiUrl, id, names[i % names.length]!)),
  );
  const senderNames = new Map(
    users.map((user) => [user.external_id, user.display_name ?? user.external_id]),
  );

  const room = await alice.request<Conversation>('POST', '/v1/conversations', {
    type: 'group',
    name: `Room <b>${names[0]}</b>`,
    member_external_ids: [...HOSTILE_EXTERNAL_IDS],
  });

  // Every hostile string as a message, spread over the attackers (writes are limited per caller).
  const all = hostileBodies();
  const bodies = new Map<string, string>();
  await Promise.all(
    attackers.map(async (attacker, a) => {
      for (let i = a; i < all.length; i += attackers.length) {
        const message = await attacker.send(room.id, { body: all[i]! });
        bodies.set(message.id, all[i]!);
      }
    }),
  );

  // Quotes of the markup and Unicode payloads.
  const byBody = new Map([...bodies].map(([id, body]) => [body, id]));
  const quoted = all.filter((b) => b.includes('<') || /\u202E|\u200B|\u0336/.test(b)).slice(0, 12);
  const quotes: HostileWorld['quotes'] = [];
  for (const [n, body] of quoted.entries()) {
    const message = await alice.send(room.id, {
      body: `quote ${n}`,
      quoted_message_id: byBody.get(body)!,
    });
    quotes.push({ id: message.id, quotedBody: body });
  }

  // Files with hostile names, ten to a message.
  const files = names.filter(acceptableFilename).slice(0, 20);
  const uploader = attackers[0]!;
  for (let start = 0; start < files.length; start += 10) {
    const batch = files.slice(start, start + 10);
    const attachments = [];
    for (const name of batch)
      attachments.push(
        await uploader.upload(new TextEncoder().encode(`file ${name}`), 'text/plain', name),
      );
    await uploader.send(room.id, {
      body: `files ${start}`,
      attachment_ids: attachments.map((a) => a.id),
    });
  }

  // Odd reactions on the newest message, from everyone.
  const last = (await alice.messagesAfter(room.id, 0)).at(-1) as Message;
  for (const [i, emoji] of hostileReactions.entries()) {
    const reactor = attackers[i % attackers.length]!;
    await reactor.request('POST', `/v1/messages/${last.id}/reactions`, { emoji });
  }

  // Rooms named with payloads, each with a hostile last message for the inbox preview.
  const namedRooms: Conversation[] = [];
  for (const [n, name] of names.slice(0, 12).entries()) {
    const named = await attackers[n % attackers.length]!.request<Conversation>(
      'POST',
      '/v1/conversations',
      {
        type: 'group',
        name,
        member_external_ids: ['alice'],
      },
    );
    await attackers[n % attackers.length]!.send(named.id, { body: all[(n * 37) % all.length]! });
    namedRooms.push(await alice.request<Conversation>('GET', `/v1/conversations/${named.id}`));
  }

  return { room, namedRooms, bodies, quotes, files, reactions: hostileReactions, senderNames };
}
