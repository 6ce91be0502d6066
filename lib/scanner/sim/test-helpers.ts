// Shared fixtures of the simulator's tests.
import type { InventoryEntry } from "@/lib/domain/diff";
import type { EntityKind, LinksMode, PathType } from "@/lib/domain/types";
import { stableSeed } from "./fleet-fixture";
import type { SimMachine } from "./profile";
import type { SimEntity } from "./scan-types";

export const machine = (name: string, osFamily: SimMachine["osFamily"], osVersion: string): SimMachine => ({
  id: `id-${name}`,
  name,
  osFamily,
  osVersion,
  simSeed: stableSeed(name),
});

export const WEB = machine("web-eus-01", "LINUX", "Ubuntu 22.04 LTS");
export const API = machine("api-eus-01", "LINUX", "Red Hat Enterprise Linux 9.4");
export const DC = machine("dc-eus-01", "WINDOWS", "Windows Server 2022 Datacenter");
export const SQL = machine("sql-eus-01", "WINDOWS", "Windows Server 2019 Datacenter");
export const IIS = machine("iis-eus-01", "WINDOWS", "Windows Server 2019 Datacenter");

let n = 0;
export function entity(
  kind: EntityKind,
  path: string,
  over: Partial<SimEntity> & { pathType?: PathType | null; links?: LinksMode | null } = {},
): SimEntity {
  const file = kind === "LINUX_FILE" || kind === "WINDOWS_FILE" || kind === "FILE_CONTENT";
  return {
    id: `e${++n}`,
    kind,
    path,
    pathType: file ? "FILE" : null,
    recursion: false,
    valueName: "",
    uploadContent: kind === "FILE_CONTENT",
    links: kind === "LINUX_FILE" ? "FOLLOW" : null,
    enabled: true,
    ...over,
  };
}

export const keys = (entries: readonly InventoryEntry[]) => entries.map((e) => e.itemKey);
export const byKey = (entries: readonly InventoryEntry[]) => new Map(entries.map((e) => [e.itemKey, e]));

/** Mid-history instant used by most tests (a Wednesday). */
export const AT = new Date("2026-06-10T12:00:00Z");
