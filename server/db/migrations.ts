/**
 * Versioned schema migrations. Each runs once, in order, inside a
 * transaction, and is recorded in `schema_migrations`. Never edit a
 * migration that has shipped: append a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE server_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        api_key TEXT NOT NULL UNIQUE,
        jwt_secret TEXT NOT NULL,
        inserted_at TEXT NOT NULL
      );

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        external_id TEXT NOT NULL,
        display_name TEXT,
        custom_data TEXT NOT NULL DEFAULT '{}',
        is_blocked INTEGER NOT NULL DEFAULT 0,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (tenant_id, external_id)
      );

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        type TEXT NOT NULL CHECK (type IN ('direct', 'group')),
        name TEXT,
        avatar_url TEXT,
        created_by_user_id TEXT,
        member_limit INTEGER,
        custom_data TEXT NOT NULL DEFAULT '{}',
        settings TEXT NOT NULL DEFAULT '{}',
        last_message_at TEXT,
        last_sequence INTEGER NOT NULL DEFAULT 0,
        last_message_preview TEXT,
        direct_key TEXT,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX conversations_direct_key ON conversations (tenant_id, direct_key)
        WHERE direct_key IS NOT NULL;

      CREATE TABLE memberships (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
        last_read_message_id TEXT,
        last_read_sequence INTEGER NOT NULL DEFAULT 0,
        last_read_at TEXT,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (conversation_id, user_id)
      );
      CREATE INDEX memberships_user ON memberships (user_id);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        sender_id TEXT,
        type TEXT NOT NULL,
        body TEXT,
        reply_to_id TEXT,
        thread_root_id TEXT,
        quoted_message_id TEXT,
        mentions TEXT NOT NULL DEFAULT '[]',
        custom_data TEXT NOT NULL DEFAULT '{}',
        reply_count INTEGER NOT NULL DEFAULT 0,
        last_reply_at TEXT,
        edited_at TEXT,
        deleted_at TEXT,
        sequence INTEGER NOT NULL,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (conversation_id, sequence)
      );
      CREATE INDEX messages_thread ON messages (thread_root_id, sequence) WHERE thread_root_id IS NOT NULL;

      CREATE TABLE reactions (
        message_id TEXT NOT NULL REFERENCES messages(id),
        emoji TEXT NOT NULL,
        user_id TEXT NOT NULL,
        inserted_at TEXT NOT NULL,
        PRIMARY KEY (message_id, emoji, user_id)
      );

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        message_id TEXT,
        sender_id TEXT,
        content_type TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        sha256 TEXT,
        original_filename TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'ready')),
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;

      CREATE TABLE idempotency_keys (
        tenant_id TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, method, path, key)
      );
      CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at_ms);
    `,
  },
  {
    version: 3,
    name: 'unread counters on memberships',
    sql: `
      ALTER TABLE memberships ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
      UPDATE memberships SET unread_count = (
        SELECT COUNT(*) FROM messages g
        WHERE g.conversation_id = memberships.conversation_id
          AND g.sequence > memberships.last_read_sequence
          AND g.thread_root_id IS NULL AND g.deleted_at IS NULL
          AND (g.sender_id IS NULL OR g.sender_id != memberships.user_id)
      );
    `,
  },
];
