import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { seedDemoTenant } from "../seed/seed";
import { isUniqueViolation, writeRawTransaction } from "../tx";
import { sql } from "../changes/sql";
import { insertRows } from "./bulk-insert";

// The scan commit's bulk writes: VALUES rows on SQLite, a column's values as one array on PostgreSQL (unnest). Values
// a path, a registry key or a service's description can hold must come back byte for byte.
let t: TestDb;
let machineId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemoTenant(t.db);
  machineId = (await t.db.machine.findFirstOrThrow({ where: { name: "web-eus-01" } })).id;
});
afterAll(() => t.drop());

const HOSTILE = [
  'C:\\Program Files\\"quoted"\\app.exe',
  "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\{braces},commas",
  "NULL",
  "",
  " leading and trailing spaces ",
  "line\nbreak\ttab",
  "unicode ✓ 名前 \u{1F600}",
  "'single' and \"double\" and \\backslash\\",
];

describe("insertRows", () => {
  it("writes text, integers, big integers, dates, enums and nulls as they were given", async () => {
    const at = new Date("2026-11-30T23:59:59.123Z");
    const columns = [
      "machineId",
      "changeType",
      "itemKey",
      "size",
      "inode",
      "linkCount",
      "dateModified",
      "acls",
      "fingerprint",
      "updatedAt",
    ];
    const rows = HOSTILE.map((key, i) => [
      machineId,
      i % 2 ? "Registry" : "Files",
      key,
      i === 3 ? null : BigInt(2 ** 40 + i),
      BigInt(i),
      i,
      i === 2 ? null : at,
      key,
      `fp-${i}`,
      at,
    ]);
    await writeRawTransaction(t.db, (tx) => insertRows(tx, "InventoryItem", columns, rows));
    const stored = await t.db.inventoryItem.findMany({ where: { machineId, fingerprint: { startsWith: "fp-" } } });
    const byKey = new Map(stored.map((r) => [r.itemKey, r]));
    expect(stored).toHaveLength(HOSTILE.length);
    HOSTILE.forEach((key, i) => {
      expect(byKey.get(key)).toMatchObject({
        changeType: i % 2 ? "Registry" : "Files",
        size: i === 3 ? null : BigInt(2 ** 40 + i),
        inode: BigInt(i),
        linkCount: i,
        dateModified: i === 2 ? null : at,
        acls: key,
        updatedAt: at,
      });
    });
  });

  it("writes bytes as they were given, and many rows in one call", async () => {
    const blobs = Array.from({ length: 1_200 }, (_, i) => new Uint8Array([0, 92, 34, 123, 44, 255, i % 256]));
    const now = new Date();
    await writeRawTransaction(t.db, (tx) =>
      insertRows(
        tx,
        "ContentBlob",
        ["sha256", "size", "data", "createdAt"],
        blobs.map((b, i) => [`blob-${i}`, b.byteLength, b, now]),
      ),
    );
    const stored = await t.db.contentBlob.findMany({ where: { sha256: { startsWith: "blob-" } } });
    expect(stored).toHaveLength(blobs.length);
    for (const s of stored) expect([...s.data]).toEqual([...blobs[Number(s.sha256.slice(5))]]);
  });
});

describe("executeAll", () => {
  const stamp = (id: string, error: string) => sql`UPDATE "Machine" SET "lastError" = ${error} WHERE "id" = ${id}`;
  const blob = (sha: string) =>
    sql`INSERT INTO "ContentBlob" ("sha256", "size", "data", "createdAt") VALUES (${sha}, 1, ${new Uint8Array([7])}, ${new Date()})`;

  it("runs every write given, skipping nulls", async () => {
    const other = (await t.db.machine.findFirstOrThrow({ where: { name: { not: "web-eus-01" } } })).id;
    await writeRawTransaction(t.db, (tx) => tx.executeAll([stamp(machineId, "first"), null, stamp(other, "second"), blob("all-1")]));
    expect((await t.db.machine.findUniqueOrThrow({ where: { id: machineId } })).lastError).toBe("first");
    expect((await t.db.machine.findUniqueOrThrow({ where: { id: other } })).lastError).toBe("second");
    expect(await t.db.contentBlob.count({ where: { sha256: "all-1" } })).toBe(1);
  });

  it("fails whole with the database's unique violation, and the transaction writes nothing", async () => {
    const failed = await writeRawTransaction(t.db, (tx) => tx.executeAll([stamp(machineId, "lost"), blob("all-1")]), { attempts: 1 }).then(
      () => null,
      (err: unknown) => err,
    );
    // The scan commit reads a duplicate delivery's error so (commitScan).
    expect(isUniqueViolation(failed)).toBe(true);
    expect((await t.db.machine.findUniqueOrThrow({ where: { id: machineId } })).lastError).toBe("first");
  });
});
