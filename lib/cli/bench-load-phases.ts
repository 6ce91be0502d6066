// `node --conditions=react-server --import tsx lib/cli/bench-load-phases.ts [--db sqlite|postgres] [--scans 400]
//   [--changes 50] [--items 300]`
// Where one agent scan request spends its time, in this process and one request at a time (no queueing): JSON.parse,
// zod validation, token + user + machine/role lookups, commitScan, and the whole route handler, for the same scan
// shape as bench:load. Wall and CPU ms per request, median over the scans.
import crypto from "node:crypto";
import { freshDatabase, migrate, percentile, type DbKind } from "./bench-server";

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kind = (option("db") ?? "sqlite") as DbKind;
const SCANS = Number(option("scans") ?? 400);
const CHANGES = Number(option("changes") ?? 50);
const ITEMS = Number(option("items") ?? 300);

const fresh = await freshDatabase(kind, "vigil_phases");
await migrate(fresh.url);
process.env.DATABASE_URL = fresh.url;
process.env.VIGIL_DISABLE_RATE_LIMIT = "1";
const { getDb } = await import("@/lib/server/db");
const { seedDemoTenant } = await import("@/lib/server/seed/seed");
const { registerAgent } = await import("@/lib/server/agents/register");
const { agentMachine, assertEntryCount, ingestScans, storedScanId } = await import("@/lib/server/agents/ingest");
const { parseWith } = await import("@/lib/server/request");
const { handle } = await import("@/lib/server/route");
const { API } = await import("@/lib/contracts/api");
const { ZAgentScansBody } = await import("@/lib/contracts/agent");
const { toInventoryEntry } = await import("@/lib/contracts/agent");
const { commitScan } = await import("@/lib/server/ingest/commit-scan");
const { requireAgent } = await import("@/lib/server/session");
// The handler app/api/v1/agent/scans/route.ts serves, built the same way: the wrapper around the same services.
const scansHandler = handle(API.agent.scans, async ({ db, agent, body }) => ingestScans(db, agentMachine(agent), body), {
  beforeParse: assertEntryCount,
});
const parseScans = (raw: unknown) => parseWith(ZAgentScansBody, raw, "request");

const db = await getDb();
try {
  await seedDemoTenant(db);
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const owner = await db.user.findFirstOrThrow({ where: { email: "owner@contoso.com" } });
  const ws = await db.workspace.create({ data: { subscriptionId: sub.id, name: "phases", location: "East US", fimEnabled: true } });
  const entity = await db.trackedEntity.create({
    data: { workspaceId: ws.id, kind: "LINUX_FILE", itemName: "app", path: "/srv/app", pathType: "DIRECTORY", recursion: true },
  });
  const reg = await registerAgent(db, owner, { workspace: ws.id, hostname: "phases-01", osFamily: "LINUX" });
  const headers = new Headers({ authorization: `Bearer ${reg.agentToken}`, "content-type": "application/json" });

  const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
  const items = new Map<string, Record<string, unknown>>();
  let next = 0;
  const file = (k: number) => {
    const t = new Date(Date.UTC(2026, 10, 1) + k * 1000).toISOString();
    return {
      itemKey: `/srv/app/f${k}.conf`,
      entityId: entity.id,
      size: 1000 + k,
      sha256: sha(String(k)),
      inode: 1000 + k,
      dateModified: t,
      dateCreated: t,
      acls: "-rw-r--r-- root root",
    };
  };
  for (; next < ITEMS; next++) items.set(file(next).itemKey, file(next));
  let scanNo = 0;
  const body = () => {
    scanNo++;
    const keys = [...items.keys()];
    const removed = Math.floor(CHANGES / 5);
    const modified = CHANGES - 2 * removed;
    for (let j = 0; j < removed + modified; j++) {
      const k = keys[(scanNo * 37 + j) % keys.length];
      if (j < removed) items.delete(k);
      else items.set(k, { ...items.get(k)!, sha256: sha(`${k}:${scanNo}`) });
    }
    for (let j = 0; j < removed; j++, next++) items.set(file(next).itemKey, file(next));
    const now = new Date().toISOString();
    return JSON.stringify({
      scans: [
        {
          scanId: `p-${scanNo}`,
          changeType: "Files",
          startedAt: now,
          finishedAt: now,
          entityIds: [entity.id],
          entries: [...items.values()],
          errors: [],
        },
      ],
    });
  };
  const now0 = new Date().toISOString();
  const base = parseScans({
    scans: [
      {
        scanId: "base",
        changeType: "Files",
        startedAt: now0,
        finishedAt: now0,
        entityIds: [entity.id],
        entries: [...items.values()],
        errors: [],
      },
    ],
  }).scans[0];
  await commitScan(db, {
    ...base,
    scanId: storedScanId(reg.machineId, "base"),
    machineId: reg.machineId,
    contents: undefined,
    entries: base.entries.map((e) => toInventoryEntry("Files", e)),
  });

  const phases: Record<string, { wall: number[]; cpu: number[] }> = {};
  const time = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    (phases[name] ??= { wall: [], cpu: [] }).wall.push(wall);
    phases[name].cpu.push((c.user + c.system) / 1000);
    return r;
  };
  for (let i = 0; i < SCANS; i++) {
    const text = body();
    if (i % 2 === 0) {
      // The parts, one after the other.
      const raw = await time("1 JSON.parse of the body", () => JSON.parse(text));
      const parsed = await time("2 zod validation (parseWith)", () => parseScans(raw));
      const agent = await time("3 token, user, machine, roles", () => requireAgent(headers));
      const machine = await time("4 kind and role checked", async () => agentMachine(agent));
      const s = parsed.scans[0];
      await time("5 commitScan", () =>
        commitScan(db, {
          ...s,
          contents: undefined,
          scanId: storedScanId(machine.id, s.scanId),
          machineId: machine.id,
          entries: s.entries.map((e) => toInventoryEntry(s.changeType, e)),
        }),
      );
    } else {
      await time("= whole route handler (POST /scans)", async () => {
        const res = await scansHandler(new Request("http://x/api/v1/agent/scans", { method: "POST", headers, body: text }), {
          params: Promise.resolve({}),
        });
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        await res.text();
      });
    }
  }
  const stored = await db.changeRecord.count({ where: { workspaceId: ws.id } });
  console.log(
    `db=${kind} scan: ${ITEMS} items, ${CHANGES} changes; ${SCANS} scans, ${stored} records stored (expected ${SCANS * CHANGES})`,
  );
  console.log(`${"phase".padEnd(38)}  wall p50   cpu p50   (ms per request)`);
  for (const [name, p] of Object.entries(phases).sort()) {
    const w = percentile(
      [...p.wall].sort((a, b) => a - b),
      50,
    );
    const c = percentile(
      [...p.cpu].sort((a, b) => a - b),
      50,
    );
    console.log(`${name.padEnd(38)}  ${w.toFixed(2).padStart(8)}  ${c.toFixed(2).padStart(8)}`);
  }
} finally {
  await db.$disconnect();
  await fresh.drop();
}
