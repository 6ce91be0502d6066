import "server-only";
import type { TChangeDetails, TChangeSide, TContentDiff } from "@/lib/contracts/changes";
import { diffLines } from "@/lib/domain/line-diff";
import type { Db } from "../db";
import { notFound } from "../errors";
import { authorizeWorkspace } from "../permissions";
import type { TCurrentUser } from "../session";
import { reviewHistory, reviewOf } from "./review";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const n = (v: bigint | null) => (v === null ? null : Number(v));

/** Text we can show as lines: valid UTF-8 without NUL bytes. */
function asText(data: Uint8Array): string | null {
  if (data.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return null;
  }
}

/**
 * The before/after of uploaded content; an added file diffs against nothing, a removed one against nothing after.
 * Content is read only through the change's machine: a hash the machine did not upload itself reads as missing,
 * whoever else stored those bytes.
 */
async function contentDiff(db: Db, machineId: string, before: string | null, after: string | null): Promise<TContentDiff | null> {
  if (!before && !after) return null;
  const blobs = await db.contentBlob.findMany({
    where: { sha256: { in: [before, after].filter((s): s is string => !!s) }, machines: { some: { machineId } } },
  });
  const blob = (sha: string | null) => (sha ? (blobs.find((b) => b.sha256 === sha) ?? null) : null);
  const b = blob(before);
  const a = blob(after);
  const base = { beforeSize: b?.size ?? null, afterSize: a?.size ?? null, added: 0, removed: 0, hunks: [] };
  if ((before && !b) || (after && !a)) return { ...base, status: "missing" };
  const beforeText = b ? asText(b.data) : "";
  const afterText = a ? asText(a.data) : "";
  if (beforeText === null || afterText === null) return { ...base, status: "binary" };
  const diff = diffLines(beforeText, afterText);
  if (diff.status !== "diff") return { ...base, status: diff.status };
  return { ...base, status: "diff", added: diff.added, removed: diff.removed, hunks: diff.hunks };
}

/** Change details: every field, previous and current side by side, the entity rule that matched, the content diff. */
export async function getChangeDetails(db: Db, user: TCurrentUser, workspaceId: string, changeId: string): Promise<TChangeDetails> {
  await authorizeWorkspace(db, user, workspaceId, "workspace.read");
  // Looked up within the workspace of the URL: an id of another workspace is simply not found here.
  const c = await db.changeRecord.findFirst({ where: { id: changeId, workspaceId }, include: { entity: true } });
  if (!c) throw notFound("The change");
  const current: TChangeSide = {
    size: n(c.size),
    sha256: c.sha256,
    acls: c.acls,
    attributes: c.attributes,
    dateCreated: iso(c.dateCreated),
    dateModified: iso(c.dateModified),
    valueType: c.valueType,
    valueData: c.valueData,
    svcState: c.svcState,
    svcStartupType: c.svcStartupType,
    svcPath: c.svcPath,
    svcAccount: c.svcAccount,
    contentSha256: c.contentSha256,
    fileType: c.fileType,
    linkCount: c.linkCount,
    linkTarget: c.linkTarget,
    xattrs: c.xattrs,
    posixAcl: c.posixAcl,
    capabilities: c.capabilities,
    selinuxContext: c.selinuxContext,
  };
  const previous: TChangeSide = {
    size: n(c.previousSize),
    sha256: c.previousSha256,
    acls: c.previousAcls,
    attributes: c.previousAttributes,
    dateCreated: iso(c.previousDateCreated),
    dateModified: iso(c.previousDateModified),
    valueType: c.previousValueType,
    valueData: c.previousValueData,
    svcState: c.svcPreviousState,
    svcStartupType: c.svcPreviousStartupType,
    svcPath: c.svcPreviousPath,
    svcAccount: c.svcPreviousAccount,
    contentSha256: c.previousContentSha256,
    fileType: c.previousFileType,
    linkCount: c.previousLinkCount,
    linkTarget: c.previousLinkTarget,
    xattrs: c.previousXattrs,
    posixAcl: c.previousPosixAcl,
    capabilities: c.previousCapabilities,
    selinuxContext: c.previousSelinuxContext,
  };
  const e = c.entity;
  return {
    id: c.id,
    machineId: c.machineId,
    computer: c.computer,
    changeType: c.changeType,
    category: c.category,
    timeGenerated: c.timeGenerated.toISOString(),
    target: c.target,
    name: c.name,
    fieldsChanged: c.fieldsChanged,
    reviewState: c.reviewState,
    attribution: c.attribution,
    hive: c.hive,
    registryKey: c.registryKey,
    valueName: c.valueName,
    svcName: c.svcName,
    svcDisplayName: c.svcDisplayName,
    scanId: c.scanId,
    current,
    previous,
    entity: e ? { id: e.id, itemName: e.itemName, kind: e.kind, path: e.path, valueName: e.valueName, group: e.group } : null,
    content: await contentDiff(db, c.machineId, c.previousContentSha256, c.contentSha256),
    package: c.packageName
      ? {
          name: c.packageName,
          version: c.packageVersion,
          previousVersion: c.packagePreviousVersion,
          updatedAt: iso(c.packageUpdatedAt),
        }
      : null,
    review: reviewOf(c),
    reviewHistory: await reviewHistory(db, c.id),
  };
}
