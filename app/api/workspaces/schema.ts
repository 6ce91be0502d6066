import { z } from "zod";

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
