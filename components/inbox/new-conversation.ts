/**
 * The "new conversation" form's rules, apart from its markup: parsing the
 * members field and deciding whether a request can be sent.
 */
import type { ConversationCreateRequest, ConversationType } from '../../src/sdk/types.js';
import type { StringKey } from '../shared/localize/keys.js';

/** "bob, carol  dave" → ["bob", "carol", "dave"]: unique, in order, without the reader. */
export function parseMembers(input: string, meExternalId: string | undefined): string[] {
  const seen = new Set<string>();
  for (const id of input.split(/[\s,;]+/)) {
    const trimmed = id.trim();
    if (trimmed && trimmed !== meExternalId) seen.add(trimmed);
  }
  return [...seen];
}

export type NewConversationResult =
  { ok: true; request: ConversationCreateRequest } | { ok: false; error: StringKey };

export function buildCreateRequest(
  type: ConversationType,
  membersInput: string,
  nameInput: string,
  meExternalId: string | undefined,
): NewConversationResult {
  const members = parseMembers(membersInput, meExternalId);
  if (members.length === 0) return { ok: false, error: 'inbox.new.error-members' };
  if (type === 'direct') {
    if (members.length !== 1) return { ok: false, error: 'inbox.new.error-direct' };
    return { ok: true, request: { type, member_external_ids: members } };
  }
  const name = nameInput.trim();
  return { ok: true, request: { type, member_external_ids: members, ...(name ? { name } : {}) } };
}
