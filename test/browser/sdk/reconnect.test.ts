import { expect } from '@open-wc/testing';
import type { RealtimeStatus } from '../../../src/sdk/index.js';
import { dropSockets, mintToken, restartServer, uniqueId } from '../support/server.js';
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

/** Records the URL of every WebSocket handshake, so a test can see which token each one carried. */
function recordingWebSocket(urls: string[]): typeof WebSocket {
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      urls.push(String(url));
    }
  };
}

function tokenOf(url: string): string | null {
  return new URL(url).searchParams.get('token');
}

describe('sdk realtime reconnect', () => {
  afterEach(() => destroyClients());

  it('after the server drops the socket: reconnecting, connected, channels rejoin and receive, with a refreshed token', async function (this: Mocha.Context) {
    this.timeout(45_000);
    const aliceExt = uniqueId('alice');
    const bobExt = uniqueId('bob');
    const bob = clientFor(bobExt);
    const conv = await bob.conversations.create({
      type: 'group',
      name: 'Drop',
      member_external_ids: [aliceExt],
    });

    // Alice's first token is 31 s long: a token that short is served for half
    // its life, so 16.5 s later the reconnect must fetch a fresh one.
    const issued: string[] = [];
    const urls: string[] = [];
    const alice = clientFor(aliceExt, {
      getToken: async () => {
        const token = await mintToken(aliceExt, issued.length === 0 ? 31 : 3600);
        issued.push(token);
        return token;
      },
      WebSocket: recordingWebSocket(urls),
    });
    const statuses: RealtimeStatus[] = [];
    alice.realtime.onStatus((s) => statuses.push(s));
    const live = alice.realtime.conversation(conv.id);
    let joins = 0;
    live.onJoin(() => {
      joins += 1;
    });
    await waitUntil(() => joins === 1, 'first join');
    expect(statuses).to.deep.equal(['connecting', 'connected']);
    expect(tokenOf(urls[0]!)).to.equal(issued[0]);

    await delay(16_500);
    await dropSockets();
    await waitUntil(() => joins === 2, 'rejoin after the drop', 10_000);
    expect(statuses).to.deep.equal(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(alice.realtime.getStatus()).to.equal('connected');
    expect(issued).to.have.length(2);
    expect(tokenOf(urls[urls.length - 1]!)).to.equal(issued[1]);
    expect(urls.slice(1).map(tokenOf)).to.not.include(issued[0]);

    const received = nextEvent(live.onMessage.bind(live), 'message after reconnect');
    const sent = await bob.conversations.one(conv.id).messages.send({ body: 'still there?' });
    expect((await received).id).to.equal(sent.id);
  });

  it('after a server restart the socket comes back and the user channel receives again', async () => {
    const aliceExt = uniqueId('alice');
    const bobExt = uniqueId('bob');
    const alice = clientFor(aliceExt);
    const bob = clientFor(bobExt);
    const aliceMe = await alice.me.show();
    const userChannel = alice.realtime.user(aliceMe.id);
    let joins = 0;
    userChannel.onJoin(() => {
      joins += 1;
    });
    await waitUntil(() => joins === 1, 'first join');
    const statuses: RealtimeStatus[] = [];
    alice.realtime.onStatus((s) => statuses.push(s));

    await restartServer();
    await waitUntil(() => joins === 2, 'rejoin after the restart', 15_000);
    expect(statuses[0]).to.equal('reconnecting');
    expect(statuses[statuses.length - 1]).to.equal('connected');

    const created = nextEvent(
      userChannel.onConversationCreated.bind(userChannel),
      'conversation:created after restart',
    );
    const conv = await bob.conversations.create({
      type: 'direct',
      member_external_ids: [aliceExt],
    });
    expect((await created).id).to.equal(conv.id);
  });
});
