/**
 * `token-url` support: a `getToken` that asks the app's own backend for an
 * End User JWT with `POST <url>` and reads `{ token }` from the answer. The
 * page's cookies go along (same origin), which is how the backend knows the
 * user.
 */
export function tokenFromUrl(
  url: string,
  fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
): () => Promise<string | null> {
  return async () => {
    const response = await fetchImpl(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`token-url answered ${response.status}`);
    const body: unknown = await response.json();
    const token =
      typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    if (typeof token === 'string') return token;
    if (token === null) return null;
    throw new Error('token-url answered without a token');
  };
}
