// Package attribution of folders, links and removed files in the local scanner, against a dpkg database laid out in a
// temp folder that the test upgrades and removes packages in (lists, status and log rewritten as dpkg would).
import { appendFileSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { attributionOf, type AttributedEntry } from "@/lib/domain/packages";
import { loadDpkgIndex, removedPackages } from "./packages";
import { scanLocalFiles } from "./scan-files";
import { byKey, rule, tempTree } from "./testing";

const logTime = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};
const status = (pkgs: Record<string, string>) =>
  Object.entries(pkgs)
    .map(([name, version]) => `Package: ${name}\nStatus: install ok installed\nVersion: ${version}\n`)
    .join("\n");

const host = tempTree({
  "opt/tool/tool": "v1\n",
  "opt/tool/doc": "doc\n",
  "opt/keep": "keep\n",
  "opt/gone": "gone\n",
  "opt/stray": "mine\n",
});
symlinkSync("tool", host.path("opt/tool/link"));
const dayAgo = logTime(new Date(Date.now() - 86_400_000));
const db = tempTree({
  "var/lib/dpkg/info/tool:amd64.list": [
    host.path("opt/tool"),
    host.path("opt/tool/tool"),
    host.path("opt/tool/doc"),
    host.path("opt/tool/link"),
  ].join("\n"),
  "var/lib/dpkg/info/keep.list": `${host.path("opt/keep")}\n`,
  "var/lib/dpkg/info/gone.list": `${host.path("opt/gone")}\n`,
  "var/lib/dpkg/status": status({ tool: "1.0", keep: "1.0", gone: "3.1" }),
  "var/log/dpkg.log": `${dayAgo} install tool:amd64 <none> 1.0\n${dayAgo} install keep <none> 1.0\n${dayAgo} install gone <none> 3.1\n`,
});
afterAll(() => {
  host.remove();
  db.remove();
});
const packages = () => loadDpkgIndex(db.root);
const rules = [rule(host.path("opt"), { links: "IGNORE" })];

describe("package attribution of folders, links and removed files", () => {
  it("takes a package's folder and link changed at its upgrade as its doing, and judges removed files by the lists that named them", async () => {
    const first = await scanLocalFiles(rules, { packages });
    // A read of the database before the upgrade (an earlier scan's), so later reads know what the lists named.
    expect(packages()!.owner.get(host.path("opt/tool/doc"))).toBe("tool");

    // tool 2.0 no longer ships doc and re-points its link; gone is removed; someone deletes keep's file and a stray one.
    const list = ["opt/tool", "opt/tool/tool", "opt/tool/link", "opt/tool/share"].map((p) => host.path(p));
    writeFileSync(db.path("var/lib/dpkg/info/tool:amd64.list"), list.join("\n"));
    mkdirSync(host.path("opt/tool/share"));
    mkdirSync(host.path("opt/mine"));
    rmSync(db.path("var/lib/dpkg/info/gone.list"));
    writeFileSync(db.path("var/lib/dpkg/status"), status({ tool: "2.0", keep: "1.0" }));
    const now = logTime(new Date());
    appendFileSync(db.path("var/log/dpkg.log"), `${now} upgrade tool:amd64 1.0 2.0\n${now} remove gone 3.1 <none>\n`);
    for (const f of ["opt/tool/doc", "opt/gone", "opt/keep", "opt/stray"]) unlinkSync(host.path(f));
    unlinkSync(host.path("opt/tool/link"));
    symlinkSync("tool2", host.path("opt/tool/link"));

    const second = await scanLocalFiles(rules, { packages, previous: byKey(first.entries) });
    const after = byKey(second.entries);
    expect(after.get(host.path("opt/tool/share"))).toMatchObject({ packageName: "tool", packageVersion: "2.0", packageShipped: true });
    expect(after.get(host.path("opt/tool/link"))).toMatchObject({
      packageName: "tool",
      packagePreviousVersion: "1.0",
      packageShipped: true,
    });
    // A folder no package lists.
    expect((after.get(host.path("opt/mine")) as AttributedEntry).packageName).toBeNull();

    const removed = new Map(second.removed.map((r) => [r.itemKey.slice(host.root.length), r]));
    expect(removed.get("/opt/tool/doc")).toMatchObject({ packageName: "tool", packageVersion: "2.0", packageShipped: true });
    expect(removed.get("/opt/gone")).toMatchObject({
      packageName: "gone",
      packageVersion: null,
      packagePreviousVersion: "3.1",
      packageShipped: true,
    });
    expect([...removed].map(([p, r]) => `${p} ${attributionOf(r)}`).sort()).toEqual([
      "/opt/gone PackageUpdate",
      "/opt/keep DiffersFromPackage",
      "/opt/stray NoPackage",
      "/opt/tool/doc PackageUpdate",
    ]);
  });

  it("does not judge a path in no list when the database was first read in this scan", () => {
    const fresh = tempTree({ "var/lib/dpkg/info/x.list": "/x\n", "var/lib/dpkg/status": "", "var/log/dpkg.log": "" });
    try {
      const previous = byKey([{ changeType: "Files", itemKey: "/srv/stray" }]);
      expect(removedPackages([], () => loadDpkgIndex(fresh.root), previous, new Date(Date.now() - 1000))).toEqual([
        { itemKey: "/srv/stray" },
      ]);
    } finally {
      fresh.remove();
    }
  });
});
