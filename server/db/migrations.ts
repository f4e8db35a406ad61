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
    version: 2,
    name: 'identity verification, visitors and webhooks',
    sql: `
      -- Secrets the tenant's backend signs user ids with. Rotation gives the old ones an expiry.
      CREATE TABLE identity_secrets (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        secret TEXT NOT NULL,
        inserted_at TEXT NOT NULL,
        expires_at_ms INTEGER
      );
      CREATE INDEX identity_secrets_tenant ON identity_secrets (tenant_id);

      CREATE TABLE tenant_settings (
        tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
        visitors_enabled INTEGER NOT NULL DEFAULT 0,
        support_name TEXT NOT NULL DEFAULT 'Support',
        support_team TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL
      );

      ALTER TABLE users ADD COLUMN is_visitor INTEGER NOT NULL DEFAULT 0;
      -- The user a support conversation serves (a visitor, or the user they became).
      ALTER TABLE conversations ADD COLUMN support_user_id TEXT;
      CREATE UNIQUE INDEX conversations_support_user ON conversations (support_user_id)
        WHERE support_user_id IS NOT NULL;

      CREATE TABLE visitors (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        secret_hash TEXT NOT NULL,
        merged_into_user_id TEXT,
        inserted_at TEXT NOT NULL
      );

      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        event_types TEXT NOT NULL,
        description TEXT,
        enabled INTEGER NOT NULL DEFAULT 1,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id);

      -- One row per (event, endpoint). seq orders deliveries; ordering_key (the conversation)
      -- is the unit of in-order delivery.
      CREATE TABLE webhook_deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        ordering_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempt_count INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL,
        give_up_at_ms INTEGER NOT NULL,
        replay_of TEXT,
        inserted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (status, endpoint_id, ordering_key, seq);
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);

      CREATE TABLE webhook_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempted_at TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        duration_ms INTEGER NOT NULL
      );
      CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
    `,
  },
];
