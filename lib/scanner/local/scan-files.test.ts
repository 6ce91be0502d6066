// Integration: a real temp tree scanned through create, modify, chmod and delete; the diff of two scans must be
// exactly the changes made. Also rule shapes (wildcards, recursion), rehash skipping and content upload.
import { chmodSync, mkdirSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { diffInventories, type ChangeDraft } from "@/lib/domain/diff";
import { MAX_UPLOAD_CONTENT_BYTES } from "@/lib/domain/paths";
import { scanLocalFiles } from "./scan-files";
import { byKey, nextFileTimeTick, notFolders, rule, sha256, tempTree } from "./testing";

const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});
function tree(files: Record<string, string>) {
  const t = tempTree(files);
  cleanup.push(t.remove);
  return t;
}

/** The identifying and changed columns of a change record (all other value columns are checked null below). */
const summary = (c: ChangeDraft) => ({
  category: c.category,
  target: c.target,
  name: c.name,
  entityId: c.entityId,
  fieldsChanged: c.fieldsChanged,
});

describe("scanLocalFiles: a tree through create, modify, chmod and delete", () => {
  it("records every attribute of a file", async () => {
    const t = tree({ "app/a.conf": "alpha\n" });
    const { entries, errors, stats } = await scanLocalFiles([rule(t.path("app"))]);
    const st = statSync(t.path("app/a.conf"), { bigint: true });
    const dir = statSync(t.path("app"), { bigint: true });
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      {
        changeType: "Files",
        itemKey: t.path("app"),
        entityId: "ent-1",
        size: null,
        sha256: null,
        acls: `drwxr-xr-x uid=${uid} gid=${gid}`,
        attributes: "directory",
        inode: dir.ino,
        dateModified: null,
        dateCreated: null,
        contentSha256: null,
        fileType: "directory",
        linkCount: null,
        linkTarget: null,
        xattrs: null,
        posixAcl: null,
        capabilities: null,
        selinuxContext: null,
        verifiedAt: null,
      },
      {
        changeType: "Files",
        itemKey: t.path("app/a.conf"),
        entityId: "ent-1",
        size: 6n,
        sha256: sha256("alpha\n"),
        acls: `-rw-r--r-- uid=${uid} gid=${gid}`,
        attributes: "file",
        inode: st.ino,
        dateModified: new Date(Number(st.mtimeMs)),
        dateCreated: new Date(Number(st.ctimeMs)),
        contentSha256: null,
        fileType: "file",
        linkCount: 1,
        linkTarget: null,
        xattrs: null,
        posixAcl: null,
        capabilities: null,
        selinuxContext: null,
        verifiedAt: expect.any(Date),
      },
    ]);
    expect(stats).toMatchObject({ files: 2, bytesHashed: 6, rehashed: 1, skipped: 0 });
  });

  it("finds exactly the changes made between two scans", async () => {
    const t = tree({ "app/a.conf": "alpha\n", "app/b.conf": "bravo\n", "app/sub/c.conf": "charlie\n", "app/keep.conf": "same\n" });
    const first = await scanLocalFiles([rule(t.path("app"))]);
    expect(notFolders(first.entries)).toHaveLength(4);
    await nextFileTimeTick(t.root, first.entries);

    writeFileSync(t.path("app/a.conf"), "alpha, edited\n"); // content
    chmodSync(t.path("app/b.conf"), 0o666); // permissions loosened
    unlinkSync(t.path("app/sub/c.conf")); // removed
    writeFileSync(t.path("app/sub/d.conf"), "delta\n", { mode: 0o644 }); // added

    const second = await scanLocalFiles([rule(t.path("app"))], { previous: byKey(first.entries) });
    expect(second.errors).toEqual([]);
    expect(second.stats).toMatchObject({ files: 6, rehashed: 3, skipped: 1 }); // 4 files and 2 folders // b.conf's ctime moved: reread
    const changes = diffInventories(first.entries, second.entries);
    expect(changes.map(summary)).toEqual([
      {
        category: "Modified",
        target: t.path("app/a.conf"),
        name: "a.conf",
        entityId: "ent-1",
        fieldsChanged: ["Size", "FileContentChecksum", "DateCreated", "DateModified"],
      },
      { category: "Modified", target: t.path("app/b.conf"), name: "b.conf", entityId: "ent-1", fieldsChanged: ["Acls", "DateCreated"] },
      { category: "Removed", target: t.path("app/sub/c.conf"), name: "c.conf", entityId: "ent-1", fieldsChanged: [] },
      { category: "Added", target: t.path("app/sub/d.conf"), name: "d.conf", entityId: "ent-1", fieldsChanged: [] },
    ]);
    const [a, b, c, d] = changes;
    expect(a).toMatchObject({ size: 14n, previousSize: 6n, sha256: sha256("alpha, edited\n"), previousSha256: sha256("alpha\n") });
    expect(b).toMatchObject({
      acls: `-rw-rw-rw- uid=${uid} gid=${gid}`,
      previousAcls: `-rw-r--r-- uid=${uid} gid=${gid}`,
      sha256: sha256("bravo\n"),
    });
    expect(c).toMatchObject({ size: null, sha256: null, previousSize: 8n, previousSha256: sha256("charlie\n") });
    expect(d).toMatchObject({ size: 6n, sha256: sha256("delta\n"), previousSize: null, previousSha256: null });

    // A third scan of an unchanged tree finds nothing and reads nothing.
    const third = await scanLocalFiles([rule(t.path("app"))], { previous: byKey(second.entries) });
    expect(diffInventories(second.entries, third.entries)).toEqual([]);
    expect(third.stats).toMatchObject({ rehashed: 0, skipped: 4, bytesHashed: 0 });
  });

  it("sees a file replaced by an identical copy with its times restored (inode only)", async () => {
    const t = tree({ "bin/tool": "#!/bin/sh\necho hi\n" });
    const first = await scanLocalFiles([rule(t.path("bin"))]);
    const old = statSync(t.path("bin/tool"));
    writeFileSync(t.path("bin/tool.new"), "#!/bin/sh\necho hi\n", { mode: 0o644 });
    utimesSync(t.path("bin/tool.new"), old.atime, old.mtime);
    // The copy exists while the original does, so it has another inode number.
    renameSync(t.path("bin/tool.new"), t.path("bin/tool"));
    const second = await scanLocalFiles([rule(t.path("bin"))], { previous: byKey(first.entries) });
    const fields = diffInventories(first.entries, second.entries).map((c) => c.fieldsChanged);
    expect(fields).toHaveLength(1);
    expect(fields[0]).toContain("Inode");
    expect(fields[0]).not.toContain("FileContentChecksum");
  });
});

describe("scanLocalFiles: rule shapes", () => {
  const files = { "etc/a.conf": "a", "etc/.hidden.conf": "h", "etc/notes.txt": "n", "etc/sub/b.conf": "b", "etc/sub/deep/c.conf": "c" };

  it("matches a last-segment wildcard in the folder only, or at every depth with recursion", async () => {
    const t = tree(files);
    const flat = await scanLocalFiles([rule(t.path("etc/*.conf"), { pathType: "FILE", recursion: false })]);
    expect(flat.entries.map((e) => e.itemKey).sort()).toEqual([t.path("etc/.hidden.conf"), t.path("etc/a.conf")]);
    const deep = await scanLocalFiles([rule(t.path("etc/*.conf"), { pathType: "FILE", recursion: true })]);
    expect(deep.entries.map((e) => e.itemKey).sort()).toEqual(
      [t.path("etc/.hidden.conf"), t.path("etc/a.conf"), t.path("etc/sub/b.conf"), t.path("etc/sub/deep/c.conf")].sort(),
    );
  });

  it("scans a folder's own files without recursion and every level with it", async () => {
    const t = tree(files);
    const flat = await scanLocalFiles([rule(t.path("etc"), { recursion: false })]);
    expect(flat.entries.map((e) => e.itemKey).sort()).toEqual(
      [t.path("etc"), t.path("etc/.hidden.conf"), t.path("etc/a.conf"), t.path("etc/notes.txt"), t.path("etc/sub")].sort(),
    );
    const deep = await scanLocalFiles([rule(t.path("etc/"), { recursion: true })]);
    expect(notFolders(deep.entries)).toHaveLength(5);
    expect(deep.entries.filter((e) => e.fileType === "directory").map((e) => e.itemKey)).toEqual([
      t.path("etc"),
      t.path("etc/sub"),
      t.path("etc/sub/deep"),
    ]);
  });

  it("scans the folders a wildcard matches for a Directory rule (/etc/cron.*)", async () => {
    const t = tree({
      "etc/cron.d/job": "j",
      "etc/cron.daily/logrotate": "l",
      "etc/cron.daily/x/deeper": "d",
      "etc/crontab": "t",
      "etc/other/f": "f",
    });
    const { entries } = await scanLocalFiles([rule(t.path("etc/cron.*"), { recursion: false })]);
    expect(entries.map((e) => e.itemKey).sort()).toEqual(
      [
        t.path("etc/cron.d"),
        t.path("etc/cron.d/job"),
        t.path("etc/cron.daily"),
        t.path("etc/cron.daily/logrotate"),
        t.path("etc/cron.daily/x"),
      ].sort(),
    );
  });

  it("scans a single file rule, and lets the first rule own a file two rules cover", async () => {
    const t = tree(files);
    const { entries, errors } = await scanLocalFiles([
      rule(t.path("etc/a.conf"), { entityId: "single", pathType: "FILE" }),
      rule(t.path("etc"), { entityId: "folder", recursion: false }),
    ]);
    expect(errors).toEqual([]);
    expect(entries.filter((e) => e.itemKey === t.path("etc/a.conf")).map((e) => e.entityId)).toEqual(["single"]);
    expect(notFolders(entries)).toHaveLength(3);
  });

  it("stops at maxItems and says so", async () => {
    const t = tree(files);
    const { entries, errors } = await scanLocalFiles([rule(t.path("etc"))], { maxItems: 2 });
    expect(entries).toHaveLength(2);
    expect(errors).toEqual([
      { entityId: "ent-1", message: "Limit reached: 2 files are tracked on this machine; the rest were not scanned" },
    ]);
  });
});

describe("scanLocalFiles: rehash skipping and content upload", () => {
  it("reuses the previous hash when inode, size, mtime and ctime match, unless forceRehash", async () => {
    const t = tree({ "d/f": "real content" });
    const first = await scanLocalFiles([rule(t.path("d"))]);
    // A previous inventory whose hash disagrees with the disk proves which scans read the file.
    const planted = byKey(first.entries.map((e) => ({ ...e, sha256: "planted" })));
    const skipped = await scanLocalFiles([rule(t.path("d"))], { previous: planted });
    expect(notFolders(skipped.entries)[0].sha256).toBe("planted");
    expect(skipped.stats).toMatchObject({ rehashed: 0, skipped: 1 });
    const forced = await scanLocalFiles([rule(t.path("d"))], { previous: planted, forceRehash: true });
    expect(notFolders(forced.entries)[0].sha256).toBe(sha256("real content"));
    expect(forced.stats).toMatchObject({ rehashed: 1, skipped: 0, bytesHashed: 12 });
  });

  it("uploads content up to 5 MB, keyed by SHA-256, and not above", async () => {
    const t = tree({ "d/small.conf": "PermitRootLogin no\n" });
    writeFileSync(t.path("d/at-limit.bin"), "");
    truncateSync(t.path("d/at-limit.bin"), MAX_UPLOAD_CONTENT_BYTES);
    writeFileSync(t.path("d/above.bin"), "");
    truncateSync(t.path("d/above.bin"), MAX_UPLOAD_CONTENT_BYTES + 1);
    const { entries, contents } = await scanLocalFiles([rule(t.path("d"), { uploadContent: true })]);
    const e = byKey(entries);
    const small = e.get(t.path("d/small.conf"))!;
    expect(small.contentSha256).toBe(sha256("PermitRootLogin no\n"));
    expect(Buffer.from(contents.get(small.sha256!)!).toString()).toBe("PermitRootLogin no\n");
    const atLimit = e.get(t.path("d/at-limit.bin"))!;
    expect(atLimit.contentSha256).toBe(atLimit.sha256);
    expect(contents.get(atLimit.sha256!)?.length).toBe(MAX_UPLOAD_CONTENT_BYTES);
    const above = e.get(t.path("d/above.bin"))!;
    expect(above.sha256).toBe(sha256(new Uint8Array(MAX_UPLOAD_CONTENT_BYTES + 1)));
    expect(above.contentSha256).toBeNull();
    expect(contents.size).toBe(2);
  });

  it("hashes a large file by streaming it", async () => {
    const t = tree({});
    mkdirSync(t.path("big"));
    const size = 64 * 1024 * 1024 + 3;
    writeFileSync(t.path("big/disk.img"), "");
    truncateSync(t.path("big/disk.img"), size);
    const { entries, stats } = await scanLocalFiles([rule(t.path("big"), { uploadContent: true })]);
    expect(notFolders(entries)[0]).toMatchObject({ size: BigInt(size), sha256: sha256(new Uint8Array(size)), contentSha256: null });
    expect(stats.bytesHashed).toBe(size);
    rmSync(t.path("big/disk.img"));
  });

  it("keeps to an I/O budget", async () => {
    const t = tree({});
    mkdirSync(t.path("d"));
    for (let i = 0; i < 24; i++) writeFileSync(t.path(`d/f${i}`), Buffer.alloc(1 << 20, i));
    const started = performance.now();
    const { entries } = await scanLocalFiles([rule(t.path("d"))], { ioBudget: { mbPerSec: 16, nice: 10 } });
    expect(notFolders(entries).every((e) => e.sha256 !== null)).toBe(true);
    // 24 MiB at 16 MB/s: the first 8 MiB batch goes at once, the rest may not finish before ~1.5 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
  });
});

describe("scanLocalFiles: bounded trust", () => {
  it("reads unchanged files again by rolling share and for Verify every scan, finding content changed behind unchanged metadata", async () => {
    const t = tree({ "d/a": "a", "d/b": "b", "d/c": "c", "d/d": "d", "e/x": "x" });
    const rules = [rule(t.path("d")), rule(t.path("e"), { entityId: "always", verifyEveryScan: true })];
    const first = await scanLocalFiles(rules);
    // A previous inventory whose hashes disagree with the disk stands for content changed with its times restored.
    const planted = byKey(first.entries.map((e) => (e.sha256 ? { ...e, sha256: "planted" } : e)));
    const policy = { periodMs: 4 * 3_600_000, intervalMs: 3_600_000 }; // a quarter of the files each scan
    const second = await scanLocalFiles(rules, { previous: planted, verify: policy });
    // 5 files, a quarter a scan: 2 by rolling share, and e/x because its entity verifies every scan.
    expect(second.stats).toMatchObject({ rehashed: 3, verified: 3, skipped: 2 });
    const reread = notFolders(second.entries).filter((e) => e.sha256 !== "planted");
    expect(reread.map((e) => e.itemKey)).toContain(t.path("e/x"));
    expect(reread.every((e) => e.sha256 === sha256(e.itemKey.slice(-1)))).toBe(true);
    const changed = diffInventories(notFolders([...planted.values()]), notFolders(second.entries));
    expect(changed.map((c) => c.fieldsChanged)).toEqual([["FileContentChecksum"], ["FileContentChecksum"], ["FileContentChecksum"]]);
  });
});
