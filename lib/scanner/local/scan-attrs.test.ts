// The attributes beyond mode, owner, size, times and hash that an attacker changes: extended attributes, POSIX
// ACLs, file capabilities, hard links, folders (mode, new, type change). Each one must be a change between two scans.
// The xattrs are written as the kernel stores them (what setfacl and setcap write), so no tool is needed; setting
// security.capability takes root, as setcap does (the suite runs as root).
import { chmodSync, linkSync, mkdirSync, rmSync, unlinkSync } from "node:fs";
import { setAttributeSync } from "@napi-rs/xattr";
import { afterEach, describe, expect, it } from "vitest";
import { diffInventories, type ChangeDraft } from "@/lib/domain/diff";
import { scanLocalFiles } from "./scan-files";
import { byKey, nextFileTimeTick, rule, tempTree } from "./testing";

let remove: (() => void) | null = null;
afterEach(() => remove?.());

/** setcap cap_setuid+ep */
const CAP_SETUID = Buffer.from("0100000280000000000000000000000000000000", "hex");
/** setfacl -m u:1000:r (with the mask setfacl adds) */
const ACL_USER_1000 = Buffer.from("0200000001000600ffffffff02000400e803000004000400ffffffff10000400ffffffff20000400ffffffff", "hex");

/** Scans, lets `mutate` change the tree, scans again, and returns the changes by path. */
async function changesAfter(mutate: (path: (rel: string) => string) => void): Promise<Map<string, ChangeDraft>> {
  const t = tempTree({ "app/bin/tool": "#!/bin/sh\n", "app/etc/app.conf": "a=1\n", "app/etc/swap": "file\n" });
  remove = t.remove;
  const rules = [rule(t.path("app"), { links: "MANAGE" })];
  const first = await scanLocalFiles(rules);
  expect(first.errors).toEqual([]);
  await nextFileTimeTick(
    t.root,
    first.entries.filter((e) => e.dateCreated),
  );
  mutate(t.path);
  const second = await scanLocalFiles(rules, { previous: byKey(first.entries) });
  expect(second.errors).toEqual([]);
  return new Map(diffInventories(first.entries, second.entries).map((c) => [c.target.slice(t.root.length + 1), c]));
}

describe("scanLocalFiles: attributes beyond mode and content", () => {
  it("reports a file capability added to a binary (setcap cap_setuid+ep)", async () => {
    const changes = await changesAfter((p) => setAttributeSync(p("app/bin/tool"), "security.capability", CAP_SETUID));
    expect([...changes.keys()]).toEqual(["app/bin/tool"]);
    expect(changes.get("app/bin/tool")).toMatchObject({
      category: "Modified",
      fieldsChanged: ["DateCreated", "Capabilities"],
      capabilities: "cap_setuid=ep",
      previousCapabilities: null,
    });
  });

  it("reports a POSIX ACL granting a user access, decoded as getfacl prints it", async () => {
    const changes = await changesAfter((p) => setAttributeSync(p("app/etc/app.conf"), "system.posix_acl_access", ACL_USER_1000));
    expect(changes.get("app/etc/app.conf")).toMatchObject({
      fieldsChanged: expect.arrayContaining(["PosixAcl"]),
      posixAcl: "user::rw-,user:1000:r--,group::r--,mask::r--,other::r--",
      previousPosixAcl: null,
    });
  });

  it("reports an extended attribute by name and value hash", async () => {
    const changes = await changesAfter((p) => setAttributeSync(p("app/etc/app.conf"), "user.origin", "downloaded"));
    const c = changes.get("app/etc/app.conf")!;
    expect(c.fieldsChanged).toEqual(["DateCreated", "ExtendedAttributes"]);
    expect(c.xattrs).toMatch(/^user\.origin sha256:[0-9a-f]{16}$/);
  });

  it("reports a hard link made to a file as a new link count", async () => {
    const changes = await changesAfter((p) => linkSync(p("app/bin/tool"), p("app/etc/tool-copy")));
    expect(changes.get("app/bin/tool")).toMatchObject({ fieldsChanged: ["DateCreated", "LinkCount"], linkCount: 2, previousLinkCount: 1 });
    expect(changes.get("app/etc/tool-copy")?.category).toBe("Added");
  });

  it("reports a folder made world-writable, a new empty folder, and a file replaced by a folder", async () => {
    const changes = await changesAfter((p) => {
      chmodSync(p("app/etc"), 0o777);
      mkdirSync(p("app/empty"));
      unlinkSync(p("app/etc/swap"));
      mkdirSync(p("app/etc/swap"));
    });
    expect(changes.get("app/etc")).toMatchObject({
      category: "Modified",
      fieldsChanged: ["Acls"],
      acls: expect.stringMatching(/^drwxrwxrwx /),
      previousAcls: expect.stringMatching(/^drwxr-xr-x /),
    });
    expect(changes.get("app/empty")).toMatchObject({ category: "Added", fileType: "directory" });
    expect(changes.get("app/etc/swap")).toMatchObject({
      category: "Modified",
      fileType: "directory",
      previousFileType: "file",
      fieldsChanged: expect.arrayContaining(["FileType"]),
    });
    expect(changes.size).toBe(3);
  });

  it("reports a folder removed with its files", async () => {
    const changes = await changesAfter((p) => rmSync(p("app/bin"), { recursive: true }));
    expect([...changes].map(([k, c]) => [k, c.category, c.previousFileType])).toEqual([
      ["app/bin", "Removed", "directory"],
      ["app/bin/tool", "Removed", "file"],
    ]);
  });
});
