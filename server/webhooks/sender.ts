/**
 * One HTTP attempt of a webhook delivery: POST with a hard timeout, redirects
 * never followed (a 3xx is a failure), and the answer's body discarded unread
 * so a hostile receiver cannot make the server buffer anything.
 */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export const WEBHOOK_USER_AGENT = 'poolse-webhooks/1';

export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        ...headers,
      },
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      error: ok ? null : `answered ${response.status}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message =
      name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
    return { statusCode: null, error: message.slice(0, 500), durationMs: elapsed() };
  }
}
