import { describe, expect, it } from "vitest";
import { type ChangeDraft, diffInventories } from "@/lib/domain/diff";
import type { ChangeType } from "@/lib/domain/types";
import { DEMO_FLEET, RECOMMENDED_SIM_ENTITIES } from "./fleet-fixture";
import { SIM_EPOCH, simulateScan } from "./index";
import { simulatedMachine } from "./machine";
import type { SimMachine } from "./profile";
import { entity } from "./test-helpers";
import { EFFECT_NAMES } from "./timeline";

const DAY = 86_400_000;
const fleet = new Map(DEMO_FLEET.flatMap((w) => w.machines).map((m) => [m.name, m]));
const at = (name: string) => fleet.get(name)!;

const LINUX = [
  ...RECOMMENDED_SIM_ENTITIES,
  ...["/etc/passwd", "/etc/group", "/etc/hosts", "/etc/sudoers"].map((p) => entity("FILE_CONTENT", p)),
  entity("LINUX_FILE", "/etc/ssh", { pathType: "DIRECTORY", recursion: true, uploadContent: true }),
  entity("LINUX_FILE", "/etc/apt", { pathType: "DIRECTORY", recursion: true, uploadContent: true }),
  entity("LINUX_FILE", "/etc/*.conf", { uploadContent: true }),
];
const WINDOWS = [
  ...RECOMMENDED_SIM_ENTITIES,
  entity("WINDOWS_FILE", "%windir%\\System32\\*.exe"),
  entity("FILE_CONTENT", "%windir%\\System32\\drivers\\etc\\hosts"),
  entity("WINDOWS_FILE", "%PUBLIC%\\*.*"),
  entity("WINDOWS_FILE", "%windir%\\PSEXESVC.exe"),
  entity("FILE_CONTENT", "%windir%\\System32\\inetsrv\\config\\applicationHost.config"),
  entity("FILE_CONTENT", "C:\\inetpub\\wwwroot\\web.config"),
  entity("WINDOWS_SERVICE", "*"),
];

interface Found {
  machine: SimMachine;
  t: number;
  changes: ChangeDraft[];
  before: ReturnType<typeof simulateScan>;
  after: ReturnType<typeof simulateScan>;
}

/** The first occurrence of an effect (on the given machines, within `days` of the epoch) that changes what a scan finds. */
function firstChange(
  effect: string,
  changeType: ChangeType,
  machines: string[],
  days = 330,
  accept: (c: ChangeDraft[]) => boolean = (c) => c.length > 0,
): Found {
  for (const name of machines) {
    const m = at(name);
    const entities = m.osFamily === "LINUX" ? LINUX : WINDOWS;
    for (const t of simulatedMachine(m).timeline.instantsOf(effect, SIM_EPOCH, SIM_EPOCH + days * DAY)) {
      const before = simulateScan(m, entities, changeType, new Date(t - 1));
      const after = simulateScan(m, entities, changeType, new Date(t));
      const changes = diffInventories(before.entries, after.entries);
      if (accept(changes)) return { machine: m, t, changes, before, after };
    }
  }
  throw new Error(`no visible ${effect} on ${machines.join(", ")}`);
}

const only = (changes: ChangeDraft[], category: string) => changes.filter((c) => c.category === category);
const text = (scan: ReturnType<typeof simulateScan>, sha: string | null) => new TextDecoder().decode(scan.contents.get(sha!));

type Case = [effect: string, changeType: ChangeType, machines: string[], check: (f: Found) => void, accept?: (c: ChangeDraft[]) => boolean];

const CASES: Case[] = [
  [
    "upgrade",
    "Files",
    ["web-eus-01", "api-eus-01"],
    ({ changes }) => {
      const bin = changes.filter((c) => c.target.startsWith("/usr/bin/") || c.target.startsWith("/usr/sbin/"));
      expect(bin.length).toBeGreaterThan(0);
      for (const c of bin) {
        expect(c.category).toBe("Modified");
        expect(c.fieldsChanged).toEqual(expect.arrayContaining(["FileContentChecksum", "DateCreated", "Inode"]));
        // Seen twice: /bin and /sbin are links to the /usr folders.
        expect(changes.some((d) => d.target === c.target.replace("/usr", ""))).toBe(true);
      }
    },
  ],
  [
    "upgrade",
    "Files",
    ["web-eus-01"],
    ({ changes }) => {
      // A kernel update: the new kernel's files appear, the oldest kernel's go, the boot links move.
      expect(only(changes, "Added").map((c) => c.target)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/boot\/vmlinuz-\d/), expect.stringMatching(/^\/boot\/initrd\.img-\d/)]),
      );
      expect(only(changes, "Removed").map((c) => c.target)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/boot\/vmlinuz-\d/)]));
      expect(changes.find((c) => c.target === "/boot/vmlinuz")?.category).toBe("Modified");
    },
    (c) => c.some((x) => x.target.startsWith("/boot/vmlinuz-") && x.category === "Added"),
  ],
  [
    "resolv-rewrite",
    "Files",
    ["api-eus-01"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          target: "/etc/resolv.conf",
          category: "Modified",
          fieldsChanged: ["DateCreated", "DateModified", "Inode"],
        }),
      ]);
    },
  ],
  [
    "deploy",
    "Files",
    ["web-eus-01"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          target: "/usr/local/bin/contoso-web",
          category: "Modified",
          fieldsChanged: expect.arrayContaining(["FileContentChecksum", "DateModified"]),
        }),
      ]);
    },
  ],
  [
    "conf-edit",
    "Files",
    ["bastion-eus-01", "web-eus-01"],
    ({ changes, before, after }) => {
      expect(changes).toHaveLength(1);
      const [c] = changes;
      expect(c.target).toMatch(/^\/etc\//);
      expect(c.fieldsChanged).toEqual(expect.arrayContaining(["FileContentChecksum", "DateModified"]));
      const a = text(before, c.previousContentSha256).split("\n");
      const b = text(after, c.contentSha256).split("\n");
      expect(a.filter((l) => !b.includes(l)).length + b.filter((l) => !a.includes(l)).length).toBeLessThanOrEqual(2);
    },
  ],
  [
    "crontab-edit",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ target: "/etc/crontab", category: "Modified" })]),
  ],
  [
    "hosts-edit",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          target: "/etc/hosts",
          category: "Modified",
          fieldsChanged: expect.arrayContaining(["FileContentChecksum", "Inode"]),
        }),
      ]);
    },
  ],
  [
    "win-hosts-edit",
    "Files",
    ["dc-eus-01", "dc-eus-02", "sql-eus-01", "iis-eus-01"],
    ({ changes, after }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          target: "C:\\Windows\\System32\\drivers\\etc\\hosts",
          category: "Modified",
          fieldsChanged: expect.arrayContaining(["FileContentChecksum", "DateModified"]),
        }),
      ]);
      expect(text(after, changes[0].contentSha256)).toContain("# Copyright (c) 1993-2009 Microsoft Corp.");
    },
  ],
  [
    "sudoers-edit",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "bastion-eus-01", "kafka-eus-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ target: "/etc/sudoers", category: "Modified" })]),
  ],
  [
    "cron-add",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes }) =>
      expect(changes).toEqual([
        expect.objectContaining({ target: expect.stringMatching(/^\/etc\/cron\.(hourly|daily|weekly|monthly)\//), category: "Added" }),
      ]),
  ],
  [
    "cron-remove",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes }) =>
      expect(changes).toEqual([expect.objectContaining({ target: expect.stringMatching(/^\/etc\/cron\./), category: "Removed" })]),
  ],
  [
    "malware-add",
    "Files",
    ["ci-wus2-01"],
    ({ changes }) => {
      const added = only(changes, "Added").map((c) => c.target);
      expect(added).toContain("/etc/cron.hourly/gcc.sh");
      const bot = added.find((t) => /^\/usr\/bin\/[a-z]{10}$/.test(t))!;
      expect(added).toEqual(expect.arrayContaining([bot.replace("/usr", ""), `/etc/init.d/${bot.slice(9)}`]));
    },
  ],
  [
    "malware-remove",
    "Files",
    ["ci-wus2-01"],
    ({ changes }) => {
      expect(changes.every((c) => c.category === "Removed")).toBe(true);
      expect(changes.map((c) => c.target)).toContain("/etc/cron.hourly/gcc.sh");
    },
  ],
  [
    "chmod-loosen",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"],
    ({ changes }) => {
      for (const c of changes) {
        expect(c).toMatchObject({ category: "Modified", acls: expect.stringMatching(/^-rwxrwxrwx /) });
        expect(c.fieldsChanged).toEqual(["Acls", "DateCreated"]);
      }
    },
  ],
  [
    "setcap",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"],
    ({ changes }) => {
      // One binary; on merged-/usr machines it is seen through /bin as well.
      expect(new Set(changes.map((c) => c.name)).size).toBe(1);
      for (const c of changes) {
        expect(c).toMatchObject({ category: "Modified", capabilities: "cap_setuid=ep", previousCapabilities: null });
        expect(c.fieldsChanged).toEqual(["DateCreated", "Capabilities"]);
      }
    },
  ],
  [
    "folder-open",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"],
    ({ changes }) => {
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ category: "Modified", fileType: "directory", acls: expect.stringMatching(/^drwxrwxrwx /) });
      expect(changes[0].fieldsChanged).toEqual(["Acls"]);
    },
  ],
  [
    "folder-close",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"],
    ({ changes }) => {
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        previousAcls: expect.stringMatching(/^drwxrwxrwx /),
        acls: expect.stringMatching(/^drwxr-xr-x /),
      });
    },
  ],
  [
    "file-remove",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"],
    ({ changes }) => {
      expect(changes.every((c) => c.category === "Removed")).toBe(true);
      expect(changes.map((c) => c.target)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/usr\/bin\//), expect.stringMatching(/^\/bin\//)]),
      );
    },
  ],
  [
    "account-add",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes, after }) => {
      const passwd = changes.find((c) => c.target === "/etc/passwd")!;
      expect(passwd.category).toBe("Modified");
      expect(text(after, passwd.contentSha256)).toMatch(/^(deploy|backup-svc|sysadm):x:/m);
    },
  ],
  [
    "account-remove",
    "Files",
    ["web-eus-01", "api-eus-01", "web-eus-02"],
    ({ changes }) => expect(changes.map((c) => c.target)).toContain("/etc/passwd"),
  ],

  [
    "cu-install",
    "Files",
    ["dc-eus-01"],
    ({ changes }) => {
      const exe = changes.filter((c) => c.target.startsWith("C:\\Windows\\System32\\"));
      expect(exe.length).toBeGreaterThan(10);
      for (const c of exe) expect(c.fieldsChanged).toEqual(expect.arrayContaining(["FileContentChecksum", "DateModified"]));
    },
  ],
  [
    "patch-services-start",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) => {
      expect(changes.find((c) => c.target === "TrustedInstaller")).toMatchObject({
        svcState: "Running",
        svcPreviousState: "Stopped",
        fieldsChanged: ["SvcState"],
      });
    },
  ],
  [
    "patch-services-stop",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) => expect(changes.find((c) => c.target === "TrustedInstaller")).toMatchObject({ svcState: "Stopped" }),
  ],
  [
    "logon",
    "Registry",
    ["dc-eus-01", "rds-weu-01"],
    ({ changes }) => {
      const hives = only(changes, "Added").filter((c) => c.registryKey?.endsWith("\\hivelist"));
      expect(hives.map((c) => c.valueName)).toEqual([
        expect.stringMatching(/^\\REGISTRY\\USER\\S-1-5-21-[\d-]+$/),
        expect.stringMatching(/_Classes$/),
      ]);
      expect(hives[0].valueData).toMatch(/^\\\?\?\\C:\\Users\\.+\\NTUSER\.DAT$/);
    },
    (c) => c.some((x) => x.category === "Added"),
  ],
  [
    "logoff",
    "Registry",
    ["dc-eus-01", "rds-weu-01"],
    ({ changes }) => {
      expect(changes.find((c) => c.valueName === "LastLogOffEndTimePerfCounter")).toMatchObject({
        category: "Modified",
        valueType: "REG_QWORD",
        fieldsChanged: ["ValueData"],
      });
    },
  ],
  [
    "apphive-load",
    "Registry",
    ["dc-eus-01"],
    ({ changes }) =>
      expect(changes).toEqual([
        expect.objectContaining({ category: "Added", valueName: expect.stringMatching(/^\\REGISTRY\\A\\\{[0-9A-F-]{36}\}$/) }),
      ]),
  ],
  [
    "apphive-unload",
    "Registry",
    ["dc-eus-01"],
    ({ changes }) =>
      expect(changes).toEqual([expect.objectContaining({ category: "Removed", valueName: expect.stringMatching(/^\\REGISTRY\\A\\/) })]),
  ],
  [
    "runkey-add",
    "Registry",
    ["dc-eus-01", "lab-onprem-01"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          category: "Added",
          target: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater",
          valueData: '"C:\\Users\\Public\\updater.exe" /silent',
        }),
      ]);
    },
  ],
  [
    "runkey-remove",
    "Registry",
    ["dc-eus-01", "lab-onprem-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Removed", name: "Updater" })]),
  ],
  [
    "dropper-add",
    "Files",
    ["dc-eus-01", "lab-onprem-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Added", target: "C:\\Users\\Public\\updater.exe" })]),
  ],
  [
    "dropper-remove",
    "Files",
    ["dc-eus-01", "lab-onprem-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Removed", target: "C:\\Users\\Public\\updater.exe" })]),
  ],
  [
    "userinit-tamper",
    "Registry",
    ["dc-weu-01"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          category: "Modified",
          name: "Userinit",
          previousValueData: "C:\\Windows\\system32\\userinit.exe,",
          valueData: expect.stringContaining("svchost32.exe"),
        }),
      ]);
    },
  ],
  [
    "userinit-restore",
    "Registry",
    ["dc-weu-01"],
    ({ changes }) =>
      expect(changes).toEqual([expect.objectContaining({ name: "Userinit", valueData: "C:\\Windows\\system32\\userinit.exe," })]),
  ],
  [
    "firewall-off",
    "Registry",
    ["dc-eus-01", "dc-eus-02", "sql-eus-01"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          category: "Modified",
          name: "EnableFirewall",
          valueType: "REG_DWORD",
          valueData: "0",
          previousValueData: "1",
          fieldsChanged: ["ValueData"],
        }),
      ]);
    },
  ],
  [
    "firewall-on",
    "Registry",
    ["dc-eus-01", "dc-eus-02", "sql-eus-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ name: "EnableFirewall", valueData: "1" })]),
  ],
  [
    "svc-start",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) =>
      expect(changes).toEqual([
        expect.objectContaining({ category: "Modified", svcState: "Running", svcPreviousState: "Stopped", fieldsChanged: ["SvcState"] }),
      ]),
  ],
  [
    "svc-stop",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ svcState: "Stopped", svcPreviousState: "Running" })]),
  ],
  [
    "svc-auto",
    "WindowsServices",
    ["dc-eus-01", "dc-eus-02", "sql-eus-01", "iis-eus-01", "iis-eus-02"],
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({
          category: "Modified",
          svcStartupType: "Auto",
          fieldsChanged: expect.arrayContaining(["SvcStartupType"]),
        }),
      ]);
      expect(["Manual", "Disabled"]).toContain(changes[0].svcPreviousStartupType);
    },
  ],
  [
    "svc-revert",
    "WindowsServices",
    ["dc-eus-01", "dc-eus-02", "sql-eus-01", "iis-eus-01", "iis-eus-02"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ svcPreviousStartupType: "Auto" })]),
  ],
  [
    "psexec-add",
    "WindowsServices",
    ["dc-eus-01", "dc-eus-02"],
    ({ changes }) =>
      expect(changes).toEqual([expect.objectContaining({ category: "Added", target: "PSEXESVC", svcPath: "%SystemRoot%\\PSEXESVC.exe" })]),
  ],
  [
    "psexec-remove",
    "WindowsServices",
    ["dc-eus-01", "dc-eus-02"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Removed", target: "PSEXESVC" })]),
  ],
  [
    "psexec-file-add",
    "Files",
    ["dc-eus-01", "dc-eus-02"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Added", target: "C:\\Windows\\PSEXESVC.exe" })]),
  ],
  [
    "psexec-file-remove",
    "Files",
    ["dc-eus-01", "dc-eus-02"],
    ({ changes }) => expect(changes).toEqual([expect.objectContaining({ category: "Removed", target: "C:\\Windows\\PSEXESVC.exe" })]),
  ],
  [
    "sysmon-install",
    "WindowsServices",
    [...fleet.values()].filter((m) => m.osFamily === "WINDOWS").map((m) => m.name),
    ({ changes }) => {
      expect(only(changes, "Added").map((c) => c.target)).toEqual(["Sysmon64", "SysmonDrv"]);
    },
  ],
  [
    "defender-update",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) => {
      const wd = changes.find((c) => c.target === "WinDefend")!;
      expect(wd).toMatchObject({ category: "Modified", fieldsChanged: ["SvcPath"] });
      expect(wd.svcPath).not.toBe(wd.svcPreviousPath);
    },
  ],
  [
    "guest-agent-update",
    "WindowsServices",
    ["dc-eus-01"],
    ({ changes }) => {
      expect(changes.find((c) => c.target === "WindowsAzureGuestAgent")).toMatchObject({
        fieldsChanged: ["SvcPath"],
        svcPath: expect.stringMatching(/GuestAgent_2\.7\.41491\.\d+_\d{4}-\d\d-\d\d_/),
      });
    },
  ],
  [
    "iis-config-edit",
    "Files",
    ["iis-eus-01", "iis-eus-02"],
    ({ changes, after }) => {
      expect(changes).toEqual([
        expect.objectContaining({ category: "Modified", target: expect.stringMatching(/(applicationHost|web)\.config$/) }),
      ]);
      expect(text(after, changes[0].contentSha256)).toContain("<configuration>");
    },
  ],
  [
    "acl-loosen",
    "Files",
    [...fleet.values()].filter((m) => m.osFamily === "WINDOWS").map((m) => m.name),
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({ category: "Modified", fieldsChanged: ["Acls"], acls: expect.stringContaining("Everyone:(F)") }),
      ]);
    },
  ],
  [
    "acl-restore",
    "Files",
    [...fleet.values()].filter((m) => m.osFamily === "WINDOWS").map((m) => m.name),
    ({ changes }) => {
      expect(changes).toEqual([
        expect.objectContaining({ fieldsChanged: ["Acls"], previousAcls: expect.stringContaining("Everyone:(F)") }),
      ]);
    },
  ],
];

describe("activity model", () => {
  it("has a test case for every kind of event", () => {
    expect(new Set(CASES.map(([e]) => e))).toEqual(new Set(EFFECT_NAMES));
  });

  it.each(CASES.map((c, i) => [`${c[0]} (${i})`, c] as const))(
    "%s shows up as the expected change",
    (_, [effect, changeType, machines, check, accept]) => {
      const found = firstChange(effect, changeType, machines, effect === "sysmon-install" ? 520 : 330, accept);
      check(found);
      // Every change carries the entity that tracks the item.
      expect(found.changes.every((c) => c.entityId !== null)).toBe(true);
    },
  );
});
