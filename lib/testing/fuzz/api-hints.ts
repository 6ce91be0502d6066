// What the fuzzer aims at besides what the schemas allow: real ids of the test database, and for each body a few
// realistic requests that succeed, so that their hostile variants reach the services and not only the schemas.
import crypto from "node:crypto";
import fc from "fast-check";
import type { AnyEndpoint } from "@/lib/contracts/endpoint";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import type { DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import type { Db } from "@/lib/server/db";
import { hostileJson, hostileString } from "./hostile";

export type FuzzTargets = { fixture: DashboardFixture; workspaces: string[] };

type Hints = Record<string, fc.Arbitrary<unknown>>;

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
const pick = <T>(values: T[], fallback: T) => fc.constantFrom(...(values.length ? values : [fallback]));

/**
 * Page cursors as the server writes them (base64url of [sort, dir, group, time, id, back]), mostly for the default
 * sort, with any part hostile: a forged cursor is decoded and its parts reach the SQL.
 */
function forgedCursors(ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const part = <T>(real: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: real }, { weight: 1, arbitrary: hostileJson() });
  return fc
    .tuple(
      part(fc.constantFrom("time", "machine", "type", "category")),
      part(fc.constantFrom("desc", "asc")),
      part(fc.oneof(fc.constant(null), fc.constantFrom("Files", "Added"), ids, hostileString())),
      part(
        fc.oneof(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => s * 1000),
          fc.constant(Date.now()),
        ),
      ),
      part(fc.oneof(ids, hostileString())),
      part(fc.constantFrom(0, 1)),
    )
    .map((parts) => Buffer.from(JSON.stringify(parts)).toString("base64url"));
}

/** Realistic bodies of each operation that takes one (the name `body` is the whole body's hint). */
function bodies(entityIds: fc.Arbitrary<string>, n: fc.Arbitrary<number>, t: FuzzTargets): Record<string, fc.Arbitrary<unknown>> {
  const recent = fc.integer({ min: 1, max: 24 * 60 }).map((m) => new Date(Date.now() - m * 60_000).toISOString());
  const content = "fuzz content\n";
  return {
    createEntity: fc.oneof(
      n.map((i) => ({ kind: "LINUX_FILE", itemName: `fuzz ${i}`, path: `/etc/fuzz-${i}.conf` })),
      n.map((i) => ({ kind: "WINDOWS_FILE", itemName: `fuzz ${i}`, path: `C:\\fuzz\\${i}.ini`, uploadContent: i % 2 === 0 })),
      n.map((i) => ({ kind: "WINDOWS_REGISTRY", itemName: `fuzz ${i}`, path: `HKEY_LOCAL_MACHINE\\SOFTWARE\\Fuzz${i}` })),
      n.map((i) => ({ kind: "WINDOWS_SERVICE", itemName: `fuzz ${i}`, path: `fuzzsvc${i}`, frequencySec: 60 })),
    ),
    updateEntity: fc.oneof(
      fc.record({ enabled: fc.boolean() }),
      fc.record({ itemName: fc.constantFrom("renamed", "fuzz renamed"), group: fc.constantFrom("Custom", "Fuzz") }),
      fc.constant({ recursion: true }),
    ),
    previewEntityRule: fc.record({
      kind: fc.constant("LINUX_FILE"),
      path: fc.constantFrom("/etc/*.conf", "/etc/hosts", "/nonexistent/fuzz"),
      pathType: fc.constant("FILE"),
      recursion: fc.constant(false),
      links: fc.constantFrom("FOLLOW", "IGNORE"),
      useSudo: fc.constant(false),
    }),
    createToken: fc.record({ name: fc.constantFrom("fuzz token", "fuzz ci"), expiresInDays: fc.option(fc.integer({ min: 1, max: 366 })) }),
    registerAgent: fc.record({
      workspace: fc.constantFrom(t.fixture.workspaceId, "contoso-fuzz"),
      hostname: fc.constantFrom("fuzz-host-1", "fuzz-host-2"),
      osFamily: fc.constantFrom("LINUX", "WINDOWS"),
    }),
    postAgentScans: fc
      .record({ scanId: n.map((i) => `fuzz-scan-${i}`), startedAt: recent, entityId: entityIds, size: fc.nat(), upload: fc.boolean() })
      .map(({ scanId, startedAt, entityId, size, upload }) => ({
        scans: [
          {
            scanId,
            changeType: "Files",
            startedAt,
            finishedAt: startedAt,
            entityIds: [entityId],
            entries: [
              { itemKey: "/etc/fuzz.conf", entityId, size, sha256: sha256(String(size)), contentSha256: upload ? sha256(content) : null },
            ],
            errors: [],
            ...(upload ? { contents: [{ sha256: sha256(content), base64: Buffer.from(content).toString("base64") }] } : {}),
          },
        ],
      })),
    enableFim: fc.oneof(
      fc.constant({}),
      fc.subarray([...RECOMMENDED_KEYS], { minLength: 1, maxLength: 4 }).map((entities) => ({ entities })),
    ),
  };
}

/** Custom ranges at the edges of time: years 0 and 9999, offsets that cross a year, an empty range. */
const EDGE_RANGES: [string, string][] = [
  ["0000-01-01T00:00:00Z", "0000-12-31T00:00:00Z"],
  ["0001-01-01T00:00:00+14:00", "0001-01-02T00:00:00Z"],
  ["1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"],
  ["9999-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"],
  ["9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59-13:00"],
  ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"],
];

/** A period as the portal sends it (a preset, or a range from before to), or a range at the edges; then a small page. */
function realisticQuery(recent: fc.Arbitrary<string>): fc.Arbitrary<[string, string][]> {
  const period = fc.oneof(
    fc.constantFrom<[string, string][]>([], [["period", "24h"]], [["period", "30d"]]),
    fc.tuple(recent, recent).map(([a, b]): [string, string][] => [
      ["from", a < b ? a : b],
      ["to", a < b ? b : a],
    ]),
    fc.constantFrom(...EDGE_RANGES).map(([from, to]): [string, string][] => [
      ["from", from],
      ["to", to],
    ]),
  );
  return fc
    .tuple(period, fc.option(fc.integer({ min: 1, max: 5 })))
    .map(([p, limit]) => [...p, ...(limit ? [["limit", String(limit)] as [string, string]] : [])]);
}

/** Hints for one operation, read from the database as it is now (entities and tokens come and go). */
export async function fuzzHints(db: Db, ep: AnyEndpoint, t: FuzzTargets): Promise<Hints> {
  const fx = t.fixture;
  const entities = await db.trackedEntity.findMany({ where: { workspaceId: fx.workspaceId }, select: { id: true, updatedAt: true } });
  const foreign = await db.trackedEntity.findFirst({ where: { workspaceId: { not: fx.workspaceId } }, select: { id: true } });
  const machines = await db.machine.findMany({ where: { workspaceId: fx.workspaceId }, select: { id: true, name: true } });
  const tokens = await db.apiToken.findMany({ where: { name: { startsWith: "fuzz" } }, select: { id: true }, take: 20 });
  const entityIds = pick([...entities.map((e) => e.id), ...(foreign ? [foreign.id] : [])], "nope");
  const n = fc.integer({ min: 1, max: 8 });
  const recent = fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => new Date(Date.now() - m * 60_000).toISOString());
  const body = bodies(entityIds, n, t)[ep.operationId];
  return {
    ...(body ? { body } : {}),
    query: realisticQuery(recent),
    // A workspace's own resources are mostly the fixture's; its other workspaces test the boundaries.
    id: ep.path.startsWith("/api/v1/tokens/")
      ? pick(
          tokens.map((x) => x.id),
          "nope",
        )
      : fc.oneof({ weight: 6, arbitrary: fc.constant(fx.workspaceId) }, { weight: 2, arbitrary: fc.constantFrom(...t.workspaces, "nope") }),
    entityId: entityIds,
    version: pick(
      entities.map((e) => e.updatedAt.toISOString()),
      "2026-01-01T00:00:00.000Z",
    ),
    machineId: pick(
      machines.map((m) => m.id),
      "nope",
    ),
    computer: pick(
      machines.map((m) => m.name),
      "nope",
    ),
    changeId: fc.constantFrom(...Object.values(fx.changes)),
    from: recent,
    to: recent,
    period: fc.constantFrom("24h", "7d", "30d"),
    limit: fc.integer({ min: 1, max: 5 }),
    cursor: fc.oneof(fc.constantFrom("", "AA", "eyJ0IjoxfQ"), forgedCursors(fc.constantFrom(...Object.values(fx.changes)))),
    path: fc.constantFrom(
      "/etc/hosts",
      "/etc/*.conf",
      "/nonexistent/fuzz",
      "C:\\Windows\\win.ini",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Fuzz",
      "wuauserv",
    ),
    itemName: fc.constantFrom("hosts", "fuzz item"),
    name: fc.constantFrom("fuzz token", "fuzz ci"),
    hostname: fc.constantFrom("fuzz-host-1", "fuzz-host-2"),
    "entityIds[]": entityIds,
  };
}
