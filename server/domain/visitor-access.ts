/**
 * What a visitor token may reach: only the routes in `VISITOR_ROUTES` accept
 * it (every other end-user route answers 403), and among conversations only
 * the support conversation made for that visitor (over REST and socket joins).
 */
import type { AuthUser } from '../contracts.js';
import type { ConversationRow } from '../db/rows.js';

/** Routes (method and route pattern) a visitor token may use; every other user route answers 403. */
export const VISITOR_ROUTES: ReadonlySet<string> = new Set([
  'GET /v1/me',
  'GET /v1/conversations',
  'GET /v1/conversations/:id',
  'GET /v1/conversations/:id/members',
  'GET /v1/conversations/:id/messages',
  'POST /v1/conversations/:id/messages',
  'POST /v1/conversations/:id/read',
  'PATCH /v1/messages/:id',
  'DELETE /v1/messages/:id',
  'GET /v1/messages/:id/replies',
  'POST /v1/messages/:id/reactions',
  'DELETE /v1/messages/:id/reactions/:emoji',
  'POST /v1/attachments/upload-url',
  'GET /v1/attachments/:id/download-url',
  'DELETE /v1/attachments/:id',
]);

export function visitorMayUseRoute(method: string, routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && VISITOR_ROUTES.has(`${method} ${routeUrl}`);
}

/** A visitor reaches only the support conversation made for them; everyone else is unaffected. */
export function visitorMayReach(user: AuthUser, conversation: ConversationRow): boolean {
  return !user.isVisitor || conversation.support_user_id === user.userId;
}
