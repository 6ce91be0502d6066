import "server-only";
import type { TChangeRow, TChangeSort } from "@/lib/contracts/changes";
import { AppError } from "../errors";
import { raw, sql, type Sql } from "./sql";

// Keyset pagination of change records: a page continues from the last row of the previous one, found by an index
// seek on (…, timeGenerated, id), never by OFFSET, so page 2,000 costs what page 1 costs.

export type Dir = "asc" | "desc";

/** Where a page starts: just past (next) or just before (prev) a row, in one sort. */
export type Cursor = {
  sort: TChangeSort;
  dir: Dir;
  /** The row's sort group: its change type, category or machine id; null for time order. */
  group: string | null;
  time: Date;
  id: string;
  back: boolean;
};

export const LIST_COLUMNS = raw(
  `"id", "machineId", "computer", "changeType", "category", "timeGenerated", "target", "name", "fieldsChanged", "reviewState", "attribution"`,
);

export type RawRow = Omit<TChangeRow, "timeGenerated"> & { timeGenerated: Date | string };

export function toRow(r: RawRow): TChangeRow {
  const t = r.timeGenerated instanceof Date ? r.timeGenerated : new Date(r.timeGenerated);
  return { ...r, timeGenerated: t.toISOString() };
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.dir, c.group, c.time.getTime(), c.id, c.back ? 1 : 0])).toString("base64url");
}

const invalid = () =>
  new AppError("validation_failed", "The page cursor is not valid: start again from the first page.", [
    { field: "cursor", message: "The page cursor is not valid: start again from the first page." },
  ]);

const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Ids, change types and categories: what a cursor's id and group are. Anything else (NUL, for one) is forged. */
const KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** A cursor from a URL: checked field by field, and it must belong to the sort the page asks for. */
export function decodeCursor(text: string, sort: TChangeSort, dir: Dir): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parts) || parts.length !== 6) throw invalid();
  const [s, d, group, time, id, back] = parts as unknown[];
  const valid =
    s === sort &&
    d === dir &&
    (group === null || (typeof group === "string" && KEY.test(group))) &&
    typeof time === "number" &&
    Number.isInteger(time) &&
    // A record's time is between 1970 and 9999: a forged one out of that range is no page of ours (and no Date).
    time >= 0 &&
    time <= MAX_TIME_MS &&
    typeof id === "string" &&
    KEY.test(id) &&
    (back === 0 || back === 1);
  if (!valid) throw invalid();
  return { sort, dir, group: group as string | null, time: new Date(time as number), id: id as string, back: back === 1 };
}

/** Rows strictly past (t, id) in the given direction; the plain range term lets the index seek to it. */
export function pastKey(dir: Dir, time: Date, id: string): Sql {
  return dir === "desc"
    ? sql`"timeGenerated" <= ${time} AND ("timeGenerated" < ${time} OR "id" < ${id})`
    : sql`"timeGenerated" >= ${time} AND ("timeGenerated" > ${time} OR "id" > ${id})`;
}

export const orderBy = (dir: Dir) => raw(dir === "desc" ? `"timeGenerated" DESC, "id" DESC` : `"timeGenerated" ASC, "id" ASC`);
export const flip = (dir: Dir): Dir => (dir === "desc" ? "asc" : "desc");
