import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkLinuxRule, type LinuxRule, type WalkLimits } from "./preview-walk";

let root: string;
const LIMITS: WalkLimits = { maxEntries: 10_000, budgetMs: 5_000, sampleSize: 20 };
const rule = (p: string, extra: Partial<LinuxRule> = {}): LinuxRule => ({
  path: `${root}${p}`,
  pathType: "FILE",
  recursion: false,
  links: "FOLLOW",
  ...extra,
});
const rel = (paths: string[]) => paths.map((p) => p.slice(root.length));

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-walk-"));
  const files = [
    "etc/a.conf",
    "etc/b.conf",
    "etc/hosts",
    "etc/sub/c.conf",
    "etc/sub/deep/d.conf",
    "cron.daily/job1",
    "cron.weekly/job2",
    "cron.weekly/nested/job3",
    "other/x.conf",
  ];
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), f);
  }
  fs.symlinkSync(path.join(root, "other/x.conf"), path.join(root, "etc/link.conf"));
  fs.symlinkSync(path.join(root, "other"), path.join(root, "etc/linked-dir"));
  fs.symlinkSync(path.join(root, "etc"), path.join(root, "etc/sub/loop")); // a cycle back up
  fs.symlinkSync(path.join(root, "missing"), path.join(root, "etc/dangling.conf"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("walkLinuxRule", () => {
  it("matches one file, and explains a folder or a missing path", async () => {
    expect(await walkLinuxRule(rule("/etc/hosts"), LIMITS)).toMatchObject({ count: 1, notes: [] });
    expect((await walkLinuxRule(rule("/etc"), LIMITS)).notes[0]).toMatch(/is a folder: choose Path Type Directory/);
    expect((await walkLinuxRule(rule("/etc/nope"), LIMITS)).notes[0]).toMatch(
      /does not exist on this host now; when it appears, the scanner reports it Added/,
    );
  });

  it("matches a last-segment wildcard in one folder, or below it with Recursion", async () => {
    const flat = await walkLinuxRule(rule("/etc/*.conf"), LIMITS);
    expect(rel(flat.sample)).toEqual(["/etc/a.conf", "/etc/b.conf", "/etc/link.conf"]);
    const deep = await walkLinuxRule(rule("/etc/*.conf", { recursion: true }), LIMITS);
    // The loop back to /etc is entered once; the linked folder /other is followed.
    expect(rel(deep.sample)).toEqual([
      "/etc/a.conf",
      "/etc/b.conf",
      "/etc/link.conf",
      "/etc/linked-dir/x.conf",
      "/etc/sub/c.conf",
      "/etc/sub/deep/d.conf",
    ]);
  });

  it("applies Links: Ignore skips links, Manage counts the link itself without following it", async () => {
    expect(rel((await walkLinuxRule(rule("/etc/*.conf", { links: "IGNORE" }), LIMITS)).sample)).toEqual(["/etc/a.conf", "/etc/b.conf"]);
    expect(rel((await walkLinuxRule(rule("/etc/*.conf", { links: "MANAGE" }), LIMITS)).sample)).toEqual([
      "/etc/a.conf",
      "/etc/b.conf",
      "/etc/dangling.conf",
      "/etc/link.conf",
    ]);
  });

  it("counts the files of a directory, of its subtree with Recursion, and of directories matching a wildcard", async () => {
    expect((await walkLinuxRule(rule("/cron.weekly", { pathType: "DIRECTORY" }), LIMITS)).count).toBe(1);
    expect((await walkLinuxRule(rule("/cron.weekly", { pathType: "DIRECTORY", recursion: true }), LIMITS)).count).toBe(2);
    expect(rel((await walkLinuxRule(rule("/cron.*", { pathType: "DIRECTORY" }), LIMITS)).sample)).toEqual([
      "/cron.daily/job1",
      "/cron.weekly/job2",
    ]);
  });

  it("stops after the entry budget or the time budget and says so", async () => {
    const few = await walkLinuxRule(rule("/etc/*", { recursion: true }), { ...LIMITS, maxEntries: 3 });
    expect(few.truncatedReason).toBe("stopped after looking at 3 entries");
    expect(few.count).toBeLessThanOrEqual(3);
    let clock = 0;
    const slow = await walkLinuxRule(rule("/etc/*", { recursion: true }), { ...LIMITS, budgetMs: 1_000, now: () => (clock += 400) });
    expect(slow.truncatedReason).toBe("stopped after 1 s");
  });

  it("keeps at most the sample size of paths while counting them all", async () => {
    const res = await walkLinuxRule(rule("/etc/*", { recursion: true }), { ...LIMITS, sampleSize: 2 });
    expect(res.sample).toHaveLength(2);
    expect(res.count).toBeGreaterThan(2);
  });

  it("lists and counts nothing its guard refuses, judged on real paths (links resolved)", async () => {
    const real = fs.realpathSync(root);
    const guard = (p: string) => !p.startsWith(`${real}/other`) && !p.startsWith(`${real}/etc/sub`);
    const res = await walkLinuxRule(rule("/etc/*.conf", { recursion: true }), LIMITS, guard);
    expect(rel(res.sample)).toEqual(["/etc/a.conf", "/etc/b.conf"]);
    // etc/link.conf and etc/linked-dir lead into other/, etc/sub is refused itself.
    expect(res.refused).toBe(3);
    const one = await walkLinuxRule(rule("/etc/link.conf"), LIMITS, guard);
    expect(one).toMatchObject({ count: 0, refused: 1 });
  });

  it("never walks into /proc or /sys", async () => {
    const res = await walkLinuxRule({ path: "/proc", pathType: "DIRECTORY", recursion: true, links: "FOLLOW" }, LIMITS);
    expect(res.count).toBe(0);
  });
});
