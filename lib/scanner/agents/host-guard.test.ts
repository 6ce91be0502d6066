// The Vigil host's guard inside a real scan: links cannot lead an allow-listed rule out of the allow-list or into
// Vigil's data, a recommended rule reads metadata but uploads nothing outside it.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostReadPolicy } from "@/lib/server/local-host/read-policy";
import { scanLocalFiles } from "@/lib/scanner/local/scan-files";
import { rule, tempTree } from "@/lib/scanner/local/testing";
import { hostGuard } from "./host-guard";

let remove: (() => void) | null = null;
afterEach(() => remove?.());

function host() {
  const t = tempTree({
    "app/data/vigil.db": "DB",
    "app/data/auth-secret": "SECRET",
    "app/data/local-demo/app.conf": "demo\n",
    "srv/site.conf": "site\n",
    "outside/a/secret.txt": "outside\n",
  });
  remove = t.remove;
  fs.symlinkSync(t.path("outside/a"), t.path("srv/out-dir"));
  fs.symlinkSync(t.path("app/data"), t.path("srv/data-dir"));
  const policy = hostReadPolicy({ VIGIL_LOCAL_ALLOW: `${t.path("srv")}:${t.path("app")}` }, t.path("app"));
  return { t, guard: hostGuard(policy) };
}

describe("hostGuard in scanLocalFiles", () => {
  it("follows no link out of the allow-list nor into the data folder, and says why for each", async () => {
    const { t, guard } = host();
    const r = rule(t.path("srv"), { links: "FOLLOW", recursion: true, uploadContent: true });
    const { entries, errors, contents } = await scanLocalFiles([r], { guard });
    // The allowed folder itself is an item (folders are); the links out of the allow-list are refused, not recorded.
    expect(entries.map((e) => path.relative(t.root, e.itemKey))).toEqual(["srv", "srv/site.conf"]);
    expect([...contents.values()].map((c) => Buffer.from(c).toString())).toEqual(["site\n"]);
    expect(
      errors.map((e) => [path.relative(t.root, e.path!), e.message.match(/outside the folders|Vigil's own data/)?.[0]]).sort(),
    ).toEqual([
      ["srv/data-dir", "Vigil's own data"],
      ["srv/out-dir", "outside the folders"],
    ]);
  });

  it("never enters the data folder inside an allowed folder; its demo folder is scanned by a rule of its own", async () => {
    const { t, guard } = host();
    const whole = await scanLocalFiles([rule(t.path("app"), { recursion: true, uploadContent: true })], { guard });
    expect(whole.entries.map((e) => path.relative(t.root, e.itemKey))).toEqual(["app"]);
    expect(whole.errors).toEqual([{ entityId: "ent-1", path: t.path("app/data"), message: expect.stringMatching(/Vigil's own data/) }]);
    const demo = await scanLocalFiles([rule(t.path("app/data/local-demo"), { uploadContent: true })], { guard });
    expect(demo.entries.map((e) => path.relative(t.root, e.itemKey))).toEqual(["app/data/local-demo", "app/data/local-demo/app.conf"]);
    expect(demo.contents.size).toBe(1);
  });

  it("reads nothing of a rule outside the allow-list; a recommended rule is hashed without content", async () => {
    const { t, guard } = host();
    const outside = await scanLocalFiles([rule(t.path("outside/a"), { entityId: "x", uploadContent: true })], { guard });
    expect(outside.entries).toEqual([]);
    expect(outside.errors).toEqual([{ entityId: "x", path: t.path("outside/a"), message: expect.stringMatching(/outside the folders/) }]);
    const recommended = rule("/etc/*.conf", { pathType: "FILE", recursion: false, links: "FOLLOW", uploadContent: true });
    const { entries, contents, errors } = await scanLocalFiles([recommended], { guard });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.contentSha256 === null)).toBe(true);
    expect(entries.some((e) => e.sha256 !== null)).toBe(true);
    expect(contents.size).toBe(0);
    expect(errors.filter((e) => /File content is not uploaded for \/etc\/\*\.conf/.test(e.message))).toHaveLength(1);
  });
});
