// A cheap fingerprint of everything a request could change: row counts, latest edit times and sums of the columns
// that change in place. A refused request must leave it as it was. One query, the same SQL on SQLite and PostgreSQL.
import type { Db } from "@/lib/server/db";

/** Each measure is one scalar subquery. ApiToken.lastUsedAt is left out: authenticating a request may touch it. */
const MEASURES: Record<string, string> = {
  users: `SELECT COUNT(*) FROM "user"`,
  usersUpdated: `SELECT MAX("updatedAt") FROM "user"`,
  sessions: `SELECT COUNT(*) FROM "session"`,
  accounts: `SELECT COUNT(*) FROM "account"`,
  subscriptions: `SELECT COUNT(*) FROM "Subscription"`,
  plansP2: `SELECT COUNT(*) FROM "Subscription" WHERE "plan" = 'DEFENDER_SERVERS_P2'`,
  planChanged: `SELECT MAX("planChangedAt") FROM "Subscription"`,
  roles: `SELECT COUNT(*) FROM "RoleAssignment"`,
  workspaces: `SELECT COUNT(*) FROM "Workspace"`,
  fimEnabled: `SELECT SUM(CASE WHEN "fimEnabled" THEN 1 ELSE 0 END) FROM "Workspace"`,
  fimChanged: `SELECT MAX(COALESCE("fimDisabledAt", "fimEnabledAt")) FROM "Workspace"`,
  configVersions: `SELECT SUM("configVersion") FROM "Workspace"`,
  machines: `SELECT COUNT(*) FROM "Machine"`,
  machineReports: `SELECT MAX("lastReportAt") FROM "Machine"`,
  machineText: `SELECT SUM(LENGTH("name") + LENGTH("osVersion") + COALESCE(LENGTH("lastError"), 0)) FROM "Machine"`,
  entities: `SELECT COUNT(*) FROM "TrackedEntity"`,
  entitiesUpdated: `SELECT MAX("updatedAt") FROM "TrackedEntity"`,
  inventory: `SELECT COUNT(*) FROM "InventoryItem"`,
  inventoryUpdated: `SELECT MAX("updatedAt") FROM "InventoryItem"`,
  changes: `SELECT COUNT(*) FROM "ChangeRecord"`,
  changeCounts: `SELECT SUM("count") FROM "ChangeCount"`,
  contents: `SELECT COUNT(*) FROM "ContentBlob"`,
  scans: `SELECT COUNT(*) FROM "Scan"`,
  entityStates: `SELECT COUNT(*) FROM "EntityCollectionState"`,
  entityStatesScanned: `SELECT MAX("lastScanAt") FROM "EntityCollectionState"`,
  audit: `SELECT COUNT(*) FROM "AuditEvent"`,
  tokens: `SELECT COUNT(*) FROM "ApiToken"`,
  tokenExpiries: `SELECT MAX("expiresAt") FROM "ApiToken"`,
};

const SQL = `SELECT ${Object.entries(MEASURES)
  .map(([name, sql]) => `(${sql}) AS "${name}"`)
  .join(", ")}`;

export type DbFingerprint = Record<string, string>;

/** The fingerprint, each measure as text (counts come back as bigint or number, times as Date or text). */
export async function dbFingerprint(db: Db): Promise<DbFingerprint> {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(SQL);
  return Object.fromEntries(
    Object.keys(MEASURES).map((k) => {
      const v = row[k];
      return [k, v instanceof Date ? v.toISOString() : String(v)];
    }),
  );
}
