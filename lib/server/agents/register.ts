import "server-only";
import type { TAgentRegisterBody, TAgentRegistration } from "@/lib/contracts/agent";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { issueToken } from "../tokens/tokens";
import { lockWorkspace, writeTransaction } from "../tx";

const KIND_WORDS = { SIMULATED: "the simulated fleet", LOCAL: "the scanner of the Vigil host", REMOTE: "a remote agent" } as const;

/** The workspace an agent asks to join, by id or by name among the workspaces the user has a role on. */
async function findWorkspace(db: Db, user: TCurrentUser, ref: string) {
  const byId = await db.workspace.findUnique({ where: { id: ref }, select: { id: true, name: true, subscriptionId: true } });
  if (byId) return byId;
  const named = await db.workspace.findMany({
    where: {
      name: ref,
      OR: [{ roleAssignments: { some: { userId: user.id } } }, { subscription: { roleAssignments: { some: { userId: user.id } } } }],
    },
    select: { id: true, name: true, subscriptionId: true },
  });
  if (named.length > 1) {
    throw new AppError(
      "conflict",
      `${named.length} of your workspaces are named "${ref}": pass the workspace id instead (${named.map((w) => w.id).join(", ")}).`,
    );
  }
  if (!named.length) throw notFound(`The workspace "${ref}"`);
  return named[0];
}

/**
 * Registers the host an agent runs on: a user who may edit the workspace (Contributor or Owner) creates its REMOTE
 * machine, or takes over the REMOTE machine of that name, and gets an agent token bound to it. The machine keeps
 * a single agent token: a new registration revokes the older ones (an agent that lost its state registers again).
 */
export async function registerAgent(db: Db, user: TCurrentUser, body: TAgentRegisterBody): Promise<TAgentRegistration> {
  const ws = await findWorkspace(db, user, body.workspace);
  await authorizeWorkspace(db, user, ws.id, "entity.edit");

  const attempt = () =>
    writeTransaction(db, async (tx) => {
      await lockWorkspace(tx, ws.id); // first: see writeTransaction
      const existing = await tx.machine.findUnique({
        where: { workspaceId_name: { workspaceId: ws.id, name: body.hostname } },
        select: { id: true, agentKind: true, osFamily: true },
      });
      if (existing && existing.agentKind !== "REMOTE") {
        throw new AppError(
          "conflict",
          `The machine "${body.hostname}" of this workspace is collected by ${KIND_WORDS[existing.agentKind]}; register this host under another name.`,
        );
      }
      if (existing && existing.osFamily !== body.osFamily) {
        throw new AppError(
          "conflict",
          `The machine "${body.hostname}" of this workspace is a ${existing.osFamily} machine; this agent reports ${body.osFamily}.`,
        );
      }
      const machine = existing
        ? await tx.machine.update({ where: { id: existing.id }, data: { osVersion: body.osVersion ?? undefined }, select: { id: true } })
        : await tx.machine.create({
            data: {
              workspaceId: ws.id,
              name: body.hostname,
              osFamily: body.osFamily,
              osVersion: body.osVersion ?? (body.osFamily === "LINUX" ? "Linux" : "Windows"),
              source: body.source ?? "AZURE_ARC",
              agentKind: "REMOTE",
            },
            select: { id: true },
          });
      const { count: revoked } = await tx.apiToken.deleteMany({ where: { machineId: machine.id } });
      const token = await issueToken(tx as unknown as Db, { userId: user.id, name: `agent ${body.hostname}`, machineId: machine.id });
      await recordAudit(tx, user, {
        action: "machine.register",
        subscriptionId: ws.subscriptionId,
        workspaceId: ws.id,
        targetType: "machine",
        targetId: machine.id,
        summary: `${existing ? "Re-registered" : "Registered"} the remote agent of ${body.hostname}`,
        details: { osFamily: body.osFamily, osVersion: body.osVersion ?? null, revokedTokens: revoked },
      });
      return {
        machineId: machine.id,
        machineName: body.hostname,
        workspaceId: ws.id,
        workspaceName: ws.name,
        reused: Boolean(existing),
        agentToken: token.token,
        agentTokenId: token.id,
        revokedTokens: revoked,
      };
    });

  try {
    return await attempt();
  } catch (err) {
    // Two agents of one host registering at once: the loser meets the (workspace, name) key and takes the machine over.
    if ((err as { code?: string }).code === "P2002") return attempt();
    throw err;
  }
}
