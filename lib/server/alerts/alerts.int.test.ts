// Alerts from commitScan to a signed webhook on loopback: raised in the changes' transaction, grouped per rule and
// machine and window, delivered in order with the alert's idempotency key, retried while the receiver is down.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { startReceiver, type Receiver } from "@/lib/testing/alert-receiver";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { commitScan, type ScanReport } from "../ingest/commit-scan";
import { seedDemoTenant } from "../seed/seed";
import { refusal } from "./address-policy";
import { encryptSecret, newSigningKey } from "./crypto";
import { deliverDue } from "./deliver";
import { testPayload } from "./payload";
import { postWebhook, webhookBody } from "./webhook";

const KEY = newSigningKey();
let t: TestDb;
let receiver: Receiver;
let workspaceId: string;
let machineId: string;
let etcConf: string;
let destinationId: string;
let ruleId: string;
let n = 0;
const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 12, min));

const file = (path: string, sha: string): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId: etcConf,
  size: 100n,
  sha256: sha,
  acls: "-rw-r--r-- uid=0 gid=0",
  inode: 7n,
  dateModified: new Date("2026-11-01T00:00:00Z"),
});
function scan(minute: number, entries: InventoryEntry[]): ScanReport {
  n += 1;
  return {
    scanId: `alert-scan-${n}`,
    machineId,
    changeType: "Files",
    startedAt: at(minute),
    finishedAt: at(minute),
    entityIds: [etcConf],
    entries,
    errors: [],
  };
}

beforeAll(async () => {
  process.env.VIGIL_SECRET_KEY = "test-key-for-alerts";
  process.env.VIGIL_ALERT_ALLOW_LOOPBACK = "1";
  t = await createTestDb();
  await seedDemoTenant(t.db);
  const m = await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } });
  machineId = m.id;
  workspaceId = m.workspaceId;
  etcConf = (await t.db.trackedEntity.findFirstOrThrow({ where: { workspaceId, path: "/etc/*.conf" } })).id;
  receiver = await startReceiver(() => KEY);
  const d = await t.db.destination.create({
    data: {
      workspaceId,
      name: "SOC hook",
      kind: "WEBHOOK",
      configJson: JSON.stringify({ url: receiver.url, format: "json" }),
      secretEnc: encryptSecret(KEY),
    },
  });
  destinationId = d.id;
  const rule = await t.db.alertRule.create({
    data: {
      workspaceId,
      name: "Config edits",
      severity: "High",
      pathPattern: "/etc/*",
      reviewState: "Unreviewed",
      windowMinutes: 15,
      destinationIds: d.id,
    },
  });
  ruleId = rule.id;
  await commitScan(t.db, scan(0, [file("/etc/a.conf", "a0"), file("/etc/b.conf", "b0"), file("/etc/c.conf", "c0")]));
});
afterAll(async () => {
  await receiver?.close();
  await t?.drop();
});

const alerts = () => t.db.alert.findMany({ where: { ruleId }, orderBy: { createdAt: "asc" }, include: { changes: true } });

describe("alerts", () => {
  it("groups a scan's matching changes into one alert with one pending delivery, in the scan's transaction", async () => {
    await commitScan(t.db, scan(1, [file("/etc/a.conf", "a1"), file("/etc/b.conf", "b1"), file("/etc/c.conf", "c0")]));
    const [alert, ...rest] = await alerts();
    expect(rest).toHaveLength(0);
    expect(alert).toMatchObject({
      severity: "High",
      status: "Active",
      ruleName: "Config edits",
      changeCount: 2,
      machineId,
      computer: "web-eus-01",
    });
    expect(alert.changes).toHaveLength(2);
    expect(await t.db.alertDelivery.findMany({ where: { alertId: alert.id } })).toMatchObject([
      { destinationId, status: "Pending", idempotencyKey: alert.id },
    ]);
  });

  it("adds changes within the window to the open alert, and opens a new one after it", async () => {
    await commitScan(t.db, scan(10, [file("/etc/a.conf", "a1"), file("/etc/b.conf", "b1"), file("/etc/c.conf", "c1")]));
    expect((await alerts()).map((a) => a.changeCount)).toEqual([3]);
    await commitScan(t.db, scan(20, [file("/etc/a.conf", "a2"), file("/etc/b.conf", "b1"), file("/etc/c.conf", "c1")]));
    expect((await alerts()).map((a) => a.changeCount)).toEqual([3, 1]);
  });

  it("raises nothing for changes that miss a criterion (marked Expected by a rule)", async () => {
    await t.db.expectedRule.create({ data: { workspaceId, name: "b is fine", pathPattern: "/etc/b.conf" } });
    await commitScan(t.db, scan(40, [file("/etc/a.conf", "a2"), file("/etc/b.conf", "b9"), file("/etc/c.conf", "c1")]));
    expect(await alerts()).toHaveLength(2);
  });

  it("delivers signed alerts in order with the alert id as idempotency key", async () => {
    expect(await deliverDue(t.db)).toEqual({ delivered: 2, failed: 0 });
    const ids = (await alerts()).map((a) => a.id);
    expect(receiver.received.map((r) => [r.idempotencyKey, r.signatureOk])).toEqual(ids.map((id) => [id, true]));
    const first = receiver.received[0].body;
    expect(first).toMatchObject({
      type: "vigil.alert",
      id: ids[0],
      severity: "High",
      changeCount: 3,
      machine: { id: machineId, name: "web-eus-01" },
    });
    expect((first.changes as { target: string }[]).map((c) => c.target).sort()).toEqual(["/etc/a.conf", "/etc/b.conf", "/etc/c.conf"]);
    expect(await t.db.alertDelivery.count({ where: { status: "Delivered" } })).toBe(2);
    expect(await t.db.deliveryAttempt.count({ where: { destinationId, ok: true } })).toBe(2);
  });

  it("retries while the receiver is down, opens the circuit, and gets the backlog in order when it is back", async () => {
    receiver.setDown(true);
    receiver.received.length = 0;
    for (let minute = 60; minute < 64; minute++)
      await commitScan(t.db, scan(minute * 20, [file("/etc/a.conf", `a${minute}`), file("/etc/b.conf", "b9"), file("/etc/c.conf", "c1")]));
    const backlog = (await alerts()).slice(2).map((a) => a.id);
    expect(backlog).toHaveLength(4);
    // Time moves on an hour in steps; every pass tries the head only (in order), and fails.
    let clock = Date.now();
    const now = () => new Date(clock);
    for (let i = 0; i < 8; i++) {
      await deliverDue(t.db, { now });
      clock += 7 * 60_000;
    }
    const head = await t.db.alertDelivery.findFirstOrThrow({ where: { alertId: backlog[0] } });
    expect(head).toMatchObject({ status: "Pending", lastError: "HTTP 503" });
    expect(head.attempts).toBeGreaterThanOrEqual(5);
    expect(await t.db.deliveryAttempt.count({ where: { destinationId, ok: false, alertId: { not: backlog[0] } } })).toBe(0);
    const d = await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
    expect(d.failures).toBeGreaterThanOrEqual(5);
    expect(d.circuitOpenUntil).not.toBeNull();

    receiver.setDown(false);
    clock += 10 * 60_000;
    expect(await deliverDue(t.db, { now })).toEqual({ delivered: 4, failed: 0 });
    expect(receiver.received.map((r) => r.idempotencyKey)).toEqual(backlog);
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({
      failures: 0,
      circuitOpenUntil: null,
    });
  });
});

describe("several workers", () => {
  it("deliver each alert once between them: one worker at a time drains a destination's queue", async () => {
    receiver.received.length = 0;
    for (let minute = 200; minute < 203; minute++)
      await commitScan(t.db, scan(minute * 20, [file("/etc/a.conf", `a${minute}`), file("/etc/b.conf", "b9"), file("/etc/c.conf", "c1")]));
    const pending = (await t.db.alertDelivery.findMany({ where: { status: "Pending" }, orderBy: { id: "asc" } })).map((d) => d.alertId);
    expect(pending).toHaveLength(3);
    const passes = await Promise.all([deliverDue(t.db, { worker: "w1" }), deliverDue(t.db, { worker: "w2" })]);
    expect(passes[0].delivered + passes[1].delivered).toBe(3);
    expect(receiver.received.map((r) => r.idempotencyKey)).toEqual(pending);
    // The claim is handed back after the pass: another worker takes the queue at once.
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({ deliveryOwner: null });
  });
});

describe("a destination's claim", () => {
  it("is renewed before a send once half its time has passed, not before every send", async () => {
    for (let minute = 300; minute < 303; minute++)
      await commitScan(t.db, scan(minute * 20, [file("/etc/a.conf", `a${minute}`), file("/etc/b.conf", "b9"), file("/etc/c.conf", "c1")]));
    const start = Date.now() + 3_600_000; // after the deliveries were queued
    let clock = start;
    const now = () => new Date(clock);
    const seen: number[] = [];
    const send = async () => {
      const d = await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } });
      seen.push(d.deliveryUntil!.getTime() - start);
      clock += 20_000; // each send takes 20 s of the 60 s claim
      return { ok: true, statusCode: 200, error: null, ms: 1 };
    };
    expect(await deliverDue(t.db, { now, send, worker: "slow" })).toEqual({ delivered: 3, failed: 0 });
    // Claimed at 0 s until 60 s; the 2nd send (20 s in) still holds it; the 3rd (40 s in) renews it until 100 s.
    expect(seen).toEqual([60_000, 60_000, 100_000]);
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({ deliveryOwner: null });
  });

  it("is handed back in the transaction that records the pass's last batch, not by a write of its own", async () => {
    await commitScan(t.db, scan(400 * 20, [file("/etc/a.conf", "a400"), file("/etc/b.conf", "b9"), file("/etc/c.conf", "c1")]));
    // Each write outside a transaction waits for SQLite's one writer behind the scans being committed: a pass makes
    // one (its claim); the outcome and the hand-back are one transaction.
    const writes = vi.spyOn(t.db, "$executeRaw");
    try {
      expect(await deliverDue(t.db, { worker: "once" })).toEqual({ delivered: 1, failed: 0 });
      // The transaction's client runs the same method: the calls made on the client itself are the lone writes.
      expect(writes.mock.contexts.filter((c) => c === t.db)).toHaveLength(1);
    } finally {
      writes.mockRestore();
    }
    expect(await t.db.destination.findUniqueOrThrow({ where: { id: destinationId } })).toMatchObject({ deliveryOwner: null });
  });
});

describe("webhook formats", () => {
  it("are a Slack message or a Teams Adaptive Card when the destination asks", () => {
    const p = testPayload({ id: "w", name: "contoso" });
    expect(JSON.parse(webhookBody("slack", p))).toMatchObject({
      text: expect.stringContaining("[Informational]"),
      blocks: expect.any(Array),
    });
    expect(JSON.parse(webhookBody("teams", p))).toMatchObject({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard" } }],
    });
    expect(JSON.parse(webhookBody("json", p))).toEqual(p);
  });
});

describe("the alert address policy", () => {
  it("refuses metadata and link-local always, loopback and private ranges unless the operator allows them", () => {
    expect(refusal("169.254.169.254", {})).toMatch(/link-local/);
    expect(refusal("fe80::1", { VIGIL_ALERT_ALLOW_LOOPBACK: "1" })).toMatch(/link-local/);
    expect(refusal("127.0.0.1", {})).toMatch(/loopback/);
    expect(refusal("::ffff:127.0.0.1", { VIGIL_ALERT_ALLOW_LOOPBACK: "1" })).toBeNull();
    expect(refusal("10.1.2.3", {})).toMatch(/private/);
    expect(refusal("10.1.2.3", { VIGIL_ALERT_ALLOW_CIDRS: "10.1.0.0/16" })).toBeNull();
    expect(refusal("10.2.0.1", { VIGIL_ALERT_ALLOW_CIDRS: "10.1.0.0/16" })).toMatch(/private/);
    expect(refusal("93.184.216.34", {})).toBeNull();
  });

  it("refuses a webhook to a metadata address at send time too (an IP literal is never looked up)", async () => {
    const r = await postWebhook("http://169.254.169.254/latest/meta-data", KEY, "json", testPayload({ id: "w", name: "w" }));
    expect(r).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/link-local/) });
  });
});
