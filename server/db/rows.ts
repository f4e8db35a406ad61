/** Rows as SQLite returns them (JSON columns are text, booleans are 0/1). */
export interface TenantRow {
  id: string;
  name: string;
  api_key: string;
  jwt_secret: string;
  inserted_at: string;
}

export interface UserRow {
  id: string;
  tenant_id: string;
  external_id: string;
  display_name: string | null;
  custom_data: string;
  is_blocked: number;
  /** 1 for a visitor (an anonymous identity from `POST /v1/auth/visitor`); absent before the column existed. */
  is_visitor?: number;
  inserted_at: string;
  updated_at: string;
}

export interface ConversationRow {
  id: string;
  tenant_id: string;
  type: 'direct' | 'group';
  name: string | null;
  avatar_url: string | null;
  created_by_user_id: string | null;
  member_limit: number | null;
  custom_data: string;
  settings: string;
  last_message_at: string | null;
  last_sequence: number;
  last_message_preview: string | null;
  direct_key: string | null;
  /** Set on a support conversation: the user (visitor or verified) it serves. */
  support_user_id?: string | null;
  inserted_at: string;
  updated_at: string;
}

export interface MembershipRow {
  id: string;
  conversation_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  last_read_message_id: string | null;
  last_read_sequence: number;
  last_read_at: string | null;
  inserted_at: string;
  updated_at: string;
}

export interface MessageRow {
  id: string;
  tenant_id: string;
  conversation_id: string;
  sender_id: string | null;
  type: 'text' | 'system' | 'custom';
  body: string | null;
  reply_to_id: string | null;
  thread_root_id: string | null;
  quoted_message_id: string | null;
  mentions: string;
  custom_data: string;
  reply_count: number;
  last_reply_at: string | null;
  edited_at: string | null;
  deleted_at: string | null;
  sequence: number;
  inserted_at: string;
  updated_at: string;
}

export interface AttachmentRow {
  id: string;
  tenant_id: string;
  message_id: string | null;
  sender_id: string | null;
  content_type: string;
  byte_size: number;
  sha256: string | null;
  original_filename: string | null;
  status: 'pending' | 'ready';
  inserted_at: string;
  updated_at: string;
}

/** Parses a JSON column that the server itself wrote. */
export function parseJsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function parseStringArray(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
