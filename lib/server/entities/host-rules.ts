import "server-only";
import type { TEntityDraft } from "@/lib/contracts/entities";
import type { Db } from "../db";
import { AppError } from "../errors";
import { decideRule, hostReadPolicy, type HostReadPolicy } from "../local-host/read-policy";
import type { EditableField } from "./describe";

/** Fields that decide what an entity makes the Vigil host read. */
export const HOST_READ_FIELDS: ReadonlySet<EditableField> = new Set(["enabled", "path", "pathType", "recursion", "links", "uploadContent"]);

/**
 * In the workspace of the Vigil host (the one with its LOCAL machine), an enabled Linux file entity is saved only
 * when the host's operator allows what it reads (see hostReadPolicy): the refusal names the field and says why.
 * The scanner applies the same policy to every scan, so an entity saved before the policy changed reads nothing more.
 */
export async function assertHostMayRead(db: Db, workspaceId: string, draft: TEntityDraft, policy?: HostReadPolicy): Promise<void> {
  if (!draft.enabled || (draft.kind !== "LINUX_FILE" && draft.kind !== "FILE_CONTENT") || !draft.path.startsWith("/")) return;
  if ((await db.machine.count({ where: { workspaceId, agentKind: "LOCAL" } })) === 0) return;
  const upload = draft.uploadContent || draft.kind === "FILE_CONTENT";
  const d = decideRule(policy ?? hostReadPolicy(), { ...draft, uploadContent: upload });
  const field = !d.read ? "path" : upload && !d.upload ? "uploadContent" : null;
  if (field === null) return;
  const message = d.reason ?? "The Vigil host's operator does not allow this entry.";
  throw new AppError("validation_failed", `The entry was not saved: ${message}`, [{ field, message }]);
}
