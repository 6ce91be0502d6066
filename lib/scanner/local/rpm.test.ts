// rpm attribution with a fake `rpm` on the PATH that prints what `rpm -qa --queryformat` would, and logs its calls.
import { createHash } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { attributionOf, type AttributedEntry } from "@/lib/domain/packages";
import { parseRpmFiles } from "@/lib/domain/rpm";
import { loadRpmIndex } from "./rpm";
import { scanLocalFiles } from "./scan-files";
import { byKey, rule, tempTree } from "./testing";

const SHIPPED = "#!/bin/sh\necho tool 2.0\n";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

const host = tempTree({ "bin/tool": "#!/bin/sh\necho tool 1.0\n", "bin/legacy": "old\n", "bin/mine": "mine\n" });
const fake = tempTree({ "calls.log": "" });
const installedAt = Math.floor(Date.now() / 1000);
writeFileSync(
  fake.path("files.txt"),
  [
    `tool\t2.0-1.el9\t${installedAt}\t${host.path("bin")}\t`,
    `tool\t2.0-1.el9\t${installedAt}\t${host.path("bin/tool")}\t${sha256(SHIPPED)}`,
    `legacy\t0.9-3\t${installedAt - 86_400 * 30}\t${host.path("bin/legacy")}\t${md5("old\n")}`,
  ].join("\n") + "\n",
);
writeFileSync(fake.path("rpm"), `#!/bin/sh\nprintf "%s\\n" "$*" >> "${fake.path("calls.log")}"\ncat "${fake.path("files.txt")}"\n`);
chmodSync(fake.path("rpm"), 0o755);
const PATH = process.env.PATH;
afterAll(() => {
  process.env.PATH = PATH;
  host.remove();
  fake.remove();
});
const calls = () => readFileSync(fake.path("calls.log"), "utf8").split("\n").filter(Boolean);

describe("rpm attribution", () => {
  it("parses rpm's per-file lines", () => {
    const [dir, file] = parseRpmFiles(`tool\t2.0-1\t1700000000\t/usr/bin\t\ntool\t2.0-1\t1700000000\t/usr/bin/tool\t${md5("x")}\nnoise\n`);
    expect(dir).toEqual({ pkg: "tool", version: "2.0-1", installedAt: new Date(1_700_000_000_000), path: "/usr/bin", digest: null });
    expect(file.digest).toBe(md5("x"));
  });

  it("is not there without rpm on the PATH", () => {
    process.env.PATH = host.root;
    expect(loadRpmIndex()).toBeNull();
  });

  it("reads owners, digests and install times with one rpm call a scan, and judges changed files by them", async () => {
    process.env.PATH = `${fake.root}:${PATH}`;
    const rules = [rule(host.path("bin"))];
    const first = await scanLocalFiles(rules, { packages: loadRpmIndex });
    writeFileSync(host.path("bin/tool"), SHIPPED);
    writeFileSync(host.path("bin/legacy"), "old, edited\n");
    writeFileSync(host.path("bin/mine"), "mine, edited\n");
    const second = await scanLocalFiles(rules, { packages: loadRpmIndex, previous: byKey(first.entries) });
    expect(calls()).toEqual([expect.stringMatching(/^-qa --queryformat \[%\{NAME\}/)]);
    const after = byKey(second.entries);
    expect(after.get(host.path("bin/tool"))).toMatchObject({
      packageName: "tool",
      packageVersion: "2.0-1.el9",
      packagePreviousVersion: null,
      packageUpdatedAt: new Date(installedAt * 1000),
      packageShipped: true,
    });
    const judged = ["bin/tool", "bin/legacy", "bin/mine"].map((p) => attributionOf(after.get(host.path(p)) as AttributedEntry));
    expect(judged).toEqual(["PackageUpdate", "DiffersFromPackage", "NoPackage"]);
  });
});
