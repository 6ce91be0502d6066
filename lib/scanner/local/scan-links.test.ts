// Symbolic links under each Links mode (Ignore, Follow, Manage), loops, broken links and a link as the rule path.
import { lchownSync, mkdirSync, renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import { scanLocalFiles } from "./scan-files";
import { byKey, nextFileTimeTick, notFolders, rule, sha256, tempTree } from "./testing";

let remove: (() => void) | null = null;
afterEach(() => remove?.());

/** app/real.conf, a file link, a folder link out of the tree, a loop back to app, a broken link and a link ring. */
function linkTree() {
  const t = tempTree({ "app/real.conf": "real\n", "other/x.conf": "x\n" });
  remove = t.remove;
  symlinkSync("real.conf", t.path("app/link.conf"));
  symlinkSync("../other", t.path("app/dirlink"));
  mkdirSync(t.path("app/sub"));
  symlinkSync("..", t.path("app/sub/up"));
  symlinkSync("missing", t.path("app/broken"));
  symlinkSync("ring-b", t.path("app/ring-a"));
  symlinkSync("ring-a", t.path("app/ring-b"));
  return t;
}

const keys = (entries: InventoryEntry[]) =>
  notFolders(entries)
    .map((e) => e.itemKey)
    .sort();
const LINKS = ["broken", "dirlink", "link.conf", "ring-a", "ring-b", "sub/up"];

/** Retargets app/link.conf to a new file with the same content: a new link inode while the old one exists. */
function retarget(t: ReturnType<typeof linkTree>) {
  writeFileSync(t.path("app/real2.conf"), "real\n");
  symlinkSync("real2.conf", t.path("app/link.tmp"));
  renameSync(t.path("app/link.tmp"), t.path("app/link.conf"));
}

describe("scanLocalFiles: symbolic links", () => {
  it("Ignore records every link as itself (target, owner) and follows none", async () => {
    const t = linkTree();
    const { entries, errors } = await scanLocalFiles([rule(t.path("app"), { links: "IGNORE" })]);
    expect(keys(entries)).toEqual([...LINKS, "real.conf"].map((p) => t.path(`app/${p}`)).sort());
    expect(byKey(entries).get(t.path("app/link.conf"))).toMatchObject({
      fileType: "symlink",
      linkTarget: "real.conf",
      attributes: "symlink -> real.conf",
      sha256: null,
    });
    expect(errors).toEqual([]);
  });

  it("Ignore sees a link retargeted, and a link replaced by a file", async () => {
    const t = linkTree();
    const first = await scanLocalFiles([rule(t.path("app"), { links: "IGNORE" })]);
    await nextFileTimeTick(t.root, notFolders(first.entries));
    retarget(t);
    unlinkSync(t.path("app/dirlink"));
    writeFileSync(t.path("app/dirlink"), "now a file\n");
    const second = await scanLocalFiles([rule(t.path("app"), { links: "IGNORE" })], { previous: byKey(first.entries) });
    const changes = diffInventories(first.entries, second.entries);
    expect(changes.map((c) => [c.category, c.target])).toEqual([
      ["Modified", t.path("app/dirlink")],
      ["Modified", t.path("app/link.conf")],
      ["Added", t.path("app/real2.conf")],
    ]);
    expect(changes[0].fieldsChanged).toContain("FileType");
    expect(changes[0]).toMatchObject({ fileType: "file", previousFileType: "symlink", linkTarget: null, previousLinkTarget: "../other" });
    expect(changes[1].fieldsChanged).toContain("LinkTarget");
    expect(changes[1]).toMatchObject({ linkTarget: "real2.conf", previousLinkTarget: "real.conf" });
  });

  it("Follow scans targets, descends into linked folders once, and records broken and looping links as themselves", async () => {
    const t = linkTree();
    const { entries, errors } = await scanLocalFiles([rule(t.path("app"), { links: "FOLLOW" })]);
    expect(keys(entries)).toEqual(
      ["broken", "dirlink/x.conf", "link.conf", "real.conf", "ring-a", "ring-b", "sub/up"].map((p) => t.path(`app/${p}`)).sort(),
    );
    const link = byKey(entries).get(t.path("app/link.conf"))!;
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    expect(link).toMatchObject({
      sha256: sha256("real\n"),
      size: 5n,
      fileType: "file",
      linkTarget: "real.conf",
      attributes: `file (via symlink -> real.conf, link uid=${uid} gid=${gid})`,
      inode: statSync(t.path("app/real.conf"), { bigint: true }).ino,
    });
    expect(byKey(entries).get(t.path("app/dirlink"))).toMatchObject({ fileType: "directory", linkTarget: "../other" });
    expect(byKey(entries).get(t.path("app/dirlink/x.conf"))).toMatchObject({ sha256: sha256("x\n"), attributes: "file" });
    expect(byKey(entries).get(t.path("app/broken"))).toMatchObject({ fileType: "symlink", linkTarget: "missing" });
    expect([...errors].sort((a, b) => (a.path! < b.path! ? -1 : 1))).toEqual([
      { entityId: "ent-1", path: t.path("app/broken"), message: "Broken symbolic link: its target missing does not exist" },
      { entityId: "ent-1", path: t.path("app/ring-a"), message: "Symbolic link loop: the link never resolves to a file or folder" },
      { entityId: "ent-1", path: t.path("app/ring-b"), message: "Symbolic link loop: the link never resolves to a file or folder" },
      { entityId: "ent-1", path: t.path("app/sub/up"), message: "Symbolic link skipped: it leads to a folder already scanned (a loop)" },
    ]);
  });

  it("Follow reports a retargeted link and a link's new owner under the link's path", async () => {
    const t = linkTree();
    const first = await scanLocalFiles([rule(t.path("app"), { links: "FOLLOW" })]);
    await nextFileTimeTick(t.root, notFolders(first.entries));
    retarget(t);
    const second = await scanLocalFiles([rule(t.path("app"), { links: "FOLLOW" })], { previous: byKey(first.entries) });
    const retargeted = diffInventories(first.entries, second.entries).find((c) => c.target === t.path("app/link.conf"))!;
    expect(retargeted.fieldsChanged).toEqual(expect.arrayContaining(["Attributes", "Inode", "LinkTarget"]));
    expect(retargeted.fieldsChanged).not.toContain("FileContentChecksum"); // same content behind the new target

    lchownSync(t.path("app/link.conf"), 4242, 4242); // chown -h: the link, not its target
    const third = await scanLocalFiles([rule(t.path("app"), { links: "FOLLOW" })], { previous: byKey(second.entries) });
    const chowned = diffInventories(second.entries, third.entries);
    expect(chowned.map((c) => [c.target, c.fieldsChanged])).toEqual([[t.path("app/link.conf"), ["Attributes"]]]);
    expect(chowned[0].attributes).toBe("file (via symlink -> real2.conf, link uid=4242 gid=4242)");
  });

  it("Manage records the links themselves, without content, and sees a link retargeted", async () => {
    const t = linkTree();
    const first = await scanLocalFiles([rule(t.path("app"), { links: "MANAGE" })]);
    expect(first.errors).toEqual([]);
    const e = byKey(first.entries);
    expect(keys(first.entries)).toEqual([...LINKS, "real.conf"].map((p) => t.path(`app/${p}`)).sort());
    expect(e.get(t.path("app/link.conf"))).toMatchObject({ attributes: "symlink -> real.conf", sha256: null, size: 9n });
    expect(e.get(t.path("app/link.conf"))!.acls).toMatch(/^lrwxrwxrwx uid=\d+ gid=\d+$/);
    expect(e.get(t.path("app/dirlink"))).toMatchObject({ attributes: "symlink -> ../other", sha256: null });

    await nextFileTimeTick(t.root, notFolders(first.entries));
    retarget(t);
    const second = await scanLocalFiles([rule(t.path("app"), { links: "MANAGE" })], { previous: e });
    const changes = diffInventories(first.entries, second.entries).filter((c) => c.fileType !== "directory");
    expect(changes.map((c) => [c.category, c.target, c.fieldsChanged])).toEqual([
      ["Modified", t.path("app/link.conf"), ["Size", "Attributes", "DateCreated", "DateModified", "Inode", "LinkTarget"]],
      ["Added", t.path("app/real2.conf"), []],
    ]);
    expect(changes[0]).toMatchObject({ attributes: "symlink -> real2.conf", previousAttributes: "symlink -> real.conf" });
  });

  it("resolves a rule path that is itself a link to a folder (like /bin on merged-/usr), except under Manage", async () => {
    const t = linkTree();
    const followed = await scanLocalFiles([rule(t.path("app/dirlink"), { links: "IGNORE" })]);
    expect(keys(followed.entries)).toEqual([t.path("app/dirlink/x.conf")]);
    const managed = await scanLocalFiles([rule(t.path("app/dirlink"), { links: "MANAGE", pathType: null })]);
    expect(managed.entries.map((x) => x.attributes)).toEqual(["symlink -> ../other"]);
  });

  it("follows a link named by a File rule and reports a broken one", async () => {
    const t = linkTree();
    const { entries, errors } = await scanLocalFiles([
      rule(t.path("app/link.conf"), { pathType: "FILE", links: "FOLLOW" }),
      rule(t.path("app/broken"), { pathType: "FILE", links: "FOLLOW", entityId: "ent-2" }),
    ]);
    expect(entries.map((x) => [x.itemKey, x.sha256])).toEqual([[t.path("app/link.conf"), sha256("real\n")]]);
    expect(errors).toEqual([
      { entityId: "ent-2", path: t.path("app/broken"), message: "Broken symbolic link: its target missing does not exist" },
    ]);
  });
});
