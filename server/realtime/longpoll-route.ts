/**
 * The HTTP route of the long-poll transport: `GET` and `POST
 * /socket/longpoll`. It only translates HTTP to a `LongPollRequest` and back;
 * the hub serves it. Going through Fastify gives the route the server's CORS,
 * body limits and error envelope for malformed requests.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { LongPollRequest } from '../contracts.js';

export const LONG_POLL_PATH = '/socket/longpoll';
/** A POST carries at most 100 frames (the phoenix client's batch size) of at most 64 KiB. */
const LONG_POLL_BODY_LIMIT = 1024 * 1024;

type LongPollQuery = Record<string, string | string[] | undefined>;

function allValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return allValues(value)[0];
}

/** Aborts when the client disconnects before its answer is written. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export const longPollRoutes: FastifyPluginAsync = async (scope) => {
  const { hub } = scope;
  // The phoenix client posts its batches as NDJSON; parsed as plain text, one frame a line.
  scope.addContentTypeParser(
    'application/x-ndjson',
    { parseAs: 'string', bodyLimit: LONG_POLL_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  const serve = async (
    request: FastifyRequest<{ Querystring: LongPollQuery; Body: unknown }>,
    reply: FastifyReply,
  ): Promise<unknown> => {
    const header = request.headers['x-phoenix-authtoken'];
    const poll: LongPollRequest = {
      method: request.method === 'POST' ? 'POST' : 'GET',
      tokens: allValues(request.query.token),
      authToken: typeof header === 'string' && header !== '' ? header : undefined,
      vsn: firstValue(request.query.vsn),
      signal: clientGone(reply),
    };
    if (typeof request.body === 'string') poll.body = request.body;
    // Older clients post one frame as `application/json`.
    else if (Array.isArray(request.body)) poll.body = JSON.stringify(request.body);
    const answer = await hub.longPoll(poll);
    // Proxies must not cache or hold polls.
    reply.header('Cache-Control', 'no-store');
    return answer;
  };
  const options = { config: { idempotent: false } };
  scope.get(LONG_POLL_PATH, options, serve);
  scope.post(LONG_POLL_PATH, options, serve);
};
