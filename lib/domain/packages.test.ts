import { describe, expect, it } from "vitest";
import { attributionOf, parseDpkgLog, parseDpkgStatus, parseMd5sums, pathAliases, removedFileFacts, type RemovalLookup } from "./packages";

describe("dpkg database parsing", () => {
  it("keeps installed packages' versions only", () => {
    const status = [
      "Package: coreutils\nStatus: install ok installed\nArchitecture: amd64\nVersion: 9.1-1",
      "Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0",
    ].join("\n\n");
    expect([...parseDpkgStatus(status)]).toEqual([["coreutils", "9.1-1"]]);
  });

  it("takes each package's last install or upgrade from the log, a reinstall included", () => {
    const log = [
      "2026-12-01 10:00:00 install hello:amd64 <none> 2.10-2",
      "2026-12-01 10:00:01 status installed hello:amd64 2.10-2",
      "2026-12-04 19:20:51 upgrade hello:amd64 2.10-2 2.10-3",
      "2026-12-04 19:30:00 upgrade sed:amd64 4.9-1 4.9-1",
    ].join("\n");
    const events = parseDpkgLog(log);
    expect(events.get("hello")).toMatchObject({ from: "2.10-2", to: "2.10-3" });
    expect(events.get("hello")!.at.getTime()).toBe(new Date("2026-12-04T19:20:51").getTime());
    expect(events.get("sed")).toMatchObject({ from: "4.9-1", to: "4.9-1" });
  });

  it("reads md5sums as absolute paths, and aliases merged-/usr paths", () => {
    expect(parseMd5sums("7a4179e324c784b99e98fedee05260f7  bin/cat\nnonsense\n")).toEqual([
      ["/bin/cat", "7a4179e324c784b99e98fedee05260f7"],
    ]);
    expect(pathAliases("/usr/bin/cat")).toEqual(["/usr/bin/cat", "/bin/cat"]);
    expect(pathAliases("/sbin/init")).toEqual(["/sbin/init", "/usr/sbin/init"]);
    expect(pathAliases("/etc/passwd")).toEqual(["/etc/passwd"]);
  });
});

describe("attribution of a change", () => {
  it("is Package update for shipped content, Differs from package otherwise, No package without an owner", () => {
    expect(attributionOf({ packageName: "sed", packageShipped: true })).toBe("PackageUpdate");
    expect(attributionOf({ packageName: "sed", packageShipped: false })).toBe("DiffersFromPackage");
    expect(attributionOf({ packageName: null })).toBe("NoPackage");
    expect(attributionOf({ packageName: "base-files", packageShipped: null })).toBeNull();
    expect(attributionOf(null)).toBeNull();
  });
});

describe("removed files", () => {
  const at = new Date("2026-12-04T19:20:51");
  const log = parseDpkgLog(
    [
      "2026-12-04 19:20:51 upgrade tool:amd64 1.0 2.0",
      "2026-12-04 19:20:52 remove gone:amd64 3.1 <none>",
      "2026-12-04 19:21:00 purge old 0.9 <none>",
    ].join("\n"),
  );
  const lookup = (over: Partial<RemovalLookup>): RemovalLookup => ({
    owner: undefined,
    former: undefined,
    event: (p) => log.get(p),
    version: (p) => (p === "tool" ? "2.0" : undefined),
    historyKnown: true,
    ...over,
  });

  it("reads removals and purges from the log", () => {
    expect(log.get("gone")).toMatchObject({ kind: "remove", from: "3.1", to: null });
    expect(log.get("old")).toMatchObject({ kind: "remove", from: "0.9" });
    expect(log.get("tool")).toMatchObject({ kind: "upgrade", from: "1.0", to: "2.0" });
  });

  it("is the package's when the list that named it was read before its package's upgrade or removal", () => {
    const upgraded = removedFileFacts(lookup({ former: { pkg: "tool", listedAt: new Date(at.getTime() - 3_600_000) } }));
    expect(upgraded).toEqual({
      packageName: "tool",
      packageVersion: "2.0",
      packagePreviousVersion: "1.0",
      packageUpdatedAt: at,
      packageShipped: true,
    });
    expect(attributionOf(upgraded)).toBe("PackageUpdate");
    const removed = removedFileFacts(lookup({ former: { pkg: "gone", listedAt: new Date(at.getTime() - 60_000) } }));
    expect(removed).toMatchObject({ packageName: "gone", packageVersion: null, packagePreviousVersion: "3.1", packageShipped: true });
    // The list was read well after the package's last event, and named the file then: someone else removed it later.
    const later = removedFileFacts(lookup({ former: { pkg: "tool", listedAt: new Date(at.getTime() + 86_400_000) } }));
    expect(attributionOf(later)).toBeNull();
  });

  it("differs from its package when an installed package still lists it; no package's when no list ever named it", () => {
    expect(attributionOf(removedFileFacts(lookup({ owner: "tool" })))).toBe("DiffersFromPackage");
    expect(attributionOf(removedFileFacts(lookup({})))).toBe("NoPackage");
    // The database had not been read before: a package may have listed it and gone meanwhile. Not judged.
    expect(removedFileFacts(lookup({ historyKnown: false }))).toEqual({});
  });
});
