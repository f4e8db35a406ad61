/**
 * Which avatar URLs a user may set on a conversation. Every member's browser
 * fetches a conversation's avatar, so a URL on a host the user controls is a
 * tracking pixel (IP address, online times). Allowed: files served by this
 * server, and https hosts the operator lists (`avatarHosts`); anything else
 * is refused, and the elements show initials.
 */
import { ApiError } from '../errors.js';

export function requireAllowedAvatar(
  url: string | null | undefined,
  allowedHosts: readonly string[],
  apiUrl: string,
): void {
  if (url === null || url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw ApiError.invalidField('avatar_url', 'must be an absolute URL');
  }
  const own = new URL(apiUrl);
  if (parsed.origin === own.origin && parsed.pathname.startsWith('/v1/downloads/')) return;
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol === 'https:' && allowedHosts.some((h) => h.toLowerCase() === host)) return;
  throw ApiError.invalidField(
    'avatar_url',
    'must be an uploaded attachment or on a host this server allows for avatars',
  );
}
