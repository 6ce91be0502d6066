// `npm run bench:ingest -- [--db sqlite|postgres] [--machines 50] [--scans 20] [--items 300] [--changes 50]
//                           [--concurrency 1|8] [--db-prefix vigil_bench_ingest] [--cpu-prof DIR]`
// The agent scan route's work without HTTP: bench:load's scan shape (--items files, --changes a scan: 60 % modified,
// 20 % added, 20 % removed, an alert rule every change meets) posted as JSON text, parsed by the route's schema and
// committed by ingestScans, in this process. Prints this process's CPU per change record (SQLite's work included;
// PostgreSQL's own CPU not), the lean loop to profile before a full bench:load: --cpu-prof DIR writes a V8 CPU
// profile of the measured scans only (summarise it with lib/cli/cpu-profile-top.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { ZAgentScansBody } from "@/lib/contracts/agent";
import { parseAgentScansFast } from "@/lib/contracts/agent-scans-fast";
import { ingestScans, type AgentMachineRow } from "@/lib/server/agents/ingest";
import { openDb } from "@/lib/server/db";
import { parseWith } from "@/lib/server/request";
import { seedDemoTenant } from "@/lib/server/seed/seed";
import { benchDbKind, option } from "./bench-args";
import { freshDatabase, migrate } from "./bench-server";
import type { WireFile } from "./bench-load-agents";

const num = (name: string, fallback: number) => Number(option(name) ?? fallback);
const kind = benchDbKind();
const MACHINES = num("machines", 50);
const SCANS = num("scans", 20);
const ITEMS = num("items", 300);
const CHANGES = num("changes", 50);
const CONCURRENCY = num("concurrency", kind === "postgres" ? 8 : 1);

const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

function file(name: string, entityId: string, k: number): WireFile {
  const t = new Date(Date.UTC(2026, 10, 1) + k * 1000).toISOString();
  return {
    itemKey: `/srv/app/${name}/f${String(k).padStart(6, "0")}.conf`,
    entityId,
    size: 1000 + ((k * 7) % 5000),
    sha256: sha(`${name}:${k}`),
    inode: 1000 + k,
    dateModified: t,
    dateCreated: t,
    acls: "-rw-r--r-- root root",
  };
}

/** bench:load's mutation: exactly CHANGES changes, the removed and modified picked by a stride. */
function mutate(items: Map<string, WireFile>, scan: number, next: () => WireFile) {
  const added = Math.floor(CHANGES / 5);
  const removed = Math.floor(CHANGES / 5);
  const keys = [...items.keys()];
  const start = (scan * 37) % keys.length;
  const picks = Array.from({ length: CHANGES - added }, (_, j) => keys[(start + j * 3) % keys.length]);
  for (const k of picks.slice(0, removed)) items.delete(k);
  for (const k of picks.slice(removed)) {
    const prev = items.get(k)!;
    items.set(k, {
      ...prev,
      sha256: sha(`${k}:${scan}`),
      size: prev.size + 1,
      dateModified: new Date(Date.parse(prev.dateModified) + 1000).toISOString(),
    });
  }
  for (let j = 0; j < added; j++) {
    const f = next();
    items.set(f.itemKey, f);
  }
}

const body = (scanId: string, entityId: string, items: Map<string, WireFile>) => {
  const now = new Date();
  return JSON.stringify({
    scans: [
      {
        scanId,
        changeType: "Files",
        startedAt: new Date(now.getTime() - 200).toISOString(),
        finishedAt: now.toISOString(),
        entityIds: [entityId],
        entries: [...items.values()],
        errors: [],
      },
    ],
  });
};

const target = await freshDatabase(kind, option("db-prefix") ?? "vigil_bench_ingest");
try {
  await migrate(target.url);
  const db = await openDb(target.url);
  await seedDemoTenant(db);
  const sub = await db.subscription.findFirstOrThrow({ where: { name: "Contoso Production" } });
  const ws = await db.workspace.create({
    data: { subscriptionId: sub.id, name: "bench-ingest", location: "East US", fimEnabled: true, fimEnabledAt: new Date() },
  });
  const entity = await db.trackedEntity.create({
    data: {
      workspaceId: ws.id,
      kind: "LINUX_FILE",
      itemName: "App",
      group: "Load",
      path: "/srv/app",
      pathType: "DIRECTORY",
      recursion: true,
    },
  });
  const d = await db.destination.create({
    data: { workspaceId: ws.id, name: "hook", kind: "WEBHOOK", configJson: JSON.stringify({ url: "http://127.0.0.1:9/", format: "json" }) },
  });
  await db.alertRule.create({
    data: { workspaceId: ws.id, name: "every change", severity: "Low", windowMinutes: 1, destinationIds: d.id },
  });
  const fleet = await Promise.all(
    Array.from({ length: MACHINES }, async (_, n) => {
      const name = `ingest-${n}`;
      const m = await db.machine.create({
        data: { workspaceId: ws.id, name, osFamily: "LINUX", osVersion: "Ubuntu 24.04 LTS", source: "AZURE_VM", agentKind: "REMOTE" },
      });
      const machine: AgentMachineRow = { id: m.id, name, workspaceId: ws.id, osFamily: "LINUX" };
      let nextFile = 0;
      const next = () => file(name, entity.id, nextFile++);
      const items = new Map<string, WireFile>();
      for (let k = 0; k < ITEMS; k++) {
        const f = next();
        items.set(f.itemKey, f);
      }
      return { machine, items, next };
    }),
  );
  // As the route parses: the fast check, the schema when it is unsure.
  const parse = (raw: unknown) => parseAgentScansFast(raw) ?? parseWith(ZAgentScansBody, raw, "request");
  const post = async (f: (typeof fleet)[number], text: string) => ingestScans(db, f.machine, parse(JSON.parse(text)));
  for (const f of fleet) await post(f, body("baseline", entity.id, f.items));

  let records = 0;
  let duplicates = 0;
  const profileDir = option("cpu-prof");
  const profiler = profileDir ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  let cursor = 0;
  const jobs = fleet.flatMap((f) => Array.from({ length: SCANS }, (_, s) => ({ f, s })));
  // Scans of one machine stay in order: each worker takes a whole machine's turn.
  const order = Array.from({ length: SCANS }, (_, s) => fleet.map((f) => jobs[fleet.indexOf(f) * SCANS + s]));
  for (const round of order) {
    cursor = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (cursor < round.length) {
          const { f, s } = round[cursor++];
          mutate(f.items, s, f.next);
          const text = body(`scan-${s}`, entity.id, f.items);
          const r = await post(f, text);
          records += r.results[0].changes;
          if (s % 5 === 4 && (await post(f, text)).results[0].duplicate) duplicates++;
        }
      }),
    );
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (profiler && profileDir) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `bench-ingest-${kind}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
  }
  const stored = await db.changeRecord.count({ where: { workspaceId: ws.id } });
  await db.$disconnect();
  console.log(
    `bench:ingest db=${kind} machines=${MACHINES} scans=${MACHINES * SCANS} records=${records} stored=${stored} duplicates_answered=${duplicates} ` +
      `records_per_s=${Math.round(records / (ms / 1000))} cpu_ms_per_record=${((used.user + used.system) / 1000 / records).toFixed(3)}`,
  );
  if (stored !== records) process.exitCode = 1;
} finally {
  await target.drop();
}
