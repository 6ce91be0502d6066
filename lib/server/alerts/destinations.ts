import "server-only";
import type {
  TDestination,
  TDestinationCreated,
  TDestinationPatchBody,
  TDestinationSettingsBody,
  TDestinationCreateBody,
} from "@/lib/contracts/destinations";
import type { DestinationConfig } from "@/lib/domain/alerts";
import { roleAllows } from "@/lib/domain/roles";
import type { Destination } from "@/lib/generated/sqlite/client";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { writeTransaction } from "../tx";
import { assertAllowedHost } from "./address-policy";
import { encryptSecret, newSigningKey } from "./crypto";
import { testPayload } from "./payload";
import { configOf, sendTo, type SendResult } from "./send";
import { subscriptionOf } from "./workspace";

const DEFAULT_PORTS = { EMAIL: 587, SYSLOG: 514 } as const;

/** The stored settings of a destination (the secret apart), with the defaults filled in. */
function configFrom(b: TDestinationSettingsBody): DestinationConfig {
  if (b.kind === "WEBHOOK") return { kind: "WEBHOOK", url: b.url, format: b.format ?? "json" };
  if (b.kind === "EMAIL")
    return {
      kind: "EMAIL",
      host: b.host,
      port: b.port ?? DEFAULT_PORTS.EMAIL,
      secure: b.secure ?? false,
      username: b.username ?? null,
      from: b.from,
      to: b.to,
    };
  return { kind: "SYSLOG", host: b.host, port: b.port ?? DEFAULT_PORTS.SYSLOG, transport: b.transport ?? "tcp", format: b.format ?? "cef" };
}

function describe(c: DestinationConfig): { target: string; format: string | null } {
  if (c.kind === "WEBHOOK") return { target: c.url, format: c.format };
  if (c.kind === "EMAIL") return { target: `smtp://${c.host}:${c.port} → ${c.to.join(", ")}`, format: null };
  return { target: `${c.transport}://${c.host}:${c.port}`, format: c.format };
}

const hostOf = (c: DestinationConfig) => (c.kind === "WEBHOOK" ? new URL(c.url).hostname.replace(/^\[|\]$/g, "") : c.host);

export function toDestination(d: Destination, pending = 0): TDestination {
  const config = configOf(d);
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    enabled: d.enabled,
    ...describe(config),
    settings: config,
    hasSecret: d.secretEnc !== null,
    circuitOpenUntil: d.circuitOpenUntil?.toISOString() ?? null,
    failures: d.failures,
    pending,
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function listDestinations(db: Db, user: TCurrentUser, workspaceId: string) {
  const role = await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  const [rows, pending] = await Promise.all([
    db.destination.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.alertDelivery.groupBy({ by: ["destinationId"], where: { workspaceId, status: "Pending" }, _count: { _all: true } }),
  ]);
  const pendingOf = new Map(pending.map((p) => [p.destinationId, p._count._all]));
  return {
    destinations: rows.map((d) => toDestination(d, pendingOf.get(d.id) ?? 0)),
    canManage: roleAllows(role, "alert.manage"),
    canTest: roleAllows(role, "alert.edit"),
  };
}

export async function createDestination(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  body: TDestinationCreateBody,
): Promise<TDestinationCreated> {
  await authorizeWorkspace(db, user, workspaceId, "alert.manage");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const config = configFrom(body);
  await assertAllowedHost(hostOf(config), body.kind === "WEBHOOK" ? "url" : "host");
  const secret = body.kind === "WEBHOOK" ? newSigningKey() : body.kind === "EMAIL" ? (body.password ?? null) : null;
  const { kind: _kind, ...settings } = config;
  return writeTransaction(db, async (tx) => {
    const d = await tx.destination.create({
      data: {
        workspaceId,
        name: body.name,
        kind: body.kind,
        configJson: JSON.stringify(settings),
        secretEnc: secret ? encryptSecret(secret) : null,
        updatedById: user.id,
      },
    });
    await recordAudit(tx, user, {
      action: "destination.create",
      subscriptionId,
      workspaceId,
      targetType: "destination",
      targetId: d.id,
      summary: `Created the alert destination "${d.name}" (${d.kind})`,
      details: toDestination(d),
    });
    // The webhook's key is answered this once; an SMTP password is never answered.
    return { ...toDestination(d), secret: body.kind === "WEBHOOK" ? secret : null };
  });
}

async function destinationIn(db: Db, workspaceId: string, destinationId: string) {
  const d = await db.destination.findFirst({ where: { id: destinationId, workspaceId } });
  if (!d) throw notFound("The destination");
  return d;
}

export async function updateDestination(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  destinationId: string,
  patch: TDestinationPatchBody,
): Promise<TDestinationCreated> {
  await authorizeWorkspace(db, user, workspaceId, "alert.manage");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const before = await destinationIn(db, workspaceId, destinationId);
  const readdress = patch.settings ? await newAddress(before, patch.settings) : null;
  const secret = patch.rotateSecret && before.kind === "WEBHOOK" ? newSigningKey() : null;
  return writeTransaction(db, async (tx) => {
    const d = await tx.destination.update({
      where: { id: destinationId },
      data: {
        name: patch.name ?? before.name,
        enabled: patch.enabled ?? before.enabled,
        ...(secret ? { secretEnc: encryptSecret(secret) } : {}),
        ...(readdress ?? {}),
        // Switched back on, or a new address: the circuit starts closed.
        ...(patch.enabled || readdress ? { failures: 0, circuitOpenUntil: null } : {}),
        updatedById: user.id,
      },
    });
    const what = [
      secret && "new signing key",
      readdress && `now ${describe(configOf(d)).target}`,
      patch.enabled === false && "switched off",
    ];
    const notes = what.filter(Boolean).join(", ");
    await recordAudit(tx, user, {
      action: "destination.update",
      subscriptionId,
      workspaceId,
      targetType: "destination",
      targetId: d.id,
      summary: `Updated the alert destination "${d.name}"${notes ? ` (${notes})` : ""}`,
      details: { before: toDestination(before), after: toDestination(d) },
    });
    return { ...toDestination(d), secret };
  });
}

/** A destination's new address, checked as on creation; an SMTP password left out stays, null removes it. */
async function newAddress(before: Destination, settings: TDestinationSettingsBody) {
  if (settings.kind !== before.kind)
    throw new AppError("validation_failed", "A destination's kind cannot change: create a new destination instead.", [
      { field: "settings.kind", message: `This destination is a ${before.kind.toLowerCase()} destination.` },
    ]);
  const config = configFrom(settings);
  await assertAllowedHost(hostOf(config), settings.kind === "WEBHOOK" ? "settings.url" : "settings.host");
  const { kind: _kind, ...stored } = config;
  const password = settings.kind === "EMAIL" ? settings.password : undefined;
  return {
    configJson: JSON.stringify(stored),
    ...(password === undefined ? {} : { secretEnc: password === null ? null : encryptSecret(password) }),
  };
}

export async function deleteDestination(db: Db, user: TCurrentUser, workspaceId: string, destinationId: string) {
  await authorizeWorkspace(db, user, workspaceId, "alert.manage");
  const subscriptionId = await subscriptionOf(db, workspaceId);
  const d = await destinationIn(db, workspaceId, destinationId);
  await writeTransaction(db, async (tx) => {
    await tx.destination.delete({ where: { id: destinationId } });
    await recordAudit(tx, user, {
      action: "destination.delete",
      subscriptionId,
      workspaceId,
      targetType: "destination",
      targetId: destinationId,
      summary: `Deleted the alert destination "${d.name}"`,
      details: toDestination(d),
    });
  });
  return { id: destinationId, deleted: true as const };
}

/** Sends a test message now, one attempt, written to the delivery log. */
export async function testDestination(db: Db, user: TCurrentUser, workspaceId: string, destinationId: string): Promise<SendResult> {
  await authorizeWorkspace(db, user, workspaceId, "alert.edit");
  const d = await destinationIn(db, workspaceId, destinationId);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true } });
  const result = await sendTo(d, testPayload(ws));
  await db.deliveryAttempt.create({
    data: {
      destinationId,
      at: new Date(),
      attempt: 1,
      ok: result.ok,
      statusCode: result.statusCode,
      error: result.error,
      ms: result.ms,
      test: true,
    },
  });
  return result;
}

export async function deliveryLog(db: Db, user: TCurrentUser, workspaceId: string, destinationId: string) {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  await destinationIn(db, workspaceId, destinationId);
  const rows = await db.deliveryAttempt.findMany({ where: { destinationId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 100 });
  return {
    attempts: rows.map((a) => ({
      at: a.at.toISOString(),
      attempt: a.attempt,
      ok: a.ok,
      statusCode: a.statusCode,
      error: a.error,
      alertId: a.alertId,
      test: a.test,
      ms: a.ms,
    })),
  };
}
