// The demo fleet as the seed writes it (names, OS, seeds) with the recommended entities, for tests and the
// history benchmark. Mirrors lib/server/seed (stableSeed) without importing server code.
import { createHash } from "node:crypto";
import { RECOMMENDED_ENTITIES } from "@/lib/domain/recommended";
import { DEMO_WORKSPACES } from "@/lib/server/seed/demo-tenant";
import type { SimEntity } from "./scan-types";
import type { SimMachine } from "./profile";

export const stableSeed = (name: string) => createHash("sha256").update(name).digest().readUInt32BE(0) & 0x7fffffff;

export interface FleetWorkspace {
  name: string;
  fimEnabled: boolean;
  machines: SimMachine[];
}

export const DEMO_FLEET: FleetWorkspace[] = DEMO_WORKSPACES.map((w) => ({
  name: w.name,
  fimEnabled: w.fimEnabled,
  machines: w.machines.map((m) => ({
    id: `${w.name}/${m.name}`,
    name: m.name,
    osFamily: m.os,
    osVersion: m.version,
    simSeed: stableSeed(m.name),
  })),
}));

export const RECOMMENDED_SIM_ENTITIES: SimEntity[] = RECOMMENDED_ENTITIES.map((e, i) => ({
  id: `rec-${i}`,
  kind: e.kind,
  path: e.path,
  pathType: e.pathType,
  recursion: e.recursion,
  valueName: e.valueName,
  uploadContent: false,
  links: e.links,
  enabled: true,
}));
