import "server-only";
import { commitScan } from "../ingest/commit-scan";
import crypto from "node:crypto";
import type { InventoryEntry } from "@/lib/domain/diff";
import type { ChangeType, EntityKind } from "@/lib/domain/types";
import type { Db } from "../db";
import { withDefaultRule } from "../rules/defaults";

/** Writers of bulk fixtures share SQLite with other writers: a busy database is waited out a few more times. */
const BULK_ATTEMPTS = { attempts: 8 };

// A small workspace with known changes at known times, written through commitScan: the dashboard's tests (int and
// e2e) check the numbers and the details against it. Machines are REMOTE agents, so the scanner leaves them alone.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const SSHD_BEFORE = "Port 22\nPermitRootLogin no\nPasswordAuthentication no\nX11Forwarding no\n";
export const SSHD_AFTER = "Port 22\nPermitRootLogin yes\nPasswordAuthentication no\nX11Forwarding no\nAllowUsers eve\n";
const sha = (text: string) => crypto.createHash("sha256").update(text).digest("hex");
export const SSHD_BEFORE_SHA = sha(SSHD_BEFORE);
export const SSHD_AFTER_SHA = sha(SSHD_AFTER);
export const RUN_KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
export const HOSTS = "C:\\Windows\\System32\\drivers\\etc\\hosts";

type EntitySpec = { key: string; kind: EntityKind; itemName: string; path: string; uploadContent?: boolean };
const ENTITIES: EntitySpec[] = [
  { key: "sshd", kind: "LINUX_FILE", itemName: "sshd config", path: "/etc/ssh/sshd_config", uploadContent: true },
  { key: "conf", kind: "LINUX_FILE", itemName: "etc conf files", path: "/etc/*.conf" },
  { key: "hosts", kind: "WINDOWS_FILE", itemName: "hosts", path: HOSTS },
  { key: "run", kind: "WINDOWS_REGISTRY", itemName: "Run", path: RUN_KEY },
  { key: "svc", kind: "WINDOWS_SERVICE", itemName: "Windows Update", path: "wuauserv" },
];

export type DashboardFixture = {
  workspaceId: string;
  machines: { web: string; dc: string; idle: string };
  /** Change ids by what they are. */
  changes: { sshd: string; newConf: string; hosts: string; ntpRemoved: string; service: string; runAdded: string; old: string };
};

const file = (path: string, entityId: string, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
  changeType: "Files",
  itemKey: path,
  entityId,
  size: 120n,
  sha256: sha(path),
  acls: "root:rw-,root:r--,other:r--",
  attributes: "-rw-r--r--",
  inode: 1000n,
  dateCreated: new Date("2025-01-10T08:00:00Z"),
  dateModified: new Date("2025-06-01T08:00:00Z"),
  ...over,
});

/** Creates the workspace (FIM enabled) in the subscription, its machines, entities and history; returns the ids. */
export async function seedDashboardFixture(db: Db, subscriptionId: string, name: string, now = new Date()): Promise<DashboardFixture> {
  const ws = await db.workspace.create({
    data: {
      subscriptionId,
      name,
      resourceGroup: "rg-fim-tests",
      location: "West US 2",
      fimEnabled: true,
      fimEnabledAt: new Date(now.getTime() - 50 * DAY),
      ...withDefaultRule,
    },
  });
  const machine = (n: string, os: "WINDOWS" | "LINUX") =>
    db.machine.create({
      data: {
        workspaceId: ws.id,
        name: n,
        osFamily: os,
        osVersion: os === "LINUX" ? "Ubuntu 22.04 LTS" : "Windows Server 2022 Datacenter",
        source: "AZURE_VM",
        agentKind: "REMOTE",
      },
    });
  const web = await machine("web-fim-01", "LINUX");
  const dc = await machine("dc-fim-01", "WINDOWS");
  const idle = await machine("idle-fim-01", "WINDOWS");
  const ent: Record<string, string> = {};
  for (const e of ENTITIES) {
    const row = await db.trackedEntity.create({
      data: {
        workspaceId: ws.id,
        kind: e.kind,
        itemName: e.itemName,
        path: e.path,
        uploadContent: e.uploadContent ?? false,
        pathType: e.kind.endsWith("FILE") ? "FILE" : null,
      },
    });
    ent[e.key] = row.id;
  }

  let seq = 0;
  const scan = async (
    machineId: string,
    changeType: ChangeType,
    entityIds: string[],
    entries: InventoryEntry[],
    at: Date,
    contents?: Map<string, Uint8Array>,
  ) => {
    const scanId = `fixture-${ws.id}-${seq++}`;
    await commitScan(
      db,
      {
        scanId,
        machineId,
        changeType,
        startedAt: new Date(at.getTime() - 1000),
        finishedAt: at,
        entityIds,
        entries,
        errors: [],
        contents,
      },
      BULK_ATTEMPTS,
    );
    return scanId;
  };
  const ago = (ms: number) => new Date(now.getTime() - ms);

  // Linux web server: sshd_config (content uploaded) and /etc/*.conf.
  const linuxIds = [ent.sshd, ent.conf];
  const sshd = (text: string, over: Partial<InventoryEntry> = {}) =>
    file("/etc/ssh/sshd_config", ent.sshd, { size: BigInt(text.length), sha256: sha(text), contentSha256: sha(text), ...over });
  const conf = (n: string, over: Partial<InventoryEntry> = {}) => file(`/etc/${n}.conf`, ent.conf, over);
  const linux0 = [sshd(SSHD_BEFORE), conf("app"), conf("ntp"), conf("resolv")];
  await scan(web.id, "Files", linuxIds, linux0, ago(45 * DAY), new Map([[SSHD_BEFORE_SHA, Buffer.from(SSHD_BEFORE)]]));
  const linux1 = [sshd(SSHD_BEFORE), conf("app", { size: 200n, sha256: sha("app v2") }), conf("ntp"), conf("resolv")];
  await scan(web.id, "Files", linuxIds, linux1, ago(35 * DAY));
  const linux2 = linux1.filter((e) => e.itemKey !== "/etc/ntp.conf");
  await scan(web.id, "Files", linuxIds, linux2, ago(3 * DAY));
  const linux3 = [
    sshd(SSHD_AFTER, { dateModified: ago(21 * MIN), acls: "root:rw-,root:r--,other:---" }),
    ...linux2.slice(1),
    conf("new", { size: 64n, sha256: sha("new") }),
  ];
  await scan(web.id, "Files", linuxIds, linux3, ago(20 * MIN), new Map([[SSHD_AFTER_SHA, Buffer.from(SSHD_AFTER)]]));

  // Windows domain controller: hosts file, Run key values, the Windows Update service.
  const hosts = (over: Partial<InventoryEntry> = {}) =>
    file(HOSTS, ent.hosts, { acls: "BUILTIN\\Administrators:F", attributes: "Archive", ...over });
  const run = (valueName: string, valueData: string): InventoryEntry => ({
    changeType: "Registry",
    itemKey: `${RUN_KEY}\\${valueName}`,
    entityId: ent.run,
    registryKey: RUN_KEY,
    valueName,
    valueType: "REG_SZ",
    valueData,
  });
  const svc = (state: string, startup: string): InventoryEntry => ({
    changeType: "WindowsServices",
    itemKey: "wuauserv",
    entityId: ent.svc,
    svcName: "wuauserv",
    svcDisplayName: "Windows Update",
    svcState: state,
    svcStartupType: startup,
    svcPath: "C:\\Windows\\system32\\svchost.exe -k netsvcs -p",
    svcAccount: "LocalSystem",
  });
  const t0 = ago(45 * DAY);
  await scan(dc.id, "Files", [ent.hosts], [hosts()], t0);
  await scan(dc.id, "Registry", [ent.run], [run("SecurityHealth", "%windir%\\system32\\SecurityHealthSystray.exe")], t0);
  await scan(dc.id, "WindowsServices", [ent.svc], [svc("Running", "Auto")], t0);
  await scan(idle.id, "Files", [ent.hosts], [hosts()], t0);
  await scan(
    dc.id,
    "Registry",
    [ent.run],
    [run("SecurityHealth", "%windir%\\system32\\SecurityHealthSystray.exe"), run("Updater", "C:\\Users\\Public\\upd.exe")],
    ago(20 * DAY),
  );
  await scan(dc.id, "WindowsServices", [ent.svc], [svc("Stopped", "Disabled")], ago(3 * DAY - HOUR));
  await scan(
    dc.id,
    "Files",
    [ent.hosts],
    [hosts({ size: 980n, sha256: sha("hosts v2"), acls: "Everyone:F", dateModified: ago(5 * HOUR + MIN) })],
    ago(5 * HOUR),
  );

  const id = async (where: { target: string; category?: "Added" | "Modified" | "Removed" }) =>
    (await db.changeRecord.findFirstOrThrow({ where: { workspaceId: ws.id, ...where }, select: { id: true } })).id;
  return {
    workspaceId: ws.id,
    machines: { web: web.id, dc: dc.id, idle: idle.id },
    changes: {
      sshd: await id({ target: "/etc/ssh/sshd_config" }),
      newConf: await id({ target: "/etc/new.conf" }),
      hosts: await id({ target: HOSTS }),
      ntpRemoved: await id({ target: "/etc/ntp.conf" }),
      service: await id({ target: "wuauserv" }),
      runAdded: await id({ target: `${RUN_KEY}\\Updater` }),
      old: await id({ target: "/etc/app.conf" }),
    },
  };
}
