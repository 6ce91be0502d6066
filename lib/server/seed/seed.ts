import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "../db";
import { recommendedEntityRows } from "../entities/recommended-rows";
import { DEMO_PASSWORD, DEMO_SUBSCRIPTIONS, DEMO_TENANT, DEMO_USERS, DEMO_WORKSPACES } from "./demo-tenant";
import { withDefaultRule } from "../rules/defaults";

/**
 * What the demo's security team added to the recommended list: every Windows service (Change Tracking's own
 * default) and the System32 executables, so Patch Tuesday and service changes show on the Windows machines.
 */
const DEMO_CUSTOM_ENTITIES = (workspaceId: string, userId: string) => [
  {
    workspaceId,
    kind: "WINDOWS_SERVICE" as const,
    itemName: "All services",
    group: "Custom",
    path: "*",
    frequencySec: 1800,
    recommended: false,
    updatedById: userId,
  },
  {
    workspaceId,
    kind: "WINDOWS_FILE" as const,
    itemName: "System32 executables",
    group: "Custom",
    path: "%windir%\\System32\\*.exe",
    pathType: "FILE" as const,
    recommended: false,
    updatedById: userId,
  },
];

/** A stable 31-bit seed from a name, so each simulated machine has the same state on every install. */
function stableSeed(name: string): number {
  return crypto.createHash("sha256").update(name).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * Writes the demo tenant. Idempotent: it does nothing when the tenant exists, so it can run on every start.
 * Returns whether it wrote anything.
 */
export async function seedDemoTenant(db: Db, now = new Date()): Promise<boolean> {
  if (await db.tenant.findUnique({ where: { name: DEMO_TENANT } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // Dozens of sequential writes: the default 5 s interactive-transaction limit is too tight on a loaded machine.
  await db.$transaction(
    async (tx) => {
      const tenant = await tx.tenant.create({ data: { name: DEMO_TENANT } });
      const subs = new Map<string, string>();
      for (const s of DEMO_SUBSCRIPTIONS) {
        const sub = await tx.subscription.create({ data: { tenantId: tenant.id, name: s.name, plan: s.plan } });
        subs.set(s.name, sub.id);
      }

      const users = new Map<string, string>();
      for (const u of DEMO_USERS) {
        const id = crypto.randomUUID();
        await tx.user.create({ data: { id, email: u.email, name: u.name, emailVerified: true } });
        await tx.account.create({
          data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash },
        });
        await tx.roleAssignment.createMany({
          data: u.roles.map((r) => ({ userId: id, role: r.role, subscriptionId: subs.get(r.subscription)! })),
        });
        users.set(u.email, id);
      }
      const ownerId = users.get("owner@contoso.com")!;

      for (const w of DEMO_WORKSPACES) {
        // FIM was switched on a while ago, so the history the simulator writes falls inside the enabled period.
        const enabledAt = new Date(now.getTime() - 45 * 86_400_000);
        const ws = await tx.workspace.create({
          data: {
            subscriptionId: subs.get(w.subscription)!,
            name: w.name,
            resourceGroup: w.resourceGroup,
            location: w.location,
            fimEnabled: w.fimEnabled,
            fimEnabledAt: w.fimEnabled ? enabledAt : null,
            fimEnabledById: w.fimEnabled ? ownerId : null,
            ...withDefaultRule,
          },
        });
        await tx.machine.createMany({
          data: w.machines.map((m) => ({
            workspaceId: ws.id,
            name: m.name,
            osFamily: m.os,
            osVersion: m.version,
            source: m.source,
            agentKind: "SIMULATED" as const,
            simSeed: stableSeed(m.name),
          })),
        });
        if (w.fimEnabled) {
          await tx.trackedEntity.createMany({ data: [...recommendedEntityRows(ws.id, ownerId), ...DEMO_CUSTOM_ENTITIES(ws.id, ownerId)] });
          await tx.auditEvent.create({
            data: {
              at: enabledAt,
              actorId: ownerId,
              actorEmail: "owner@contoso.com",
              action: "fim.enable",
              subscriptionId: ws.subscriptionId,
              workspaceId: ws.id,
              targetType: "workspace",
              targetId: ws.id,
              summary: "Enabled file integrity monitoring with the recommended entities",
            },
          });
        }
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return true;
}
