import { expect } from '@open-wc/testing';
import type {
  Conversation,
  Poolse,
  PresenceDiff,
  PresenceSnapshot,
  RealtimeStatus,
} from '../../../src/sdk/index.js';
import { uniqueId } from '../support/server.js';
import {
  afterEach,
  clientFor,
  delay,
  describe,
  destroyClients,
  it,
  nextEvent,
  waitUntil,
} from './helpers.js';

interface Pair {
  alice: Poolse;
  bob: Poolse;
  aliceId: string;
  bobId: string;
  conv: Conversation;
}

/** Two users sharing one group conversation, each with their own client. */
async function pair(): Promise<Pair> {
  const aliceExt = uniqueId('alice');
  const bobExt = uniqueId('bob');
  const alice = clientFor(aliceExt);
  const bob = clientFor(bobExt);
  const conv = await alice.conversations.create({
    type: 'group',
    name: 'Live',
    member_external_ids: [bobExt],
  });
  const [aliceMe, bobMe] = await Promise.all([alice.me.show(), bob.me.show()]);
  return { alice, bob, aliceId: aliceMe.id, bobId: bobMe.id, conv };
}

/** Both users joined to the conversation's channel. */
async function joinedPair() {
  const p = await pair();
  const aliceLive = p.alice.realtime.conversation(p.conv.id);
  const bobLive = p.bob.realtime.conversation(p.conv.id);
  await waitUntil(() => aliceLive.isJoined() && bobLive.isJoined(), 'both joins');
  return { ...p, aliceLive, bobLive };
}

describe('sdk realtime between two clients', () => {
  afterEach(() => destroyClients());

  it('is idle until the first channel, then connecting and connected; conversation(id) reuses the handle', async () => {
    const { alice, conv } = await pair();
    const statuses: RealtimeStatus[] = [];
    alice.realtime.onStatus((s) => statuses.push(s));
    expect(alice.realtime.getStatus()).to.equal('idle');
    const live = alice.realtime.conversation(conv.id);
    expect(alice.realtime.conversation(conv.id)).to.equal(live);
    await nextEvent<void>(live.onJoin.bind(live), 'join');
    expect(alice.realtime.getStatus()).to.equal('connected');
    expect(statuses).to.deep.equal(['connecting', 'connected']);
    alice.realtime.disconnect();
    expect(alice.realtime.getStatus()).to.equal('closed');
  });

  it('reports a refused socket to onSocketError and keeps trying (status connecting)', async () => {
    const errors: Error[] = [];
    const chat = clientFor(uniqueId('nobody'), {
      getToken: () => 'not-a-valid-token',
      onSocketError: (err) => errors.push(err),
    });
    chat.realtime.conversation('00000000-0000-4000-8000-000000000000');
    await waitUntil(() => errors.length > 0, 'a socket error');
    expect(errors[0]).to.be.instanceOf(Error);
    expect(chat.realtime.getStatus()).to.equal('connecting');
  });

  it('message:new, message:updated, message:deleted', async () => {
    const { aliceLive, bob, conv } = await joinedPair();
    const created = nextEvent(aliceLive.onMessage.bind(aliceLive), 'message:new');
    const sent = await bob.conversations.one(conv.id).messages.send({ body: 'hello alice' });
    const received = await created;
    expect(received.id).to.equal(sent.id);
    expect(received.body).to.equal('hello alice');

    const updated = nextEvent(aliceLive.onMessageUpdated.bind(aliceLive), 'message:updated');
    await bob.messages.one(sent.id).update({ body: 'hello again' });
    expect((await updated).body).to.equal('hello again');

    const deleted = nextEvent(aliceLive.onMessageDeleted.bind(aliceLive), 'message:deleted');
    await bob.messages.one(sent.id).delete();
    const tombstone = await deleted;
    expect(tombstone.id).to.equal(sent.id);
    expect(tombstone.conversation_id).to.equal(conv.id);
    expect(tombstone.deleted_at).to.be.a('string');
  });

  it('reaction:added, reaction:removed, member:read', async () => {
    const { aliceLive, alice, bob, bobId, conv } = await joinedPair();
    const message = await alice.conversations.one(conv.id).messages.send({ body: 'react to me' });

    const added = nextEvent(aliceLive.onReactionAdded.bind(aliceLive), 'reaction:added');
    await bob.messages.one(message.id).addReaction('🎉');
    expect(await added).to.deep.equal({
      message_id: message.id,
      conversation_id: conv.id,
      emoji: '🎉',
      user_id: bobId,
    });

    const removed = nextEvent(aliceLive.onReactionRemoved.bind(aliceLive), 'reaction:removed');
    await bob.messages.one(message.id).removeReaction('🎉');
    expect(await removed).to.deep.equal({
      message_id: message.id,
      conversation_id: conv.id,
      emoji: '🎉',
      user_id: bobId,
    });

    const read = nextEvent(aliceLive.onMemberRead.bind(aliceLive), 'member:read');
    await bob.conversations.one(conv.id).messages.markRead(message.id);
    const receipt = await read;
    expect(receipt.user_id).to.equal(bobId);
    expect(receipt.conversation_id).to.equal(conv.id);
    expect(receipt.last_read_message_id).to.equal(message.id);
  });

  it('typing:start from sendTyping, typing:stop when the typist sends; never your own', async () => {
    const { aliceLive, bobLive, bob, bobId, conv } = await joinedPair();
    const ownTyping: unknown[] = [];
    bobLive.onTypingStart((e) => ownTyping.push(e));
    const start = nextEvent(aliceLive.onTypingStart.bind(aliceLive), 'typing:start');
    bobLive.sendTyping();
    bobLive.sendTyping();
    expect(await start).to.deep.equal({ user_id: bobId });
    const stop = nextEvent(aliceLive.onTypingStop.bind(aliceLive), 'typing:stop');
    await bob.conversations.one(conv.id).messages.send({ body: 'done typing' });
    expect(await stop).to.deep.equal({ user_id: bobId });
    expect(ownTyping).to.deep.equal([]);
  });

  it('presence: state, diffs on join and leave, getPresenceState, and the snapshot for late subscribers', async () => {
    const { alice, bob, aliceId, bobId, conv } = await pair();
    const aliceLive = alice.realtime.conversation(conv.id);
    const first = await nextEvent<PresenceSnapshot>(
      aliceLive.onPresenceState.bind(aliceLive),
      'presence_state',
    );
    expect(Object.keys(first)).to.include(aliceId);

    const joined = nextEvent<PresenceDiff>(
      aliceLive.onPresenceDiff.bind(aliceLive),
      'presence_diff (join)',
      (d) => bobId in d.joins,
    );
    const bobLive = bob.realtime.conversation(conv.id);
    const joinDiff = await joined;
    expect(Object.keys(joinDiff.joins)).to.include(bobId);
    expect(joinDiff.joins[bobId]!.metas[0]!.phx_ref).to.be.a('string');
    expect(Object.keys(aliceLive.getPresenceState())).to.have.members([aliceId, bobId]);

    // A late subscriber gets the current snapshot straight away.
    await waitUntil(() => bobLive.isJoined(), 'bob join');
    await waitUntil(() => Object.keys(bobLive.getPresenceState()).length === 2, 'bob presence');
    const late: PresenceSnapshot[] = [];
    bobLive.onPresenceState((s) => late.push(s));
    expect(late).to.have.length(1);
    expect(Object.keys(late[0]!)).to.have.members([aliceId, bobId]);

    const left = nextEvent<PresenceDiff>(
      aliceLive.onPresenceDiff.bind(aliceLive),
      'presence_diff (leave)',
      (d) => bobId in d.leaves,
    );
    bob.realtime.leave(conv.id);
    const leaveDiff = await left;
    expect(Object.keys(leaveDiff.leaves)).to.include(bobId);
    expect(Object.keys(aliceLive.getPresenceState())).to.deep.equal([aliceId]);
  });

  it('leave(id) stops events and a new conversation(id) is a fresh handle', async () => {
    const { aliceLive, alice, bob, conv } = await joinedPair();
    const received: string[] = [];
    aliceLive.onMessage((m) => received.push(m.body ?? ''));
    alice.realtime.leave(conv.id);
    await bob.conversations.one(conv.id).messages.send({ body: 'after leave' });
    await delay(300);
    expect(received).to.deep.equal([]);
    expect(alice.realtime.conversation(conv.id)).to.not.equal(aliceLive);
  });

  it('a removed member sees their channel close', async () => {
    const { alice, bobLive, conv } = await joinedPair();
    const bobExt = (await alice.conversations.one(conv.id).listMembers()).data.find(
      (m) => m.role !== 'owner',
    )!.external_id;
    const closed = nextEvent<void>(bobLive.onClose.bind(bobLive), 'close after removal');
    await alice.conversations.one(conv.id).removeMember(bobExt);
    await closed;
    expect(bobLive.isJoined()).to.equal(false);
  });

  it('user channel: conversation:created, conversation:updated, mention:new', async () => {
    const aliceExt = uniqueId('alice');
    const bobExt = uniqueId('bob');
    const alice = clientFor(aliceExt);
    const bob = clientFor(bobExt);
    const [aliceMe, bobMe] = await Promise.all([alice.me.show(), bob.me.show()]);
    const bobUser = bob.realtime.user(bobMe.id);
    await nextEvent<void>(bobUser.onJoin.bind(bobUser), 'user join');

    const created = nextEvent(bobUser.onConversationCreated.bind(bobUser), 'conversation:created');
    const conv = await alice.conversations.create({
      type: 'group',
      name: 'Invited',
      member_external_ids: [bobExt],
    });
    const createdEvent = await created;
    expect(createdEvent.id).to.equal(conv.id);
    expect(createdEvent.member_external_ids).to.have.members([aliceExt, bobExt]);

    const updated = nextEvent(bobUser.onConversationUpdated.bind(bobUser), 'conversation:updated');
    const mention = nextEvent(bobUser.onMention.bind(bobUser), 'mention:new');
    const message = await alice.conversations
      .one(conv.id)
      .messages.send({ body: `hi @${bobExt}`, mentions: [bobMe.id] });
    const update = await updated;
    expect(update.by_user_id).to.equal(aliceMe.id);
    expect(update.conversation.id).to.equal(conv.id);
    expect(update.conversation.last_sequence).to.equal(message.sequence);
    expect(update.conversation.last_message_preview).to.equal(`hi @${bobExt}`);
    expect(await mention).to.deep.equal({
      message_id: message.id,
      conversation_id: conv.id,
      sender_id: aliceMe.id,
    });
  });

  it('a join the server refuses is reported by onJoinError and closes the channel', async () => {
    const { conv } = await pair();
    const outsider = clientFor(uniqueId('outsider'));
    const outsiderLive = outsider.realtime.conversation(conv.id);
    const closed = nextEvent<void>(
      outsiderLive.onClose.bind(outsiderLive),
      'close after the refusal',
    );
    const refused = await nextEvent(outsiderLive.onJoinError.bind(outsiderLive), 'join error');
    expect(refused.reason).to.equal('unauthorized');
    await closed;
    expect(outsiderLive.isJoined()).to.equal(false);
    // Asking again retries the join with the same handle (and is refused again).
    const again = nextEvent(outsiderLive.onJoinError.bind(outsiderLive), 'second join error');
    expect(outsider.realtime.conversation(conv.id)).to.equal(outsiderLive);
    expect((await again).reason).to.equal('unauthorized');
  });
});
