/** Per-tenant settings of the embed: visitor chat and the team that answers it. */
import type { TenantSettings } from '../../src/sdk/types.js';
import type { Db } from '../db/database.js';
import { isoNow } from '../time.js';

interface TenantSettingsRow {
  tenant_id: string;
  visitors_enabled: number;
  support_name: string;
  support_team: string;
  updated_at: string;
}

const DEFAULTS: TenantSettings = {
  visitors_enabled: false,
  support_name: 'Support',
  support_team_external_ids: [],
};

export function getTenantSettings(db: Db, tenantId: string): TenantSettings {
  const row = db.prepare('SELECT * FROM tenant_settings WHERE tenant_id = ?').get(tenantId) as
    TenantSettingsRow | undefined;
  if (!row) return { ...DEFAULTS };
  const team: unknown = JSON.parse(row.support_team);
  return {
    visitors_enabled: row.visitors_enabled === 1,
    support_name: row.support_name,
    support_team_external_ids: Array.isArray(team)
      ? team.filter((id): id is string => typeof id === 'string')
      : [],
  };
}

export function updateTenantSettings(
  db: Db,
  tenantId: string,
  patch: Partial<TenantSettings>,
): TenantSettings {
  const next: TenantSettings = {
    ...getTenantSettings(db, tenantId),
    ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
  };
  db.prepare(
    `INSERT INTO tenant_settings (tenant_id, visitors_enabled, support_name, support_team, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET visitors_enabled = excluded.visitors_enabled,
       support_name = excluded.support_name, support_team = excluded.support_team,
       updated_at = excluded.updated_at`,
  ).run(
    tenantId,
    next.visitors_enabled ? 1 : 0,
    next.support_name,
    JSON.stringify([...new Set(next.support_team_external_ids)]),
    isoNow(),
  );
  return next;
}
