// Every file-level problem becomes a collection error naming the entity and path, and the scan goes on:
// missing paths, wrong path types, permission denied, a file vanishing mid-scan, FIFOs, sockets and devices.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { diffInventories } from "@/lib/domain/diff";
import { scanLocalFiles } from "./scan-files";
import { asNobodyIfRoot, byKey, notFolders, rule, sha256, tempTree } from "./testing";

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});
function tree(files: Record<string, string>) {
  const t = tempTree(files);
  cleanup.push(t.remove);
  return t;
}
const special = (type: string) => `Special file (${type}): recorded without a hash; it is never opened`;

describe("scanLocalFiles: errors are reported, never thrown", () => {
  it("reports a rule path that does not exist and still scans the other rules", async () => {
    const t = tree({ "ok/f": "f" });
    const { entries, errors } = await scanLocalFiles([
      rule(t.path("nope"), { entityId: "missing" }),
      rule(t.path("nope/*.conf"), { entityId: "missing-dir", pathType: "FILE" }),
      rule("relative/path", { entityId: "relative" }),
      rule(t.path("ok"), { entityId: "ok" }),
    ]);
    expect(entries.map((e) => e.itemKey)).toEqual([t.path("ok"), t.path("ok/f")]);
    expect(errors).toEqual([
      { entityId: "missing", path: t.path("nope"), message: "Path not found: nothing exists at this path on this machine" },
      { entityId: "missing-dir", path: t.path("nope"), message: "Path not found: the folder does not exist on this machine" },
      { entityId: "relative", path: "relative/path", message: "The path must be absolute (start with /)" },
    ]);
  });

  it("reports a path whose type disagrees with the rule's Path Type", async () => {
    const t = tree({ "d/f": "f" });
    const { entries, errors } = await scanLocalFiles([
      rule(t.path("d"), { entityId: "file-rule", pathType: "FILE" }),
      rule(t.path("d/f"), { entityId: "dir-rule", pathType: "DIRECTORY" }),
    ]);
    expect(entries).toEqual([]);
    expect(errors).toEqual([
      { entityId: "file-rule", path: t.path("d"), message: "This path is a folder: set Path Type to Directory to track its files" },
      { entityId: "dir-rule", path: t.path("d/f"), message: "This path is not a folder: set Path Type to File to track it" },
    ]);
  });

  it("reports permission denied on a file and a folder (as nobody when the tests run as root)", async () => {
    const t = tree({ "app/public.txt": "hello", "app/private.key": "secret", "app/locked/inner": "x" });
    chmodSync(t.path("app/private.key"), 0o000);
    chmodSync(t.path("app/locked"), 0o000);
    cleanup.push(() => chmodSync(t.path("app/locked"), 0o755));
    const { entries, errors } = await asNobodyIfRoot(() => scanLocalFiles([rule(t.path("app"), { useSudo: true })]));
    const byPath = new Map(entries.map((e) => [e.itemKey, e]));
    expect(byPath.get(t.path("app/public.txt"))?.sha256).toBe(sha256("hello"));
    // The file is still inventoried (its metadata is readable); only its hash is missing.
    expect(byPath.get(t.path("app/private.key"))).toMatchObject({ sha256: null, size: 6n, acls: expect.stringMatching(/^---------- /) });
    expect(notFolders(entries)).toHaveLength(2);
    // A folder that cannot be listed is still an item: its mode is what hides its files.
    expect(byPath.get(t.path("app/locked"))).toMatchObject({ fileType: "directory", acls: expect.stringMatching(/^d--------- /) });
    const denied = errors
      .filter((e) => e.message === "Permission denied")
      .map((e) => e.path)
      .sort();
    expect(denied).toEqual([t.path("app/locked"), t.path("app/private.key")]);
    // useSudo cannot raise the agent's rights; that is said once, when it applies.
    expect(errors.filter((e) => e.message.startsWith("Use Sudo is on"))).toEqual([
      {
        entityId: "ent-1",
        path: t.path("app"),
        message:
          "Use Sudo is on but the agent runs neither as root nor with CAP_DAC_READ_SEARCH: files only root can read are reported as permission denied",
      },
    ]);
    expect(errors).toHaveLength(3);
  });

  it("drops a file that vanishes between the walk and its read, and says so", async () => {
    const t = tree({ "d/stays": "s", "d/goes": "g" });
    const { entries, errors } = await scanLocalFiles([rule(t.path("d"))], {
      beforeHash: (paths) => {
        if (paths.includes(t.path("d/goes"))) unlinkSync(t.path("d/goes"));
      },
    });
    expect(notFolders(entries).map((e) => e.itemKey)).toEqual([t.path("d/stays")]);
    expect(errors).toEqual([{ entityId: "ent-1", path: t.path("d/goes"), message: "The file vanished during the scan" }]);
  });

  it("never opens a FIFO, even one swapped in after the walk saw a regular file", async () => {
    const t = tree({ "d/will-be-fifo": "x" });
    mkdirSync(t.path("p"));
    execFileSync("mkfifo", [t.path("p/pipe")]);
    const { entries, errors } = await scanLocalFiles(
      [rule(t.path("p")), rule(t.path("p/pipe"), { entityId: "ent-2", pathType: "FILE" }), rule(t.path("d"), { entityId: "ent-3" })],
      {
        beforeHash: (paths) => {
          if (!paths.includes(t.path("d/will-be-fifo"))) return;
          unlinkSync(t.path("d/will-be-fifo"));
          execFileSync("mkfifo", [t.path("d/will-be-fifo")]);
        },
      },
    );
    const found = notFolders(entries);
    expect(found.map((e) => [e.itemKey, e.attributes, e.sha256])).toEqual([
      [t.path("p/pipe"), "fifo", null],
      // The hashing thread's fstat of what it opened describes the FIFO, not the file the walk saw.
      [t.path("d/will-be-fifo"), "fifo", null],
    ]);
    expect(found[0].acls).toMatch(/^prw-r--r-- /);
    expect(errors).toEqual([
      { entityId: "ent-1", path: t.path("p/pipe"), message: special("fifo") },
      { entityId: "ent-3", path: t.path("d/will-be-fifo"), message: "Replaced by a special file during the scan: it was not read" },
    ]);
  });

  it("records sockets and devices without reading them", async () => {
    const t = tree({});
    mkdirSync(t.path("s"));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(t.path("s/app.sock"), resolve));
    cleanup.push(() => server.close());
    const { entries, errors } = await scanLocalFiles([rule(t.path("s")), rule("/dev/null", { entityId: "dev", pathType: "FILE" })]);
    const found = notFolders(entries);
    expect(found.map((e) => [e.itemKey, e.attributes, e.sha256])).toEqual([
      [t.path("s/app.sock"), "socket", null],
      ["/dev/null", "character device", null],
    ]);
    expect(found[1].acls).toBe("crw-rw-rw- uid=0 gid=0");
    expect(errors.map((e) => e.message)).toEqual([special("socket"), special("character device")]);
  });
});

describe("scanLocalFiles: paths longer than the system allows", () => {
  it("records a new file whose path is over PATH_MAX by name, and says why nothing else is known", async () => {
    const t = tree({ "deep/keep": "k" });
    // Made with relative paths: each call takes a short path. The folders stay under 4096 bytes (listable), the
    // file's full path goes past it.
    const segment = "d".repeat(200);
    const name = "h".repeat(200);
    const cwd = process.cwd();
    let dir = t.path("deep");
    process.chdir(dir);
    try {
      while (dir.length + segment.length + 1 < 4090) {
        mkdirSync(segment);
        process.chdir(segment);
        dir = `${dir}/${segment}`;
      }
      writeFileSync(name, "payload");
    } finally {
      process.chdir(cwd);
    }
    // rm cannot take the file's path either: it is unlinked from inside its folder.
    cleanup.push(() => {
      process.chdir(dir);
      unlinkSync(name);
      process.chdir(cwd);
    });
    const path = `${dir}/${name}`;
    expect(path.length).toBeGreaterThan(4096);
    const { entries, errors } = await scanLocalFiles([rule(t.path("deep"))]);
    expect(byKey(entries).get(path)).toMatchObject({ itemKey: path, entityId: "ent-1" });
    expect(byKey(entries).get(t.path("deep/keep"))?.sha256).toBe(sha256("k"));
    expect(errors.find((e) => e.path === path)?.message).toMatch(/^Path too long for the system/);
    const again = await scanLocalFiles([rule(t.path("deep"))], { previous: byKey(entries) });
    expect(diffInventories(entries, again.entries)).toEqual([]);
  });
});
