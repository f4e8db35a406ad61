import { expect } from '@open-wc/testing';
import { ApiError, AuthError, type Conversation, type Message } from '../../../src/sdk/index.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';
import { after, before, clientFor, describe, destroyClients, it } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sdk REST against the local server', () => {
  const alice = uniqueId('alice');
  const bob = uniqueId('bob');
  const carol = uniqueId('carol');
  const dave = uniqueId('dave');
  let conv: Conversation;

  before(async () => {
    conv = await clientFor(alice).conversations.create({
      type: 'group',
      name: 'Team',
      member_external_ids: [bob],
    });
  });
  after(() => destroyClients());

  it('me.show answers the signed-in user', async () => {
    const me = await clientFor(alice).me.show();
    expect(me.external_id).to.equal(alice);
    expect(me.id).to.match(UUID);
  });

  it('conversations: create, list, show, update', async () => {
    const chat = clientFor(alice);
    expect(conv.type).to.equal('group');
    expect(conv.member_external_ids).to.have.members([alice, bob]);
    const { data } = await chat.conversations.list();
    expect(data.map((c) => c.id)).to.include(conv.id);
    const handle = chat.conversations.one(conv.id);
    expect((await handle.show()).name).to.equal('Team');
    const updated = await handle.update({ name: 'Renamed', custom_data: { topic: 'sdk' } });
    expect(updated.name).to.equal('Renamed');
    expect(updated.custom_data).to.deep.equal({ topic: 'sdk' });
    const direct = await chat.conversations.create({
      type: 'direct',
      member_external_ids: [carol],
    });
    const again = await chat.conversations.create({ type: 'direct', member_external_ids: [carol] });
    expect(again.id).to.equal(direct.id);
  });

  it('members: listMembers, addMembers, addMember, removeMember', async () => {
    const handle = clientFor(alice).conversations.one(conv.id);
    const added = await handle.addMembers([carol]);
    expect(added.data.map((m) => m.external_id)).to.deep.equal([carol]);
    const admin = await handle.addMember(dave, { role: 'admin' });
    expect(admin.external_id).to.equal(dave);
    expect(admin.role).to.equal('admin');
    let members = (await handle.listMembers()).data.map((m) => m.external_id);
    expect(members).to.have.members([alice, bob, carol, dave]);
    await handle.removeMember(carol);
    members = (await handle.listMembers()).data.map((m) => m.external_id);
    expect(members).to.not.include(carol);
    // A removed member no longer sees the conversation.
    const error = await clientFor(carol)
      .conversations.one(conv.id)
      .show()
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(404);
    expect((error as ApiError).code).to.equal('not_found');
  });

  it('messages: send (with a generated id), resend, list with before/after, iterate, markRead', async () => {
    const chat = clientFor(alice);
    const messages = chat.conversations.one(conv.id).messages;
    const sent: Message[] = [];
    for (let i = 1; i <= 5; i += 1) sent.push(await messages.send({ body: `message ${i}` }));
    expect(sent[0]!.id).to.match(UUID);
    expect(sent[0]!.body).to.equal('message 1');
    const resent = await messages.send({ id: sent[4]!.id, body: 'message 5' });
    expect(resent.id).to.equal(sent[4]!.id);
    expect(resent.sequence).to.equal(sent[4]!.sequence);

    const newest = await messages.list({ limit: 2 });
    expect(newest.data.map((m) => m.body)).to.deep.equal(['message 5', 'message 4']);
    const older = await messages.list({ limit: 2, before: sent[3]!.sequence });
    expect(older.data.map((m) => m.body)).to.deep.equal(['message 3', 'message 2']);
    const gap = await messages.list({ after: sent[2]!.sequence });
    expect(gap.data.map((m) => m.body)).to.deep.equal(['message 4', 'message 5']);

    const walked: string[] = [];
    for await (const m of messages.iterate({ before: sent[4]!.sequence, limit: 2 }))
      walked.push(m.body ?? '');
    expect(walked).to.deep.equal(['message 4', 'message 3', 'message 2', 'message 1']);

    const bobChat = clientFor(bob);
    const before = (await bobChat.conversations.one(conv.id).show()).unread_count;
    expect(before).to.be.greaterThan(0);
    await bobChat.conversations.one(conv.id).messages.markRead(sent[4]!.id);
    const members = await bobChat.conversations.one(conv.id).listMembers();
    expect(members.data.find((m) => m.external_id === bob)?.last_read_message_id).to.equal(
      sent[4]!.id,
    );
    expect((await bobChat.conversations.one(conv.id).show()).unread_count).to.equal(0);
  });

  it('message handle: update, replies, addReaction, removeReaction, delete', async () => {
    const chat = clientFor(alice);
    const root = await chat.conversations.one(conv.id).messages.send({ body: 'root' });
    const handle = chat.messages.one(root.id);
    const edited = await handle.update({ body: 'root (edited)' });
    expect(edited.body).to.equal('root (edited)');
    expect(edited.edited_at).to.be.a('string');

    const bobMessages = clientFor(bob).conversations.one(conv.id).messages;
    const r1 = await bobMessages.send({ body: 'reply 1', reply_to_id: root.id });
    const r2 = await bobMessages.send({ body: 'reply 2', reply_to_id: root.id });
    expect(r1.thread_root_id).to.equal(root.id);
    const replies = await handle.replies();
    expect(replies.data.map((m) => m.body)).to.deep.equal(['reply 1', 'reply 2']);
    const after = await handle.replies({ after: r1.sequence });
    expect(after.data.map((m) => m.id)).to.deep.equal([r2.id]);

    const me = await chat.me.show();
    const reacted = await handle.addReaction('👍');
    expect(reacted.reactions['👍']).to.deep.equal([me.id]);
    const unreacted = await handle.removeReaction('👍');
    expect(unreacted.reactions['👍'] ?? []).to.deep.equal([]);

    await handle.delete();
    const error = await handle.update({ body: 'too late' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(410);
    expect((error as ApiError).code).to.equal('message_deleted');
    expect((error as ApiError).docUrl).to.contain('message_deleted');
  });

  it('attachments: upload with progress ending at total, attach, download the same bytes, delete', async () => {
    const chat = clientFor(alice);
    const bytes = new Uint8Array(256 * 1024);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) % 251;
    const file = new File([bytes], 'data.bin', { type: 'application/octet-stream' });
    const progress: Array<{ loaded: number; total: number }> = [];
    const attachment = await chat.attachments.upload(
      { body: file, contentType: file.type, byteSize: file.size, filename: file.name },
      { onProgress: (e) => progress.push(e) },
    );
    expect(attachment.byte_size).to.equal(bytes.length);
    expect(attachment.original_filename).to.equal('data.bin');
    expect(progress.length).to.be.greaterThan(0);
    const last = progress[progress.length - 1]!;
    expect(last).to.deep.equal({ loaded: bytes.length, total: bytes.length });
    for (let i = 1; i < progress.length; i += 1)
      expect(progress[i]!.loaded).to.be.at.least(progress[i - 1]!.loaded);

    const message = await chat.conversations
      .one(conv.id)
      .messages.send({ body: 'file', attachment_ids: [attachment.id] });
    expect(message.attachments.map((a) => a.id)).to.deep.equal([attachment.id]);
    expect(message.attachments[0]!.status).to.equal('ready');

    const { url, method } = await clientFor(bob).attachments.one(attachment.id).downloadUrl();
    expect(method).to.equal('get');
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(downloaded.length).to.equal(bytes.length);
    expect(downloaded.every((b, i) => b === bytes[i])).to.equal(true);

    const pending = await chat.attachments.requestUpload({
      content_type: 'text/plain',
      byte_size: 3,
    });
    expect(pending.upload.method).to.equal('put');
    expect(pending.attachment.status).to.equal('pending');
    await chat.attachments.one(pending.attachment.id).delete();
    const gone = await chat.attachments
      .one(pending.attachment.id)
      .downloadUrl()
      .catch((e: unknown) => e);
    expect((gone as ApiError).status).to.equal(404);
  });

  it('aborting an upload that reports progress rejects with AbortError', async () => {
    const controller = new AbortController();
    const bytes = new Uint8Array(2 * 1024 * 1024);
    const error = await clientFor(alice)
      .attachments.upload(
        {
          body: new Blob([bytes]),
          contentType: 'application/octet-stream',
          byteSize: bytes.length,
        },
        { signal: controller.signal, onProgress: () => controller.abort() },
      )
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('upload without onProgress uses fetch and answers the attachment', async () => {
    const attachment = await clientFor(alice).attachments.upload({
      body: 'hey',
      contentType: 'text/plain',
      byteSize: 3,
    });
    expect(attachment.byte_size).to.equal(3);
    expect(attachment.sha256).to.be.a('string');
  });

  it('rest.request reaches routes without a typed resource', async () => {
    const me = await clientFor(alice).rest.request<{ external_id: string }>({
      method: 'GET',
      path: '/v1/me',
    });
    expect(me.external_id).to.equal(alice);
  });

  it('raises ApiError with details for validation_failed', async () => {
    const error = await clientFor(alice)
      .conversations.one(conv.id)
      .messages.send({ body: 'x'.repeat(10_001) })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(422);
    expect((error as ApiError).code).to.equal('validation_failed');
    expect((error as ApiError).details).to.be.an('object');
  });

  it('raises AuthError after one refresh when the token stays invalid', async () => {
    let calls = 0;
    const chat = clientFor(alice, {
      getToken: () => {
        calls += 1;
        return 'not-a-valid-token';
      },
    });
    const error = await chat.me.show().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AuthError);
    expect((error as AuthError).code).to.equal('invalid_user_token');
    expect(calls).to.equal(2);
  });

  it('refreshes the token once on a 401 and succeeds', async () => {
    const tokens = ['expired-or-revoked', await mintToken(alice)];
    const chat = clientFor(alice, { getToken: () => tokens.shift() ?? null });
    const me = await chat.me.show();
    expect(me.external_id).to.equal(alice);
  });

  it('rejects an aborted call with AbortError', async () => {
    const controller = new AbortController();
    const pending = clientFor(alice).conversations.list(controller.signal);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('talks to the server given by apiUrl even with a trailing slash', async () => {
    const chat = clientFor(alice, { apiUrl: `${testServer().apiUrl}/` });
    expect((await chat.me.show()).external_id).to.equal(alice);
  });
});
