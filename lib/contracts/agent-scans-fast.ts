// A fast parse of POST /api/v1/agent/scans for the common body (scans of entries and removed items, full or delta, no
// errors or contents), answering exactly what ZAgentScansBody answers. It only ever accepts what the schema accepts, with the same
// output; anything it is not sure of (a wrong field, an unusual part) gives null, and the schema decides and words the
// refusal. The schema's generic checks cost more per entry than the commit that follows.
import { regexes } from "zod/v4/core";
import { CHANGE_TYPES, type ChangeType } from "@/lib/domain/types";
import { MAX_CLOCK_SKEW_MS, MAX_SCANS_PER_REQUEST, type TAgentScansBody } from "./agent";
import { hasControlCharacter, hasNul } from "./common";

type Entry = TAgentScansBody["scans"][number]["entries"][number];
type Scan = TAgentScansBody["scans"][number];
type Field = (v: unknown) => unknown;

/** Refusal inside a field check: the whole body goes to the schema. */
const UNSURE = Symbol("unsure");

// The same pattern as the schema's z.iso.datetime({ offset: true }).
const ISO_DATETIME = regexes.datetime({ offset: true });
const MAX_INT64 = 2n ** 63n - 1n;
const EARLIEST_FILE_TIME = Date.parse("1900-01-01T00:00:00Z");
const EARLIEST_SCAN_TIME = Date.parse("2000-01-01T00:00:00Z");
const DIGITS = /^\d{1,20}$/;
const SCAN_ID = /^[A-Za-z0-9._:-]+$/;

const text =
  (max: number): Field =>
  (v) =>
    typeof v === "string" && v.length <= max && !hasNul(v) ? v : UNSURE;
const name =
  (max: number): Field =>
  (v) =>
    typeof v === "string" && v.length <= max && !hasControlCharacter(v) ? v : UNSURE;
function bigintish(v: unknown): unknown {
  if (typeof v === "number") return Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : UNSURE;
  if (typeof v !== "string" || !DIGITS.test(v)) return UNSURE;
  const n = BigInt(v);
  return n <= MAX_INT64 ? n : UNSURE;
}
function isoDate(v: unknown, earliest: number): unknown {
  if (typeof v !== "string") return UNSURE;
  const ms = utcIsoMs(v) ?? (ISO_DATETIME.test(v) ? Date.parse(v) : NaN);
  return ms >= earliest ? new Date(ms) : UNSURE;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digitAt = (v: string, i: number) => {
  const c = v.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const numberAt = (v: string, i: number, width: number) => {
  let n = 0;
  for (let k = i; k < i + width; k++) n = n * 10 + digitAt(v, k);
  return n;
};

/**
 * The instant of `YYYY-MM-DDTHH:MM:SS[.fff]Z` (what agents send: toISOString's form), read field by field; undefined for
 * any other text, which the schema's pattern judges. It accepts exactly what that pattern accepts of this form (a real
 * calendar day, hours to 23, seconds to 59), at the instant `new Date` gives it. A body has hundreds of dates, and the
 * pattern, the parse of the text and Next.js's `Date` wrapper around it were half of the body check.
 */
function utcIsoMs(v: string): number | undefined {
  const n = v.length;
  // No fraction, or one of 1 to 3 digits (V8 reads a longer one its own way, e.g. ".0003000000" as 3 ms).
  if (n < 20 || n === 21 || n > 24 || v.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (v[4] !== "-" || v[7] !== "-" || v[10] !== "T" || v[13] !== ":" || v[16] !== ":") return undefined;
  if (n > 20 && v[19] !== ".") return undefined;
  const year = numberAt(v, 0, 4);
  const month = numberAt(v, 5, 2);
  const day = numberAt(v, 8, 2);
  const hour = numberAt(v, 11, 2);
  const minute = numberAt(v, 14, 2);
  const second = numberAt(v, 17, 2);
  let ms = 0;
  for (let k = 20; k < n - 1; k++) ms = ms * 10 + digitAt(v, k);
  if (n > 20) ms *= 10 ** (24 - n); // ".5" is 500 ms, ".12" 120
  // Years before 100 are Date.UTC's 1900s: left to the pattern (no file or scan time is that old anyway).
  if (!(ms >= 0 && year >= 100 && month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && day >= 1)) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
const fileDate: Field = (v) => isoDate(v, EARLIEST_FILE_TIME);

/** ZAgentEntry's fields, each nullish: a present null stays null, an absent key stays absent. */
const ENTRY_FIELDS: Record<string, Field> = {
  entityId: name(64),
  size: bigintish,
  sha256: text(128),
  acls: text(8192),
  attributes: text(8192),
  inode: bigintish,
  dateCreated: fileDate,
  dateModified: fileDate,
  registryKey: name(8192),
  valueName: name(20000),
  valueType: text(64),
  valueData: text(65536),
  svcName: name(1024),
  svcDisplayName: name(1024),
  svcState: text(64),
  svcStartupType: text(64),
  svcPath: name(8192),
  svcAccount: name(1024),
  contentSha256: text(128),
  fileType: text(32),
  linkCount: (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : UNSURE),
  linkTarget: text(8192),
  xattrs: text(65536),
  posixAcl: text(65536),
  capabilities: text(4096),
  selinuxContext: text(4096),
  verifiedAt: fileDate,
  packageName: name(256),
  packageVersion: name(256),
  packageShipped: (v) => (typeof v === "boolean" ? v : UNSURE),
  packagePreviousVersion: name(256),
  packageUpdatedAt: fileDate,
};
const itemKey = name(8192);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A removed item's fields besides its key: the package facts. */
const REMOVED_FIELDS: Record<string, Field> = Object.fromEntries(
  ["packageName", "packageVersion", "packageShipped", "packagePreviousVersion", "packageUpdatedAt"].map((k) => [k, ENTRY_FIELDS[k]]),
);

function entry(raw: unknown, fields = ENTRY_FIELDS): Entry | null {
  if (!isObject(raw)) return null;
  const key = raw.itemKey;
  if (typeof key !== "string" || key.length === 0 || itemKey(key) === UNSURE) return null;
  const out: Record<string, unknown> = { itemKey: key };
  // The entry's own keys, not every field the schema knows: an agent sends a handful of the thirty. A key the schema
  // does not know is dropped, as the schema drops it.
  for (const k of Object.keys(raw)) {
    const field = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (!field) continue;
    const v = raw[k];
    if (v === undefined) continue;
    if (v === null) {
      out[k] = null;
      continue;
    }
    const parsed = field(v);
    if (parsed === UNSURE) return null;
    out[k] = parsed;
  }
  return out as Entry;
}

const entityId = text(64);
const isScanId = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 100 && SCAN_ID.test(v);
const MAX_REMOVED = 100_000;
const machineId = text(64);

function scan(raw: unknown, now: number): Scan | null {
  if (!isObject(raw)) return null;
  // The uncommon parts are the schema's: errors and uploaded contents.
  if (raw.contents !== undefined) return null;
  if (raw.errors !== undefined && !(Array.isArray(raw.errors) && raw.errors.length === 0)) return null;
  const { scanId, baseScanId, changeType, configVersion, entityIds, entries, removed } = raw;
  if (!isScanId(scanId) || (baseScanId !== undefined && !isScanId(baseScanId))) return null;
  if (raw.machineId !== undefined && machineId(raw.machineId) === UNSURE) return null;
  if (typeof changeType !== "string" || !(CHANGE_TYPES as readonly string[]).includes(changeType)) return null;
  const startedAt = isoDate(raw.startedAt, EARLIEST_SCAN_TIME);
  const finishedAt = isoDate(raw.finishedAt, EARLIEST_SCAN_TIME);
  if (!(startedAt instanceof Date) || !(finishedAt instanceof Date)) return null;
  if (finishedAt.getTime() < startedAt.getTime() || finishedAt.getTime() > now + MAX_CLOCK_SKEW_MS) return null;
  if (configVersion !== undefined && !(typeof configVersion === "number" && Number.isSafeInteger(configVersion) && configVersion >= 0))
    return null;
  if (!Array.isArray(entityIds) || entityIds.length > 5000 || entityIds.some((id) => entityId(id) === UNSURE)) return null;
  if (!Array.isArray(entries)) return null;
  const parsed: Entry[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entry(entries[i]);
    if (!e) return null;
    parsed[i] = e;
  }
  let removedParsed: Entry[] | undefined;
  if (removed !== undefined) {
    if (!Array.isArray(removed) || removed.length > MAX_REMOVED) return null;
    removedParsed = new Array(removed.length);
    for (let i = 0; i < removed.length; i++) {
      const r = entry(removed[i], REMOVED_FIELDS);
      if (!r) return null;
      removedParsed[i] = r;
    }
  }
  const out: Record<string, unknown> = {
    scanId,
    changeType: changeType as ChangeType,
    startedAt,
    finishedAt,
    entityIds: [...(entityIds as string[])],
    entries: parsed,
    errors: [],
  };
  if (raw.machineId !== undefined) out.machineId = raw.machineId;
  if (baseScanId !== undefined) out.baseScanId = baseScanId;
  if (configVersion !== undefined) out.configVersion = configVersion;
  if (removedParsed) out.removed = removedParsed;
  return out as Scan;
}

/** The body as ZAgentScansBody parses it, or null when the schema must judge it. */
export function parseAgentScansFast(raw: unknown, now = Date.now()): TAgentScansBody | null {
  if (!isObject(raw) || !Array.isArray(raw.scans) || raw.scans.length === 0 || raw.scans.length > MAX_SCANS_PER_REQUEST) return null;
  const scans: Scan[] = [];
  for (const s of raw.scans) {
    const parsed = scan(s, now);
    if (!parsed) return null;
    scans.push(parsed);
  }
  return { scans };
}
