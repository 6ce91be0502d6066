import { z } from "zod";
import { RECOMMENDED_KEYS } from "@/lib/domain/recommended";

export const ZWorkspaceAction = z.enum(["upgrade", "enable"]).nullable();

/** One row of the File integrity monitoring page. */
export const ZWorkspaceRow = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string(),
  plan: z.enum(["FREE", "DEFENDER_SERVERS_P2"]),
  fimEnabled: z.boolean(),
  /** Changes in the last 7 days; null where FIM is not enabled (the page shows "-"). */
  totalChanges: z.number().int().nullable(),
  totalMachines: z.number().int(),
  windowsMachines: z.number().int(),
  linuxMachines: z.number().int(),
  role: z.enum(["OWNER", "CONTRIBUTOR", "READER"]),
  /** The portal's action for this row: Upgrade, Enable, or none (FIM already on). */
  action: ZWorkspaceAction,
  /** Whether this user may take that action; a Reader sees no action controls. */
  canAct: z.boolean(),
});
export type TWorkspaceRow = z.infer<typeof ZWorkspaceRow>;

export const ZWorkspaceList = z.object({ workspaces: z.array(ZWorkspaceRow) });
export type TWorkspaceList = z.infer<typeof ZWorkspaceList>;

export const ZWorkspaceParams = z.object({ id: z.string().min(1).max(64) });

export const ZWorkspaceDetails = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscription: z.object({ id: z.string(), name: z.string(), plan: z.enum(["FREE", "DEFENDER_SERVERS_P2"]) }),
  fimEnabled: z.boolean(),
  fimEnabledAt: z.string().nullable(),
  fimEnabledBy: z.string().nullable(),
  machines: z.object({ total: z.number(), windows: z.number(), linux: z.number() }),
  entities: z.number(),
  role: z.enum(["OWNER", "CONTRIBUTOR", "READER"]),
  can: z.object({ upgrade: z.boolean(), enable: z.boolean(), disable: z.boolean(), editEntities: z.boolean() }),
});
export type TWorkspaceDetails = z.infer<typeof ZWorkspaceDetails>;

/** Enable: the keys of the recommended entities whose checkboxes stayed checked. */
export const ZEnableFimBody = z.object({
  entities: z
    .array(z.enum(RECOMMENDED_KEYS as [string, ...string[]], { message: "Pick entities from the recommended list." }))
    .max(RECOMMENDED_KEYS.length),
});
export type TEnableFimBody = z.infer<typeof ZEnableFimBody>;

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorEmail: z.string(),
  action: z.string(),
  summary: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
