import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decideRule, hostReadPolicy, isAllowed, isProtected, realOf, type HostRule } from "./read-policy";

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "vigil-policy-")));
const cwd = path.join(root, "app");
fs.mkdirSync(path.join(cwd, "data", "local-demo"), { recursive: true });
fs.writeFileSync(path.join(cwd, "data", "auth-secret"), "s");
fs.writeFileSync(path.join(cwd, ".env"), "BETTER_AUTH_SECRET=s");
fs.mkdirSync(path.join(root, "srv"));
fs.symlinkSync(path.join(cwd, "data"), path.join(root, "srv", "data-link"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const rule = (p: string, over: Partial<HostRule> = {}): HostRule => ({
  path: p,
  pathType: "FILE",
  recursion: false,
  links: "FOLLOW",
  uploadContent: false,
  ...over,
});

describe("hostReadPolicy", () => {
  it("allows only the demo folder by default, and never Vigil's data, its .env or its database", () => {
    const policy = hostReadPolicy({}, cwd);
    expect(policy).toMatchObject({ shown: [path.join(cwd, "data", "local-demo")], source: "the default" });
    expect(isAllowed(policy, path.join(cwd, "data", "local-demo", "app.conf"))).toBe(true);
    expect(isProtected(policy, path.join(cwd, "data", "vigil.db"))).toBe(true);
    expect(isProtected(policy, path.join(cwd, "data", "local-demo", "app.conf"))).toBe(false);
    expect(isProtected(policy, path.join(cwd, ".env"))).toBe(true);
    expect(isAllowed(policy, path.join(root, "srv", "x"))).toBe(false);
  });

  it("reads the allow-list from VIGIL_LOCAL_ALLOW and a file, and protects a database named by DATABASE_URL", () => {
    const list = path.join(root, "allow.txt");
    fs.writeFileSync(list, `# operator's list\n${root}/srv\n\n`);
    const policy = hostReadPolicy(
      { VIGIL_LOCAL_ALLOW: "/opt/a:", VIGIL_LOCAL_ALLOW_FILE: list, DATABASE_URL: `file:${root}/srv/v.db` },
      cwd,
    );
    expect(policy.shown).toEqual(["/opt/a", `${root}/srv`]);
    expect(policy.source).toBe(`VIGIL_LOCAL_ALLOW and ${list}`);
    expect(isAllowed(policy, `${root}/srv/app.conf`)).toBe(true);
    expect(isAllowed(policy, `${root}/srv/v.db-wal`)).toBe(false);
    expect(isAllowed(policy, `${root}/srvx/app.conf`)).toBe(false);
    expect(hostReadPolicy({ VIGIL_LOCAL_ALLOW_FILE: `${root}/missing` }, cwd).allowed).toEqual([]);
  });

  it("decides on real paths: a link into the data folder is the data folder, even allow-listed", () => {
    const policy = hostReadPolicy({ VIGIL_LOCAL_ALLOW: `${root}/srv` }, cwd);
    expect(realOf(`${root}/srv/data-link/auth-secret`)).toBe(path.join(cwd, "data", "auth-secret"));
    expect(decideRule(policy, rule(`${root}/srv/data-link/*`))).toMatchObject({
      read: false,
      reason: expect.stringMatching(/Vigil's own data/),
    });
    expect(decideRule(policy, rule(`${root}/srv/new/*.conf`, { uploadContent: true }))).toMatchObject({ read: true, upload: true });
  });

  it("reads the recommended Linux files anywhere for their hash, but uploads nothing outside the allow-list", () => {
    const policy = hostReadPolicy({}, cwd);
    expect(decideRule(policy, rule("/etc/*.conf", { uploadContent: true }))).toMatchObject({
      read: true,
      upload: false,
      allowListed: false,
      reason: expect.stringMatching(/File content is not uploaded for \/etc\/\*\.conf/),
    });
    // The same path shaped otherwise is a tenant's rule, not the recommended one.
    expect(decideRule(policy, rule("/etc/*.conf", { recursion: true }))).toMatchObject({
      read: false,
      reason: expect.stringMatching(/outside the folders/),
    });
    expect(decideRule(policy, rule("/etc/shadow"))).toMatchObject({ read: false });
  });
});
