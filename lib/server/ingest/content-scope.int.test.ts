// Finding 2 of the security review: stored file content crossed tenants by its hash. An agent could name any
// contentSha256 without uploading it, and Change details served whatever content had that hash. Content is now
// the machine's own: a scan references only content its machine uploaded, and every read is checked again.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZAgentScansBody, type TAgentEntryWire, type TAgentScanReportWire } from "@/lib/contracts/agent";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { ingestScans, type AgentMachineRow } from "../agents/ingest";
import type { Db } from "../db";
import { parseWith } from "../request";
import { getChangeDetails } from "../changes/change-details";
import { seedDemoTenant } from "../seed/seed";
import { unrelatedTenant, userByEmail, workspaceId } from "../entities/testing";

/** A POST /scans body as the route hands it over: parsed by its schema first. */
const ingest = (db: Db, m: AgentMachineRow, raw: unknown) => ingestScans(db, m, parseWith(ZAgentScansBody, raw, "request"));

let t: TestDb;
let tenant: Awaited<ReturnType<typeof unrelatedTenant>>;
let a: AgentMachineRow;
let b: AgentMachineRow;
let aEntity: string;
let bEntity: string;

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const SECRET = "db_password = hunter2\n";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();

const entry = (itemKey: string, entityId: string, text: string, contentSha256: string | null): TAgentEntryWire => ({
  itemKey,
  entityId,
  size: text.length,
  sha256: sha(text),
  contentSha256,
});

function scan(id: string, minute: number, entityId: string, entries: TAgentEntryWire[], upload: string[] = []): TAgentScanReportWire {
  return {
    scanId: id,
    changeType: "Files",
    startedAt: at(minute),
    finishedAt: at(minute),
    entityIds: [entityId],
    entries,
    contents: upload.map((text) => ({ sha256: sha(text), base64: Buffer.from(text).toString("base64") })),
  };
}

const changeOf = (machineId: string, target: string) =>
  t.db.changeRecord.findFirstOrThrow({ where: { machineId, target }, orderBy: { timeGenerated: "desc" } });

async function remoteMachine(wsId: string, name: string): Promise<AgentMachineRow> {
  const m = await t.db.machine.create({
    data: { workspaceId: wsId, name, osFamily: "LINUX", osVersion: "Debian 12", source: "AZURE_VM", agentKind: "REMOTE" },
  });
  return { id: m.id, name: m.name, workspaceId: m.workspaceId, osFamily: "LINUX" };
}

const appEntity = async (wsId: string) =>
  (
    await t.db.trackedEntity.create({
      data: {
        workspaceId: wsId,
        kind: "LINUX_FILE",
        itemName: "app",
        path: "/srv/app/*.conf",
        pathType: "FILE",
        links: "FOLLOW",
        uploadContent: true,
      },
    })
  ).id;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  tenant = await unrelatedTenant(t.db);
  const contosoWs = await workspaceId(t.db, "contoso-prod-eastus");
  a = await remoteMachine(contosoWs, "contoso-agent-01");
  b = { id: tenant.machine.id, name: tenant.machine.name, workspaceId: tenant.workspaceId, osFamily: "LINUX" };
  aEntity = await appEntity(contosoWs);
  bEntity = await appEntity(tenant.workspaceId);
  // Contoso's machine uploads a file whose hash every Contoso reader sees in Change details.
  await ingest(t.db, a, { scans: [scan("a-1", 0, aEntity, [entry("/srv/app/db.conf", aEntity, SECRET, sha(SECRET))], [SECRET])] });
});
afterAll(() => t.drop());

describe("content is the uploading machine's own", () => {
  it("ignores a contentSha256 the machine never uploaded, and says so in the scan result", async () => {
    await ingest(t.db, b, { scans: [scan("b-1", 1, bEntity, [entry("/srv/app/x.conf", bEntity, "x = 1\n", null)])] });
    const res = await ingest(t.db, b, {
      scans: [scan("b-2", 2, bEntity, [entry("/srv/app/x.conf", bEntity, "x = 2\n", sha(SECRET))])],
    });
    expect(res.results[0]).toMatchObject({ changes: 1, contentRefused: 1 });
    const change = await changeOf(b.id, "/srv/app/x.conf");
    expect(change).toMatchObject({ category: "Modified", contentSha256: null });
    expect(await t.db.inventoryItem.findFirstOrThrow({ where: { machineId: b.id, itemKey: "/srv/app/x.conf" } })).toMatchObject({
      contentSha256: null,
    });
    const details = await getChangeDetails(t.db, tenant.reader, tenant.workspaceId, change.id);
    expect(JSON.stringify(details)).not.toContain("hunter2");
  });

  it("never serves another machine's content in Change details, even when a record names its hash", async () => {
    // A record written before content was scoped (or by any other path) that names Contoso's hash.
    const planted = await t.db.changeRecord.create({
      data: {
        workspaceId: tenant.workspaceId,
        machineId: b.id,
        computer: b.name,
        timeGenerated: new Date(at(3)),
        changeType: "Files",
        category: "Added",
        target: "/srv/app/planted.conf",
        scanId: "planted",
        seq: 0,
        sha256: sha(SECRET),
        contentSha256: sha(SECRET),
      },
    });
    const details = await getChangeDetails(t.db, tenant.reader, tenant.workspaceId, planted.id);
    expect(details.content).toMatchObject({ status: "missing", hunks: [] });
    expect(JSON.stringify(details)).not.toContain("hunter2");
  });

  it("keeps serving a machine its own content: uploaded in the scan, or earlier and carried over", async () => {
    const edited = "db_password = rotated\n";
    const res = await ingest(t.db, a, {
      scans: [scan("a-2", 4, aEntity, [entry("/srv/app/db.conf", aEntity, edited, sha(edited))], [edited])],
    });
    expect(res.results[0]).toMatchObject({ changes: 1, contentRefused: 0 });
    const owner = await userByEmail(t.db, "owner@contoso.com");
    const change = await changeOf(a.id, "/srv/app/db.conf");
    const details = await getChangeDetails(t.db, owner, a.workspaceId, change.id);
    expect(details.content).toMatchObject({ status: "diff", added: 1, removed: 1 });

    // The next scan carries the unchanged file's content over without uploading it again: still the machine's own.
    const carried = await ingest(t.db, a, {
      scans: [
        scan("a-3", 5, aEntity, [
          entry("/srv/app/db.conf", aEntity, edited, sha(edited)),
          entry("/srv/app/new.conf", aEntity, "n = 1\n", null),
        ]),
      ],
    });
    expect(carried.results[0]).toMatchObject({ changes: 1, contentRefused: 0 });
    expect(await t.db.inventoryItem.findFirstOrThrow({ where: { machineId: a.id, itemKey: "/srv/app/db.conf" } })).toMatchObject({
      contentSha256: sha(edited),
    });
  });

  it("lets a machine that uploads the same bytes itself read them, without a second copy", async () => {
    const res = await ingest(t.db, b, {
      scans: [scan("b-3", 6, bEntity, [entry("/srv/app/x.conf", bEntity, SECRET, sha(SECRET))], [SECRET])],
    });
    expect(res.results[0]).toMatchObject({ changes: 1, contentRefused: 0 });
    const change = await changeOf(b.id, "/srv/app/x.conf");
    const details = await getChangeDetails(t.db, tenant.reader, tenant.workspaceId, change.id);
    expect(details.content).toMatchObject({ status: "diff", added: 1 });
    expect(await t.db.contentBlob.count({ where: { sha256: sha(SECRET) } })).toBe(1);
  });
});
