import "server-only";
import os from "node:os";
import { ZPreviewBody, type TPreviewResult } from "@/lib/contracts/entities";
import { MAX_FILES_PER_MACHINE } from "@/lib/domain/paths";
import type { Db } from "../db";
import { AppError } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { isVirtual, walkLinuxRule, type WalkLimits } from "./preview-walk";

export const PREVIEW_LIMITS: WalkLimits = { maxEntries: 20_000, budgetMs: 2_000, sampleSize: 20 };

export type PreviewHost = { name: string; platform: NodeJS.Platform };
const thisHost = (): PreviewHost => ({ name: os.hostname(), platform: process.platform });

/**
 * Preview of a file rule before it is saved: how many files it matches now on the host running the portal, and a
 * sample. Only for editors (it lists the host's file names), only for Linux rules on a Linux host, bounded in
 * entries and time. The path rules of validation apply first, so a too-general path is refused, not walked.
 */
export async function previewEntityRule(
  db: Db,
  user: TCurrentUser,
  workspaceId: string,
  input: unknown,
  host: PreviewHost = thisHost(),
  limits: WalkLimits = PREVIEW_LIMITS,
): Promise<TPreviewResult> {
  await authorizeWorkspace(db, user, workspaceId, "entity.edit");
  const parsed = ZPreviewBody.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(request)", message: i.message }));
    throw new AppError("validation_failed", `The rule cannot be previewed: ${fields[0].message}`, fields);
  }
  const rule = parsed.data;
  if (rule.kind === "WINDOWS_FILE" || host.platform === "win32") {
    return {
      supported: false,
      host: host.name,
      reason:
        rule.kind === "WINDOWS_FILE"
          ? `Windows paths can't be previewed: only Linux rules are previewed, on the host running the portal (${host.name}). Each Windows machine resolves the rule, environment variables included, at its next scan and reports on the machine what it cannot resolve.`
          : `Linux paths can't be previewed on ${host.name}, a Windows host.`,
    };
  }
  if (isVirtual(rule.path)) {
    return {
      supported: false,
      host: host.name,
      reason: "/proc and /sys are virtual file systems made by the kernel: their files change all the time and are not previewed.",
    };
  }
  const started = performance.now();
  const walk = await walkLinuxRule(rule, limits);
  const notes = [...walk.notes];
  if (walk.count > MAX_FILES_PER_MACHINE) {
    notes.push(
      `${walk.truncatedReason ? "At least " : ""}${walk.count.toLocaleString("en-US")} files: more than the ${MAX_FILES_PER_MACHINE} files a machine collects. The scanner stops at the limit and reports it on the machine; narrow the wildcard or turn off Recursion.`,
    );
  }
  if (walk.unreadable > 0) {
    notes.push(
      rule.useSudo
        ? `${walk.unreadable} folders or files could not be read by the portal; the agent reads them with Use Sudo.`
        : `${walk.unreadable} folders or files could not be read (permission denied): turn on Use Sudo so the agent can read them.`,
    );
  }
  return {
    supported: true,
    host: host.name,
    count: walk.count,
    truncated: walk.truncatedReason !== null,
    truncatedReason: walk.truncatedReason,
    sample: walk.sample,
    unreadable: walk.unreadable,
    elapsedMs: Math.round(performance.now() - started),
    notes,
  };
}
