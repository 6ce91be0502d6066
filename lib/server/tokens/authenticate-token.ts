import "server-only";
import { isRole, type TRole } from "@/lib/domain/roles";
import type { Db } from "../db";
import { sql } from "../changes/sql";
import { dateOrNull } from "../raw-tx";
import { roleAssignmentsJoin } from "../permissions";
import { readOnDriver } from "../tx";
import { hashToken, TOKEN_PREFIX, touchLastUsed } from "./tokens";

/** The machine of an agent token as its request finds it, with its creator's roles on the machine's workspace. */
export type TAgentMachineFacts = {
  id: string;
  name: string;
  workspaceId: string;
  osFamily: "LINUX" | "WINDOWS";
  agentKind: "SIMULATED" | "LOCAL" | "REMOTE";
  /** The token creator's role assignments that reach the workspace (its own, or its subscription's). */
  roles: TRole[];
};

export type TTokenAuth = {
  tokenId: string;
  user: { id: string; email: string; name: string };
  /** Null for a user token: not an agent's. */
  machine: TAgentMachineFacts | null;
};

type Row = {
  tokenId: string;
  userId: string;
  expiresAt: unknown;
  lastUsedAt: unknown;
  email: string;
  userName: string;
  machineId: string | null;
  machineName: string | null;
  workspaceId: string | null;
  osFamily: TAgentMachineFacts["osFamily"] | null;
  agentKind: TAgentMachineFacts["agentKind"] | null;
  role: string | null;
};

/**
 * Everything a token's request is judged on, in one statement on the driver: the live token with this secret, its
 * user, and for an agent token its machine and the user's roles on that machine's workspace. Every agent request runs
 * it, and the Prisma queries it replaces cost more CPU than the scan's own reads (bench:load). Null: no live token
 * (unknown, malformed, expired, or its user or machine deleted).
 */
export async function authenticateToken(db: Db, bearer: string, now = new Date()): Promise<TTokenAuth | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const rows = await readOnDriver<Row>(
    db,
    sql`SELECT t."id" AS "tokenId", t."userId" AS "userId", t."expiresAt" AS "expiresAt", t."lastUsedAt" AS "lastUsedAt",
        u."email" AS "email", u."name" AS "userName", t."machineId" AS "machineId", m."name" AS "machineName",
        m."workspaceId" AS "workspaceId", m."osFamily" AS "osFamily", m."agentKind" AS "agentKind", r."role" AS "role"
      FROM "ApiToken" t
      JOIN "user" u ON u."id" = t."userId"
      LEFT JOIN "Machine" m ON m."id" = t."machineId"
      LEFT JOIN "Workspace" w ON w."id" = m."workspaceId"
      ${roleAssignmentsJoin(sql`t."userId"`)}
      WHERE t."tokenHash" = ${hashToken(bearer)}`,
  );
  const first = rows[0];
  if (!first) return null;
  const expiresAt = dateOrNull(first.expiresAt);
  if (expiresAt && expiresAt <= now) return null;
  // An agent token whose machine is gone proves nothing any more.
  if (first.machineId && !first.workspaceId) return null;
  await touchLastUsed(db, first.tokenId, dateOrNull(first.lastUsedAt), now);
  const user = { id: first.userId, email: first.email, name: first.userName };
  if (!first.machineId) return { tokenId: first.tokenId, user, machine: null };
  return {
    tokenId: first.tokenId,
    user,
    machine: {
      id: first.machineId,
      name: first.machineName!,
      workspaceId: first.workspaceId!,
      osFamily: first.osFamily!,
      agentKind: first.agentKind!,
      roles: rows.map((r) => r.role).filter(isRole),
    },
  };
}
