import { describe, it, expect } from "vitest";
import { COMPARED_FIELDS, diffInventories, type InventoryEntry } from "./diff";

const t = (s: string) => new Date(`2024-05-01T${s}Z`);

const file = (path: string, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId: "ent-files",
  size: 100n,
  sha256: "aa",
  acls: "root:rw",
  attributes: "-rw-r--r--",
  inode: 42n,
  dateCreated: t("10:00:00"),
  dateModified: t("11:00:00"),
  ...over,
});

const regValue = (key: string, valueName: string, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
  changeType: "Registry",
  itemKey: valueName ? `${key}\\${valueName}` : key,
  entityId: "ent-reg",
  registryKey: key,
  valueName,
  valueType: "REG_SZ",
  valueData: "C:\\app.exe",
  ...over,
});

const service = (name: string, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
  changeType: "WindowsServices",
  itemKey: name,
  entityId: "ent-svc",
  svcName: name,
  svcDisplayName: `${name} display`,
  svcState: "Running",
  svcStartupType: "Auto",
  svcPath: `C:\\svc\\${name}.exe`,
  svcAccount: "LocalSystem",
  ...over,
});

describe("diffInventories", () => {
  it("returns nothing for identical inventories, even with fresh Date and bigint objects", () => {
    const a = [file("/etc/hosts"), regValue("HKEY_LOCAL_MACHINE\\SOFTWARE\\Run", "App"), service("wuauserv")];
    const b = a.map((e) => ({ ...e, dateModified: e.dateModified ? new Date(e.dateModified.getTime()) : e.dateModified }));
    expect(diffInventories(a, b)).toEqual([]);
    expect(diffInventories([], [])).toEqual([]);
  });

  it("reports an added file with current values only", () => {
    const [c, ...rest] = diffInventories([], [file("/usr/bin/evil", { entityId: "e1" })]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      category: "Added",
      changeType: "Files",
      target: "/usr/bin/evil",
      name: "evil",
      entityId: "e1",
      fieldsChanged: [],
      size: 100n,
      previousSize: null,
      sha256: "aa",
      previousSha256: null,
      dateModified: t("11:00:00"),
      previousDateModified: null,
    });
  });

  it("reports a removed file with previous values only", () => {
    const [c] = diffInventories([file("C:\\Windows\\win.ini")], []);
    expect(c).toMatchObject({
      category: "Removed",
      target: "C:\\Windows\\win.ini",
      name: "win.ini",
      entityId: "ent-files",
      size: null,
      previousSize: 100n,
      sha256: null,
      previousSha256: "aa",
      acls: null,
      previousAcls: "root:rw",
    });
  });

  it("lists every differing file attribute, with both values", () => {
    const prev = file("/etc/passwd");
    const cur = file("/etc/passwd", { size: 120n, sha256: "bb", acls: "root:rwx", dateModified: t("12:00:00") });
    const [c] = diffInventories([prev], [cur]);
    expect(c.category).toBe("Modified");
    expect(c.fieldsChanged).toEqual(["Size", "FileContentChecksum", "Acls", "DateModified"]);
    expect(c).toMatchObject({
      size: 120n,
      previousSize: 100n,
      sha256: "bb",
      previousSha256: "aa",
      attributes: "-rw-r--r--",
      previousAttributes: "-rw-r--r--",
      dateModified: t("12:00:00"),
      previousDateModified: t("11:00:00"),
    });
  });

  it("reports a touch (dateModified only) as Modified with DateModified", () => {
    const [c] = diffInventories([file("/etc/crontab")], [file("/etc/crontab", { dateModified: t("13:00:00") })]);
    expect(c).toMatchObject({ category: "Modified", fieldsChanged: ["DateModified"] });
  });

  it("reports an inode change alone (file replaced by an identical copy) as Modified with Inode", () => {
    const [c] = diffInventories([file("/bin/login")], [file("/bin/login", { inode: 43n })]);
    expect(c).toMatchObject({ category: "Modified", fieldsChanged: ["Inode"] });
  });

  it("treats an attribute that became unreadable as a change", () => {
    const [c] = diffInventories([file("/boot/vmlinuz")], [file("/boot/vmlinuz", { sha256: null })]);
    expect(c.fieldsChanged).toEqual(["FileContentChecksum"]);
  });

  it("ignores contentSha256 alone but carries it for the before/after view", () => {
    expect(diffInventories([file("/etc/hosts")], [file("/etc/hosts", { contentSha256: "aa" })])).toEqual([]);
    const [c] = diffInventories([file("/etc/hosts", { contentSha256: "aa" })], [file("/etc/hosts", { sha256: "bb", contentSha256: "bb" })]);
    expect(c).toMatchObject({ fieldsChanged: ["FileContentChecksum"], contentSha256: "bb", previousContentSha256: "aa" });
  });

  it("describes registry values with hive, key\\value target and both type and data", () => {
    const key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    const [c] = diffInventories(
      [regValue(key, "Updater")],
      [regValue(key, "Updater", { valueType: "REG_EXPAND_SZ", valueData: "%TEMP%\\x.exe" })],
    );
    expect(c).toMatchObject({
      category: "Modified",
      changeType: "Registry",
      target: `${key}\\Updater`,
      name: "Updater",
      hive: "HKEY_LOCAL_MACHINE",
      registryKey: key,
      valueName: "Updater",
      fieldsChanged: ["ValueType", "ValueData"],
      valueType: "REG_EXPAND_SZ",
      previousValueType: "REG_SZ",
      valueData: "%TEMP%\\x.exe",
      previousValueData: "C:\\app.exe",
      size: null,
      svcName: null,
    });
  });

  it("keeps identifying columns on a removed registry value and names a whole key by its last segment", () => {
    const key = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\KnownDLLs";
    const [removed] = diffInventories([regValue(key, "kernel32")], []);
    expect(removed).toMatchObject({
      category: "Removed",
      hive: "HKEY_LOCAL_MACHINE",
      registryKey: key,
      valueName: "kernel32",
      valueData: null,
      previousValueData: "C:\\app.exe",
      valueType: null,
      previousValueType: "REG_SZ",
    });
    const [added] = diffInventories([], [regValue(key, "", { valueType: null, valueData: null })]);
    expect(added).toMatchObject({ category: "Added", target: key, name: "KnownDLLs", valueName: "" });
  });

  it("describes services by name and display name with previous state, startup, path and account", () => {
    const [c] = diffInventories([service("WinDefend")], [service("WinDefend", { svcState: "Stopped", svcStartupType: "Disabled" })]);
    expect(c).toMatchObject({
      category: "Modified",
      changeType: "WindowsServices",
      target: "WinDefend",
      name: "WinDefend display",
      svcName: "WinDefend",
      svcDisplayName: "WinDefend display",
      fieldsChanged: ["SvcState", "SvcStartupType"],
      svcState: "Stopped",
      svcPreviousState: "Running",
      svcStartupType: "Disabled",
      svcPreviousStartupType: "Auto",
      svcPath: "C:\\svc\\WinDefend.exe",
      svcPreviousPath: "C:\\svc\\WinDefend.exe",
    });
    const [removed] = diffInventories([service("evil")], []);
    expect(removed).toMatchObject({ svcName: "evil", svcDisplayName: "evil display", svcState: null, svcPreviousState: "Running" });
  });

  it("does not count a display-name-only change", () => {
    expect(diffInventories([service("a")], [service("a", { svcDisplayName: "renamed" })])).toEqual([]);
  });

  it("keeps the same item key of different change types apart", () => {
    const changes = diffInventories([file("x")], [service("x")]);
    expect(changes.map((c) => [c.changeType, c.category])).toEqual([
      ["Files", "Removed"],
      ["WindowsServices", "Added"],
    ]);
  });

  it("orders by change type, then item key, independently of input order", () => {
    const prev = [service("b"), file("/b"), regValue("HKEY_LOCAL_MACHINE\\K", "v")];
    const cur = [file("/c"), service("a"), file("/a")];
    const expected = [
      ["Files", "/a", "Added"],
      ["Files", "/b", "Removed"],
      ["Files", "/c", "Added"],
      ["Registry", "HKEY_LOCAL_MACHINE\\K\\v", "Removed"],
      ["WindowsServices", "a", "Added"],
      ["WindowsServices", "b", "Removed"],
    ];
    const summary = (cs: ReturnType<typeof diffInventories>) => cs.map((c) => [c.changeType, c.target, c.category]);
    expect(summary(diffInventories(prev, cur))).toEqual(expected);
    expect(summary(diffInventories([...prev].reverse(), [...cur].reverse()))).toEqual(expected);
  });

  it("accepts any iterable, including generators", () => {
    function* gen() {
      yield file("/a");
    }
    expect(diffInventories(gen(), [])).toHaveLength(1);
  });

  it("exposes the comparable field names per change type", () => {
    expect(COMPARED_FIELDS.Registry).toEqual(["ValueType", "ValueData"]);
    expect(COMPARED_FIELDS.WindowsServices).toEqual(["SvcState", "SvcStartupType", "SvcPath", "SvcAccount"]);
  });

  // Its speed is measured by npm run bench:scan and bench-commit, not asserted here: a timed assertion fails under load.
  it("diffs 100,000 entries with 300 changes, finding each", () => {
    const N = 100_000;
    const prev: InventoryEntry[] = [];
    for (let i = 0; i < N; i++) {
      prev.push(file(`/srv/data/f${i}`, { size: BigInt(i), sha256: `h${i}`, dateModified: new Date(1_700_000_000_000 + i) }));
    }
    // 100 modified, 100 removed, 100 added; fresh objects so nothing is shared by reference.
    const cur: InventoryEntry[] = prev.map((e) => ({ ...e, dateModified: new Date(e.dateModified!.getTime()) }));
    for (let i = 0; i < 100; i++) cur[i * 7] = { ...cur[i * 7], sha256: `changed${i}` };
    const removed = new Set(Array.from({ length: 100 }, (_, i) => 50_000 + i * 3));
    const kept = cur.filter((_, i) => !removed.has(i));
    for (let i = 0; i < 100; i++) kept.push(file(`/srv/new/n${i}`));

    const changes = diffInventories(prev, kept);

    expect(changes).toHaveLength(300);
    const count = (cat: string) => changes.filter((c) => c.category === cat).length;
    expect([count("Added"), count("Modified"), count("Removed")]).toEqual([100, 100, 100]);
    expect(changes.filter((c) => c.category === "Modified").every((c) => c.fieldsChanged.join() === "FileContentChecksum")).toBe(true);
  });
});

describe("diffInventories: the extended attribute set", () => {
  const ext = (over: Partial<InventoryEntry> = {}) => file("/usr/bin/ping", { fileType: "file", linkCount: 1, ...over });

  it("reports capabilities, ACLs, xattrs, link count, link target and type, each by its own field", () => {
    const [c] = diffInventories(
      [ext()],
      [ext({ capabilities: "cap_net_raw=ep", posixAcl: "user::rwx,user:1000:r-x", xattrs: "user.x sha256:00", linkCount: 2 })],
    );
    expect(c.fieldsChanged).toEqual(["LinkCount", "ExtendedAttributes", "PosixAcl", "Capabilities"]);
    expect(c).toMatchObject({ capabilities: "cap_net_raw=ep", previousCapabilities: null, linkCount: 2, previousLinkCount: 1 });
    const [t] = diffInventories([ext({ fileType: "symlink", linkTarget: "a" })], [ext({ fileType: "directory", linkTarget: null })]);
    expect(t.fieldsChanged).toEqual(["FileType", "LinkTarget"]);
    expect(t).toMatchObject({ fileType: "directory", previousFileType: "symlink", previousLinkTarget: "a" });
  });

  it("does not compare it against an entry recorded without it (an older inventory or agent)", () => {
    expect(diffInventories([file("/usr/bin/ping")], [ext({ capabilities: "cap_net_raw=ep", linkCount: 3 })])).toEqual([]);
    expect(diffInventories([ext({ linkCount: 3 })], [file("/usr/bin/ping")])).toEqual([]);
  });
});
