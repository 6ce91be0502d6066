import { describe, expect, it } from "vitest";
import { attributionOf, parseDpkgLog, parseDpkgStatus, parseMd5sums, pathAliases } from "./packages";

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
