import "server-only";
import type { Db } from "../db";

/** How many of an alert's changes a message lists (the Alerts page lists them all). */
export const LISTED_CHANGES = 100;
const LISTED_READ_CHUNK = 500;

/** The webhook's JSON body (documented in the OpenAPI document as AlertWebhookPayload). */
export type AlertPayload = {
  type: "vigil.alert";
  id: string;
  idempotencyKey: string;
  severity: string;
  status: string;
  rule: { id: string | null; name: string };
  workspace: { id: string; name: string };
  machine: { id: string; name: string };
  /** When the alert was written (in the transaction of its changes). */
  raisedAt: string;
  windowStart: string;
  windowEnd: string;
  changeCount: number;
  changes: {
    id: string;
    time: string;
    changeType: string;
    category: string;
    target: string;
    attribution: string | null;
    reviewState: string;
  }[];
  url: string;
};

/** The portal's address for links in messages: VIGIL_PUBLIC_URL, else BETTER_AUTH_URL, else localhost. */
const portalUrl = () => (process.env.VIGIL_PUBLIC_URL ?? process.env.BETTER_AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");

/** Alerts as messages carry them, read when they are sent (changes that joined a window since are listed too). */
export async function alertPayloads(db: Db, alertIds: readonly string[]): Promise<Map<string, AlertPayload>> {
  const alerts = await db.alert.findMany({ where: { id: { in: [...alertIds] } }, include: { workspace: { select: { name: true } } } });
  const links = await db.alertChange.findMany({ where: { alertId: { in: [...alertIds] } }, select: { alertId: true, changeId: true } });
  const listed = new Map<string, string[]>();
  for (const l of links) {
    const ids = listed.get(l.alertId) ?? [];
    if (ids.length < LISTED_CHANGES) listed.set(l.alertId, [...ids, l.changeId]);
  }
  // A batch of alerts lists up to thousands of changes: read in chunks under the database's parameter limit.
  const ids = [...listed.values()].flat();
  const changes = [];
  for (let i = 0; i < ids.length; i += LISTED_READ_CHUNK) {
    changes.push(
      ...(await db.changeRecord.findMany({
        where: { id: { in: ids.slice(i, i + LISTED_READ_CHUNK) } },
        select: {
          id: true,
          timeGenerated: true,
          changeType: true,
          category: true,
          target: true,
          attribution: true,
          reviewState: true,
          seq: true,
        },
      })),
    );
  }
  changes.sort((a, b) => a.timeGenerated.getTime() - b.timeGenerated.getTime() || a.seq - b.seq);
  const byId = new Map(changes.map(({ timeGenerated, seq: _seq, ...c }) => [c.id, { ...c, time: timeGenerated.toISOString() }]));
  return new Map(
    alerts.map((alert) => [
      alert.id,
      {
        type: "vigil.alert",
        id: alert.id,
        idempotencyKey: alert.id,
        severity: alert.severity,
        status: alert.status,
        rule: { id: alert.ruleId, name: alert.ruleName },
        workspace: { id: alert.workspaceId, name: alert.workspace.name },
        machine: { id: alert.machineId, name: alert.computer },
        raisedAt: alert.createdAt.toISOString(),
        windowStart: alert.windowStart.toISOString(),
        windowEnd: alert.windowEnd.toISOString(),
        changeCount: alert.changeCount,
        changes: (listed.get(alert.id) ?? []).flatMap((id) => byId.get(id) ?? []).sort((a, b) => a.time.localeCompare(b.time)),
        url: `${portalUrl()}/fim/workspaces/${alert.workspaceId}/alerts?alert=${alert.id}`,
      },
    ]),
  );
}

/** A one-line title: "High: /etc/passwd changed on web-01 (rule Passwords)". */
export function alertTitle(p: AlertPayload): string {
  const what = p.changeCount === 1 && p.changes[0] ? `${p.changes[0].category} ${p.changes[0].target}` : `${p.changeCount} changes`;
  return `[${p.severity}] ${p.rule.name}: ${what} on ${p.machine.name}`;
}

/** Plain text of an alert, for email and chat. */
export function alertText(p: AlertPayload): string {
  const lines = p.changes.map((c) => `- ${c.category} ${c.changeType}: ${c.target}${c.attribution ? ` (${c.attribution})` : ""}`);
  const more = p.changeCount > p.changes.length ? [`… and ${p.changeCount - p.changes.length} more`] : [];
  return [alertTitle(p), `Workspace ${p.workspace.name}, machine ${p.machine.name}, since ${p.windowStart}`, ...lines, ...more, p.url].join(
    "\n",
  );
}

/** A test message: the shape of a real alert, marked as a test. */
export function testPayload(workspace: { id: string; name: string }): AlertPayload {
  const now = new Date().toISOString();
  return {
    type: "vigil.alert",
    id: `test-${Date.now()}`,
    idempotencyKey: `test-${Date.now()}`,
    severity: "Informational",
    status: "Active",
    rule: { id: null, name: "Test message from Vigil" },
    workspace,
    machine: { id: "", name: "(none)" },
    raisedAt: now,
    windowStart: now,
    windowEnd: now,
    changeCount: 0,
    changes: [],
    url: `${portalUrl()}/fim/workspaces/${workspace.id}/alerts`,
  };
}
