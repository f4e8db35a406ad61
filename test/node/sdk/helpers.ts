/** Test doubles for the SDK's unit tests: a scripted fetch and JWTs with a chosen `exp`. */

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type Reply = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

/** A fetch that answers from a queue of replies and records every call. */
export function scriptedFetch(replies: Reply[]): {
  fetch: typeof globalThis.fetch;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const queue = [...replies];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    if (init?.signal?.aborted) throw init.signal.reason;
    const reply = queue.shift();
    if (reply === undefined) throw new Error(`unexpected request ${call.method} ${call.url}`);
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(call);
    return reply;
  };
  return { fetch, calls };
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function envelope(
  status: number,
  code: string,
  extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  return json(
    status,
    {
      error: {
        code,
        message: `${code} happened`,
        doc_url: `http://api.test/docs/errors#${code}`,
        ...(extra.details ? { details: extra.details } : {}),
      },
    },
    extra.headers,
  );
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** An unsigned JWT whose `exp` is `expSeconds` (the SDK only reads `exp`). */
export function jwt(expSeconds: number, sub = 'user'): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ sub, exp: expSeconds }))}.sig`;
}

/** Lets pending promise callbacks and I/O callbacks run (timers stay mocked). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Flushes several rounds, for chains of awaits. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await flush();
}
