// Remote agents: request schemas and response types of /api/v1/agent/{register,config,scans}. The agent
// (lib/agent) builds its requests from the same types, so the two cannot drift.
//
// Wire format of an inventory entry: the InventoryItem fields, with sizes and inodes as integers (or decimal
// strings beyond 2^53) and dates as ISO 8601 strings. The server turns them into the engine's InventoryEntry.
import { z } from "zod";
import type { InventoryEntry } from "@/lib/domain/diff";
import { MAX_UPLOAD_CONTENT_BYTES } from "@/lib/domain/paths";
import { CHANGE_TYPES, ENTITY_KINDS, LINKS_MODES, MACHINE_SOURCES, OS_FAMILIES, PATH_TYPES, type ChangeType } from "@/lib/domain/types";
import { hasControlCharacter, hasNul } from "./common";
import { endpoint } from "./endpoint";

/** Largest request body of POST /scans; past it the answer is 413 before anything is parsed. */
export const MAX_AGENT_BODY_BYTES = 64 * 1024 * 1024;
/** Inventory entries of all scans of one request together (a local agent stops its scan at this many files). */
export const MAX_ENTRIES_PER_REQUEST = 100_000;
export const MAX_SCANS_PER_REQUEST = 50;
/** Largest uploaded file content (per file). */
export const MAX_CONTENT_BYTES = MAX_UPLOAD_CONTENT_BYTES;
/** How far in the future a scan's finishedAt may be (clock skew between the agent's host and the server). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const string = (label: string, max: number) =>
  z.string({ message: `${label} is a string.` }).max(max, `${label} is at most ${max} characters.`);
/** Any text, but no NUL: the database cannot store it (a value that holds one is refused, not altered). */
const text = (label: string, max: number) =>
  string(label, max).refine((v) => !hasNul(v), `${label} contains NUL (U+0000), which cannot be stored.`);
const optText = (label: string, max = 8192) => text(label, max).nullish();
/** Paths, keys and names: no NUL or other control character (values and ACL text may carry any but NUL). */
const name = (label: string, max: number) =>
  string(label, max).refine((v) => !hasControlCharacter(v), `${label} contains a control character (such as NUL).`);
const optName = (label: string, max = 8192) => name(label, max).nullish();

/** Sizes and inodes are stored as signed 64-bit integers. */
const MAX_INT64 = 2n ** 63n - 1n;

const bigintish = (label: string) =>
  z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)], {
      message: `${label} is a non-negative integer (a number or a decimal string).`,
    })
    .transform((v) => BigInt(v))
    .refine((v) => v <= MAX_INT64, `${label} is at most 2^63 - 1.`)
    .nullish();

/** A file's times may be old (a restored archive), but not before 1900; a scan's are after 2000. */
const isoDate = (label: string, earliest = "1900-01-01T00:00:00Z") =>
  z.iso
    .datetime({ offset: true, message: `${label} is an ISO 8601 date-time, such as 2026-11-25T04:43:25.000Z.` })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() >= Date.parse(earliest), `${label} is before ${earliest.slice(0, 4)}: check the clock of the agent's host.`);

// ───────────── POST /api/v1/agent/register (user token or session) ─────────────

export const ZAgentRegisterBody = z.object({
  workspace: z
    .string({ message: "Name the workspace to join: its id or its name." })
    .trim()
    .min(1, "Name the workspace to join: its id or its name.")
    .max(200, "A workspace id or name is at most 200 characters.")
    .refine((v) => !hasControlCharacter(v), "The workspace id or name contains a control character (such as NUL)."),
  hostname: z
    .string({ message: "Send the machine's hostname." })
    .trim()
    .min(1, "Send the machine's hostname.")
    .max(253, "A hostname is at most 253 characters.")
    .regex(/^[A-Za-z0-9._-]+$/, "A hostname has letters, digits, dots, hyphens and underscores only."),
  osFamily: z.enum(OS_FAMILIES, { message: "The OS family is LINUX or WINDOWS." }),
  osVersion: name("The OS version", 200).optional(),
  source: z.enum(MACHINE_SOURCES, { message: "The source is AZURE_VM, AZURE_ARC, AWS or LOCAL." }).optional(),
});
export type TAgentRegisterBody = z.infer<typeof ZAgentRegisterBody>;

export const ZAgentRegistration = z.object({
  machineId: z.string(),
  machineName: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  reused: z.boolean().meta({ description: "True when a REMOTE machine of that name already existed in the workspace and was taken over." }),
  agentToken: z.string().meta({ description: "The agent token, shown once. Older agent tokens of the machine are revoked." }),
  agentTokenId: z.string(),
  revokedTokens: z.number().int(),
});
export type TAgentRegistration = z.infer<typeof ZAgentRegistration>;

// ───────────── GET /api/v1/agent/config (agent token) ─────────────

export const ZAgentEntity = z.object({
  id: z.string(),
  kind: z.enum(ENTITY_KINDS),
  path: z.string(),
  pathType: z.enum(PATH_TYPES).nullable(),
  recursion: z.boolean(),
  useSudo: z.boolean(),
  links: z.enum(LINKS_MODES).nullable(),
  uploadContent: z.boolean(),
  valueName: z.string(),
  frequencySec: z.number().int().nullable(),
  verifyEveryScan: z.boolean().optional().meta({ description: "Read and hash every file on every scan, metadata unchanged or not." }),
});
export type TAgentEntity = z.infer<typeof ZAgentEntity>;

export const ZAgentConfig = z.object({
  machineId: z.string(),
  machineName: z.string(),
  osFamily: z.enum(OS_FAMILIES),
  workspaceId: z.string(),
  workspaceName: z.string(),
  fimEnabled: z.boolean(),
  configVersion: z
    .number()
    .int()
    .meta({ description: "Send it back with each scan: a scan made with an older configuration is discarded." }),
  verifyPeriodSec: z
    .number()
    .int()
    .optional()
    .meta({ description: "Bounded trust: every file is read and hashed again at least this often, a share each scan." }),
  scans: z
    .array(z.object({ changeType: z.enum(CHANGE_TYPES), intervalSec: z.number().int(), entities: z.array(ZAgentEntity) }))
    .meta({ description: "One scan per change type this machine reports; each covers all of its entities (none when FIM is off)." }),
  limits: z.object({
    maxBodyBytes: z.number().int(),
    maxEntriesPerRequest: z.number().int(),
    maxScansPerRequest: z.number().int(),
    maxContentBytes: z.number().int(),
  }),
});
export type TAgentConfig = z.infer<typeof ZAgentConfig>;

// ───────────── POST /api/v1/agent/scans (agent token) ─────────────

// Package facts of a Linux file (see lib/domain/packages.ts); left out by agents that do not attribute.
const PACKAGE_FACTS = {
  packageName: optName("packageName", 256),
  packageVersion: optName("packageVersion", 256),
  packageShipped: z.boolean({ message: "packageShipped is true, false or null." }).nullish(),
  packagePreviousVersion: optName("packagePreviousVersion", 256),
  packageUpdatedAt: isoDate("packageUpdatedAt").nullish(),
};

export const ZAgentEntry = z.object({
  itemKey: name("itemKey", 8192).min(1, "itemKey (the file path, registry key or service name) is required."),
  entityId: optName("entityId", 64),
  size: bigintish("size"),
  sha256: optText("sha256", 128),
  acls: optText("acls"),
  attributes: optText("attributes"),
  inode: bigintish("inode"),
  dateCreated: isoDate("dateCreated").nullish(),
  dateModified: isoDate("dateModified").nullish(),
  registryKey: optName("registryKey"),
  valueName: optName("valueName", 20000),
  valueType: optText("valueType", 64),
  valueData: optText("valueData", 65536),
  svcName: optName("svcName", 1024),
  svcDisplayName: optName("svcDisplayName", 1024),
  svcState: optText("svcState", 64),
  svcStartupType: optText("svcStartupType", 64),
  svcPath: optName("svcPath"),
  svcAccount: optName("svcAccount", 1024),
  contentSha256: optText("contentSha256", 128),
  fileType: optText("fileType", 32),
  linkCount: z.number().int().nonnegative().nullish(),
  linkTarget: optText("linkTarget", 8192),
  xattrs: optText("xattrs", 65536),
  posixAcl: optText("posixAcl", 65536),
  capabilities: optText("capabilities", 4096),
  selinuxContext: optText("selinuxContext", 4096),
  verifiedAt: isoDate("verifiedAt").nullish(),
  ...PACKAGE_FACTS,
});
export type TAgentEntryWire = z.input<typeof ZAgentEntry>;

/** Uploaded file content: checked on the server (decoded size, and that it matches its sha256). */
export const ZAgentContent = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "A content's sha256 is 64 lowercase hex digits."),
  base64: z
    .string()
    .max(Math.ceil(MAX_UPLOAD_CONTENT_BYTES / 3) * 4 + 4, "Uploaded file content is at most 5 MB a file.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Uploaded file content is base64."),
});

/** No scan of this software was made before this date. */
const SCANS_SINCE = "2000-01-01T00:00:00Z";

const scanIdOf = (field: string, missing: string) =>
  z
    .string({ message: missing })
    .min(1, missing)
    .max(100, `A ${field} is at most 100 characters.`)
    .regex(/^[A-Za-z0-9._:-]+$/, `A ${field} has letters, digits and . _ : - only.`);

export const ZAgentScanReport = z
  .object({
    scanId: scanIdOf("scanId", "Each scan needs a scanId chosen by the agent (resending the same id is safe)."),
    baseScanId: scanIdOf("baseScanId", "A baseScanId is the scanId of the scan a delta report follows.").optional().meta({
      description:
        "Makes the report a delta: `entries` holds only the items added or changed since this scan (the last one the server committed for this change type), and `removed` every item no longer found. Accepted only when every entity of `entityIds` was last collected by that scan and no other entity was; otherwise nothing is written and the result's discardReason is full_inventory_needed: send the same scanId again as a full inventory.",
    }),
    /** Optional; when sent it must be the token's machine. */
    machineId: text("machineId", 64).optional(),
    changeType: z.enum(CHANGE_TYPES, { message: "changeType is Files, Registry or WindowsServices." }),
    startedAt: isoDate("startedAt", SCANS_SINCE),
    finishedAt: isoDate("finishedAt", SCANS_SINCE),
    configVersion: z.number({ message: "configVersion is the number the config endpoint returned." }).int().nonnegative().optional(),
    entityIds: z.array(text("An entity id", 64), { message: "entityIds lists the tracked entities this scan covered." }).max(5000),
    entries: z.array(ZAgentEntry, { message: "entries is the list of inventory entries." }),
    errors: z
      .array(
        z.object({
          entityId: text("errors[].entityId", 64).nullish(),
          path: optName("errors[].path"),
          message: text("errors[].message", 4096),
        }),
      )
      .max(10_000, "Send at most 10,000 errors a scan; the first ones tell the story.")
      .default([]),
    contents: z.array(ZAgentContent).max(1000, "Send at most 1,000 file contents a scan.").optional(),
    removed: z
      .array(z.object({ itemKey: ZAgentEntry.shape.itemKey, ...PACKAGE_FACTS }))
      .max(100_000, "Send the package facts of at most 100,000 removed files a scan.")
      .optional()
      .meta({
        description:
          "The items the agent no longer found since its last scan, with their package facts (Linux files). In a full inventory only the facts count (an item is removed by its absence from `entries`); in a delta (baseScanId) this list is what is removed.",
      }),
  })
  .superRefine((s, ctx) => {
    // Runs after field errors too (zod 4 does not abort): judge the dates only when both parsed.
    if (!(s.startedAt instanceof Date) || !(s.finishedAt instanceof Date)) return;
    if (s.finishedAt.getTime() < s.startedAt.getTime())
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "finishedAt is before startedAt." });
    if (s.finishedAt.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) {
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "finishedAt is in the future: check the clock of the agent's host." });
    }
  });
export type TAgentScanReportWire = z.input<typeof ZAgentScanReport>;
export type TAgentScanReport = z.output<typeof ZAgentScanReport>;

export const ZAgentScansBody = z.object({
  scans: z
    .array(ZAgentScanReport, { message: "Send { scans: [ … ] }: one or more scan reports." })
    .min(1, "Send at least one scan report.")
    .max(MAX_SCANS_PER_REQUEST, `Send at most ${MAX_SCANS_PER_REQUEST} scans a request.`),
});
export type TAgentScansBodyWire = z.input<typeof ZAgentScansBody>;
export type TAgentScansBody = z.output<typeof ZAgentScansBody>;

export const ZAgentScanResult = z.object({
  scanId: z.string(),
  duplicate: z.boolean().meta({ description: "The scan id was committed before: nothing was written again." }),
  discarded: z.boolean().meta({
    description:
      "Nothing was written: FIM is off, the configuration changed while the scan ran (fetch it again), or a delta needs a full inventory (see discardReason).",
  }),
  discardReason: z.enum(["fim_disabled", "config_changed", "full_inventory_needed"]).nullable().meta({
    description:
      "Why nothing was written: FIM is off; the configuration changed while the scan ran (fetch it and scan again); or a delta's baseScanId is not what the server last committed for these entities (send the same scanId as a full inventory).",
  }),
  changes: z.number().int().meta({ description: "Change records written." }),
  baselined: z.number().int().meta({ description: "Items taken as the baseline of entities scanned for the first time." }),
  contentRefused: z.number().int().meta({
    description:
      "Entries whose contentSha256 was dropped because this machine never uploaded that content: send the bytes in `contents` (the agent uploads them again on its next pass).",
  }),
});
export type TAgentScanResult = z.infer<typeof ZAgentScanResult>;
export const ZAgentScansResponse = z.object({ machineId: z.string(), results: z.array(ZAgentScanResult) });
export type TAgentScansResponse = z.infer<typeof ZAgentScansResponse>;

/** The engine's entry from a parsed wire entry (the scan's change type applies to each of its entries). */
export function toInventoryEntry(changeType: ChangeType, e: z.output<typeof ZAgentEntry>): InventoryEntry {
  return { changeType, ...e };
}

export const agentEndpoints = {
  register: endpoint({
    operationId: "registerAgent",
    method: "POST",
    path: "/api/v1/agent/register",
    tag: "Agents",
    summary: "Register an agent's machine",
    description:
      "Registers the host of a remote agent as a machine of a workspace (by id or name) and answers its agent token once. The agent then calls config and scans with that token. Needs a Contributor's or Owner's role on the workspace.",
    access: { kind: "user" },
    body: ZAgentRegisterBody,
    bodyName: "AgentRegisterBody",
    response: ZAgentRegistration,
    responseName: "AgentRegistration",
    status: 201,
    errors: [400, 404, 409, 422],
    noStore: true,
  }),
  config: endpoint({
    operationId: "getAgentConfig",
    method: "GET",
    path: "/api/v1/agent/config",
    tag: "Agents",
    summary: "Get the agent's configuration",
    description: "The agent token's machine: whether FIM is enabled, the configuration version and the enabled entities to scan.",
    access: { kind: "agent" },
    response: ZAgentConfig,
    responseName: "AgentConfig",
    errors: [404],
  }),
  scans: endpoint({
    operationId: "postAgentScans",
    method: "POST",
    path: "/api/v1/agent/scans",
    tag: "Agents",
    summary: "Post scan reports",
    description: `One or more scan reports of the token's machine, each diffed against the last inventory and committed once (resending a scanId is safe). A body over ${MAX_AGENT_BODY_BYTES / 1024 / 1024} MiB or ${MAX_ENTRIES_PER_REQUEST.toLocaleString("en-US")} entries gets 413.`,
    access: { kind: "agent" },
    body: ZAgentScansBody,
    bodyName: "AgentScansBody",
    response: ZAgentScansResponse,
    responseName: "AgentScansResult",
    errors: [400, 404, 409, 413, 422],
    maxBodyBytes: MAX_AGENT_BODY_BYTES,
  }),
};
