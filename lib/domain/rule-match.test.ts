import { describe, expect, it } from "vitest";
import { linuxRuleCovers, linuxRulePrefix, type LinuxRuleShape } from "./rule-match";

const rule = (path: string, over: Partial<LinuxRuleShape> = {}): LinuxRuleShape => ({ path, pathType: "FILE", recursion: false, ...over });
const covered = (r: LinuxRuleShape, keys: string[]) => keys.filter((k) => linuxRuleCovers(r, k));

const KEYS = [
  "/etc/passwd",
  "/etc/app.conf",
  "/etc/ssh/sshd_config",
  "/etc/ssh/ssh.conf",
  "/etc/cron.d/job",
  "/etc/cron.d/deep/job",
  "/etc/cron.daily/logrotate",
  "/etc/cron.conf",
  "/etcetera/x.conf",
];

describe("linuxRuleCovers", () => {
  it("a file without wildcard is that file only", () => {
    expect(covered(rule("/etc/passwd"), KEYS)).toEqual(["/etc/passwd"]);
  });

  it("a wildcard matches names in its folder, and in subfolders with Recursion", () => {
    expect(covered(rule("/etc/*.conf"), KEYS)).toEqual(["/etc/app.conf", "/etc/cron.conf"]);
    expect(covered(rule("/etc/*.conf", { recursion: true }), KEYS)).toEqual(["/etc/app.conf", "/etc/ssh/ssh.conf", "/etc/cron.conf"]);
  });

  it("a directory covers its files, and its whole subtree with Recursion, never a sibling with the same prefix", () => {
    expect(covered(rule("/etc/ssh", { pathType: "DIRECTORY" }), KEYS)).toEqual(["/etc/ssh/sshd_config", "/etc/ssh/ssh.conf"]);
    expect(covered(rule("/etc", { pathType: "DIRECTORY" }), KEYS)).toEqual(["/etc/passwd", "/etc/app.conf", "/etc/cron.conf"]);
    expect(covered(rule("/etc", { pathType: "DIRECTORY", recursion: true }), KEYS)).toHaveLength(8);
  });

  it("a directory wildcard covers matching files and the files of matching folders (below them with Recursion)", () => {
    expect(covered(rule("/etc/cron.*", { pathType: "DIRECTORY" }), KEYS)).toEqual([
      "/etc/cron.d/job",
      "/etc/cron.daily/logrotate",
      "/etc/cron.conf",
    ]);
    expect(covered(rule("/etc/cron.*", { pathType: "DIRECTORY", recursion: true }), KEYS)).toEqual([
      "/etc/cron.d/job",
      "/etc/cron.d/deep/job",
      "/etc/cron.daily/logrotate",
      "/etc/cron.conf",
    ]);
  });

  it("gives the prefix an inventory query can start from", () => {
    expect(linuxRulePrefix(rule("/etc/passwd"))).toEqual({ exact: "/etc/passwd" });
    expect(linuxRulePrefix(rule("/etc/*.conf"))).toEqual({ prefix: "/etc/" });
    expect(linuxRulePrefix(rule("/etc/ssh", { pathType: "DIRECTORY" }))).toEqual({ prefix: "/etc/ssh/" });
    expect(linuxRulePrefix(rule("/*.conf"))).toEqual({ prefix: "/" });
  });
});
