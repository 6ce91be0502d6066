import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZAgentEntry, ZAgentScansBody } from "./agent";
import { parseAgentScansFast } from "./agent-scans-fast";

const FULL_ENTRY = {
  itemKey: "/etc/ssh/sshd_config",
  entityId: "ent-1",
  size: 3221,
  sha256: "ab".repeat(32),
  acls: "-rw-r--r-- root root",
  attributes: "Archive",
  inode: "18446744073",
  dateCreated: "2026-11-01T10:00:00.123Z",
  dateModified: "2026-11-02T10:00:00+02:00",
  registryKey: "HKEY_LOCAL_MACHINE\\Software\\Contoso",
  valueName: "Userinit",
  valueType: "REG_SZ",
  valueData: "C:\\Windows\\system32\\userinit.exe,",
  svcName: "sshd",
  svcDisplayName: "OpenSSH server",
  svcState: "Running",
  svcStartupType: "Auto",
  svcPath: "/usr/sbin/sshd -D",
  svcAccount: "LocalSystem",
  contentSha256: "cd".repeat(32),
  fileType: "file",
  linkCount: 1,
  linkTarget: null,
  xattrs: "user.a sha256:0123456789abcdef",
  posixAcl: "user::rw-,group::r--,other::r--",
  capabilities: "cap_net_bind_service=ep",
  selinuxContext: "system_u:object_r:sshd_key_t:s0",
  verifiedAt: "2026-11-02T10:00:00Z",
  packageName: "openssh-server",
  packageVersion: "1:9.6p1-3ubuntu13",
  packageShipped: true,
  packagePreviousVersion: null,
  packageUpdatedAt: "2026-10-30T08:00:00Z",
  unknownField: "dropped",
};

const scan = (over: Record<string, unknown> = {}, entries: unknown[] = [FULL_ENTRY, { itemKey: "/etc/hosts", size: 12 }]) => ({
  scanId: "scan-1.a:b",
  machineId: "machine-1",
  changeType: "Files",
  startedAt: "2026-11-25T04:43:20.000Z",
  finishedAt: "2026-11-25T04:43:25.000Z",
  configVersion: 3,
  entityIds: ["ent-1"],
  entries,
  baseScanId: "scan-0",
  removed: [{ itemKey: "/etc/old.conf", packageName: "old", packageShipped: false, packageUpdatedAt: "2026-10-30T08:00:00Z", size: 3 }],
  ...over,
});

/** The fast parse never accepts what the schema refuses, and answers what the schema answers. */
function expectSameAsSchema(body: unknown) {
  const fast = parseAgentScansFast(body);
  const schema = ZAgentScansBody.safeParse(body);
  if (fast !== null) {
    expect(schema.success, JSON.stringify(body).slice(0, 300)).toBe(true);
    expect(fast).toEqual(schema.data);
  }
  return fast;
}

describe("parseAgentScansFast", () => {
  it("reads every entry field the schema declares", () => {
    const declared = Object.keys(ZAgentEntry.shape).sort();
    const sent = Object.keys(FULL_ENTRY)
      .filter((k) => k !== "unknownField")
      .sort();
    expect(sent).toEqual(declared);
  });

  it("answers the schema's output for a common body: dates, big integers, nulls, unknown keys dropped, errors defaulted", () => {
    const body = { scans: [scan(), scan({ scanId: "scan-2", machineId: undefined, configVersion: undefined })], extra: 1 };
    const fast = expectSameAsSchema(body);
    expect(fast).not.toBeNull();
    expect(fast!.scans[0].entries[0].inode).toBe(18446744073n);
    expect(fast!.scans[0].errors).toEqual([]);
  });

  const BAD_VALUES: unknown[] = [
    "",
    "a\u0000b",
    "a\u0001b",
    "x".repeat(70_000),
    -1,
    1.5,
    2 ** 53,
    "99999999999999999999",
    "2026-13-01T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-11-01T24:00:00Z",
    "2026-11-01T10:00Z",
    "1899-12-31T23:59:59Z",
    "1999-12-31T23:59:59Z",
    "2026-11-01 10:00:00Z",
    true,
    {},
    [],
  ];

  it("never accepts an entry field the schema refuses", () => {
    for (const key of Object.keys(FULL_ENTRY))
      for (const bad of BAD_VALUES) expectSameAsSchema({ scans: [scan({}, [{ ...FULL_ENTRY, [key]: bad }])] });
  });

  it("never accepts a removed item's field the schema refuses", () => {
    const removed = {
      itemKey: "/etc/old.conf",
      packageName: "old",
      packageVersion: "1",
      packageShipped: true,
      packagePreviousVersion: null,
    };
    for (const key of [...Object.keys(removed), "packageUpdatedAt"])
      for (const bad of BAD_VALUES) expectSameAsSchema({ scans: [scan({ removed: [{ ...removed, [key]: bad }] })] });
    expect(expectSameAsSchema({ scans: [scan({ removed: [removed, { itemKey: "/b" }] })] })).not.toBeNull();
  });

  it("never accepts a scan field the schema refuses", () => {
    for (const key of Object.keys(scan()))
      for (const bad of [...BAD_VALUES, null, undefined, "Bogus", ["ok", 1], "x".repeat(101), "has space"])
        expectSameAsSchema({ scans: [scan({ [key]: bad })] });
    expectSameAsSchema({ scans: [scan({ finishedAt: "2026-11-25T04:43:19.000Z" })] });
    expectSameAsSchema({ scans: [scan({ finishedAt: new Date(Date.now() + 3_600_000).toISOString() })] });
    for (const body of [null, [], {}, { scans: [] }, { scans: Array.from({ length: 51 }, () => scan()) }, { scans: "x" }])
      expectSameAsSchema(body);
  });

  it("reads a date as the schema does, and accepts every date of the agents' form the schema accepts", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    const utcText = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.stringMatching(/^(\.\d{0,12})?$/),
      })
      .map(
        (t) =>
          `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction}Z`,
      );
    const anyText = fc.oneof(
      utcText,
      fc.stringMatching(/^[0-9TZ:.+-]{18,30}$/),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    fc.assert(
      fc.property(anyText, (date) => {
        const body = { scans: [scan({}, [{ itemKey: "/etc/hosts", dateModified: date }])] };
        const fast = expectSameAsSchema(body);
        if (ZAgentScansBody.safeParse(body).success && date.endsWith("Z") && !date.slice(0, 4).startsWith("00"))
          expect(fast, date).not.toBeNull();
      }),
      { numRuns: 5_000 },
    );
    for (const date of ["2024-02-29T00:00:00Z", "2000-02-29T23:59:59.999999Z", "2026-11-01T10:00:00.5Z", "2026-11-01T10:00:00.12Z"])
      expect(parseAgentScansFast({ scans: [scan({}, [{ itemKey: "/a", dateModified: date }])] })!.scans[0].entries[0].dateModified).toEqual(
        new Date(date),
      );
  });

  it("reads a delta (baseScanId, removed items) and a full inventory alike, and leaves errors and contents to the schema", () => {
    expect(expectSameAsSchema({ scans: [scan({ baseScanId: undefined, removed: undefined })] })).not.toBeNull();
    expect(expectSameAsSchema({ scans: [scan({ removed: [] })] })!.scans[0].baseScanId).toBe("scan-0");
    expect(parseAgentScansFast({ scans: [scan({ errors: [{ message: "denied" }] })] })).toBeNull();
    expect(parseAgentScansFast({ scans: [scan({ contents: [] })] })).toBeNull();
    expect(parseAgentScansFast({ scans: [scan({ errors: [] })] })).not.toBeNull();
  });
});
