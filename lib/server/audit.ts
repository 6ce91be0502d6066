import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { TCurrentUser } from "./session";

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

export type AuditInput = {
  action:
    | "plan.upgrade"
    | "fim.enable"
    | "fim.disable"
    | "retention.set"
    | "entity.create"
    | "entity.update"
    | "entity.delete"
    | "machine.register"
    | "change.review"
    | "change.review.bulk"
    | "rule.create"
    | "rule.update"
    | "rule.delete"
    | "alert-rule.create"
    | "alert-rule.update"
    | "alert-rule.delete"
    | "alert.status"
    | "destination.create"
    | "destination.update"
    | "destination.delete"
    | "query.save"
    | "query.delete";
  subscriptionId: string;
  workspaceId?: string;
  targetType:
    "subscription" | "workspace" | "entity" | "machine" | "change" | "rule" | "alert-rule" | "alert" | "destination" | "saved-query";
  targetId: string;
  summary: string;
  details?: Record<string, unknown>;
};

/** Writes who did what, in the same transaction as the change itself, so the trail can never miss one. */
export function recordAudit(tx: Tx, user: TCurrentUser, input: AuditInput) {
  return tx.auditEvent.create({
    data: {
      actorId: user.id,
      actorEmail: user.email,
      action: input.action,
      subscriptionId: input.subscriptionId,
      workspaceId: input.workspaceId ?? null,
      targetType: input.targetType,
      targetId: input.targetId,
      summary: input.summary,
      detailsJson: JSON.stringify(input.details ?? {}),
    },
  });
}
