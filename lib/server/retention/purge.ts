import "server-only";
import { databaseKind, type Db } from "../db";
import { join, num, raw } from "../changes/sql";
import { writeTransaction } from "../tx";
import { dropExpiredPartitions, ensureChangePartitions, PURGE_LOCK } from "./partitions";

// Retention: each workspace keeps change data for its retentionDays. On PostgreSQL a past month whose every record
// has expired leaves first, as a partition (partitions.ts). Older change records go in bounded batches
// (one short transaction each, so scans and the dashboards get the database between them), their review history
// with them (ChangeReview cascades), then the hourly counts of the hours wholly before the cutoff, then the file
// content no change record or inventory row names any more. The cutoff is on an hour boundary, so every hourly
// count either still has all its records or none of them.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type PurgeOptions = {
  now?: Date;
  /** Records deleted per transaction. */
  batchSize?: number;
  /** Stop after this many record batches (the worker resumes on its next pass); unbounded when left out. */
  maxBatches?: number;
  /** Pause between batches, so that other writers get the lock. */
  pauseMs?: number;
  onBatch?: (purged: number) => void;
};

export type PurgeResult = {
  records: number;
  /** Monthly partitions dropped (PostgreSQL), their records counted in `records`. */
  partitions: number;
  changeCounts: number;
  reviewCounts: number;
  alerts: number;
  contents: number;
  done: boolean;
};

/** The first instant kept: the start of the hour `retentionDays` before now. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(Math.floor((now.getTime() - retentionDays * DAY) / HOUR) * HOUR);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function purgeExpired(db: Db, opts: PurgeOptions = {}): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const postgres = databaseKind(db) === "postgres";
  // SQLite has one writer: batches of 1,000 (with the worker's 20 ms pauses) keep the dashboard within its targets
  // while a million records go (bench:retention); PostgreSQL's readers never wait for the purge.
  const batchSize = opts.batchSize ?? (postgres ? 5_000 : 1_000);
  let batches = 0;
  const out: PurgeResult = { records: 0, partitions: 0, changeCounts: 0, reviewCounts: 0, alerts: 0, contents: 0, done: true };
  const workspaces = await db.workspace.findMany({ select: { id: true, retentionDays: true } });
  const candidates = new Set<string>();
  if (postgres) {
    await ensureChangePartitions(db, now);
    const cutoffs = new Map(workspaces.map((ws) => [ws.id, retentionCutoff(now, ws.retentionDays)]));
    const dropped = await dropExpiredPartitions(db, cutoffs, now);
    out.records += dropped.records;
    out.partitions += dropped.partitions.length;
    for (const sha of dropped.contentSha256s) candidates.add(sha);
  }
  for (const ws of workspaces) {
    const cutoff = retentionCutoff(now, ws.retentionDays);
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) {
        out.done = false;
        break;
      }
      const deleted = await writeTransaction(
        db,
        async (tx) => {
          // Several workers on one PostgreSQL: one purges at a time, the others leave it to that one this pass.
          if (
            postgres &&
            !(await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${raw(String(PURGE_LOCK))}) AS ok`)[0].ok
          )
            return null;
          return tx.$queryRaw<{ c: string | null; p: string | null }[]>`DELETE FROM "ChangeRecord" WHERE ("id", "timeGenerated") IN (
            SELECT "id", "timeGenerated" FROM "ChangeRecord" WHERE "workspaceId" = ${ws.id} AND "timeGenerated" < ${cutoff} LIMIT ${batchSize})
            RETURNING "contentSha256" AS c, "previousContentSha256" AS p`;
        },
        { attempts: 10 },
      );
      if (!deleted) return { ...out, done: false };
      if (deleted.length) batches++;
      for (const r of deleted) {
        if (r.c) candidates.add(r.c);
        if (r.p) candidates.add(r.p);
      }
      out.records += deleted.length;
      if (deleted.length) opts.onBatch?.(deleted.length);
      if (deleted.length < batchSize) break;
      if (opts.pauseMs) await pause(opts.pauseMs);
    }
    if (!out.done) break;
    // Hourly counts of whole hours before the cutoff: a day of hours per statement keeps each delete short. The
    // machines' counts first: their triggers subtract from the workspace's, which then go.
    for (const table of ["ChangeCount", "ChangeReviewCount", "WorkspaceChangeCount", "WorkspaceReviewCount"] as const) {
      const [{ first }] = await db.$queryRaw<{ first: unknown }[]>`SELECT MIN("hour") AS first FROM ${raw(`"${table}"`)}
        WHERE "workspaceId" = ${ws.id} AND "hour" < ${cutoff}`;
      if (first == null) continue;
      for (let from = new Date(first instanceof Date ? first : String(first)).getTime(); from < cutoff.getTime(); from += DAY) {
        const to = new Date(Math.min(from + DAY, cutoff.getTime()));
        const n = await writeTransaction(
          db,
          (tx) => tx.$executeRaw`DELETE FROM ${raw(`"${table}"`)} WHERE "workspaceId" = ${ws.id} AND "hour" < ${to}`,
          { attempts: 10 },
        );
        if (table === "ChangeCount") out.changeCounts += n;
        else if (table === "ChangeReviewCount") out.reviewCounts += n;
      }
    }
    // Alerts whose every change is gone go too (their change links and deliveries cascade), so that an alert never
    // lists changes that no longer exist.
    out.alerts += await writeTransaction(
      db,
      (tx) => tx.$executeRaw`DELETE FROM "Alert" WHERE "workspaceId" = ${ws.id} AND "lastChangeAt" < ${cutoff}`,
      { attempts: 10 },
    );
  }
  out.contents = await purgeUnreferencedContent(db, [...candidates]);
  return out;
}

/**
 * Deletes the blobs among `sha256s` that no change record (before or after) and no inventory row names (their
 * machine links go with them). One pass over the tables per chunk of candidates, never one per blob.
 */
async function purgeUnreferencedContent(db: Db, sha256s: string[]): Promise<number> {
  let purged = 0;
  for (let i = 0; i < sha256s.length; i += 500) {
    const chunk = sha256s.slice(i, i + 500);
    const ids = join(chunk);
    const used = await db.$queryRaw<{ s: string }[]>`
      SELECT "contentSha256" AS s FROM "ChangeRecord" WHERE "contentSha256" IN (${ids})
      UNION SELECT "previousContentSha256" AS s FROM "ChangeRecord" WHERE "previousContentSha256" IN (${ids})
      UNION SELECT "contentSha256" AS s FROM "InventoryItem" WHERE "contentSha256" IN (${ids})`;
    const keep = new Set(used.map((u) => u.s));
    const gone = chunk.filter((s) => !keep.has(s));
    if (!gone.length) continue;
    // A scan committing between the check and the delete could name one of these again: the delete re-checks.
    purged += num(
      await writeTransaction(
        db,
        (tx) => tx.$executeRaw`DELETE FROM "ContentBlob" WHERE "sha256" IN (${join(gone)})
          AND NOT EXISTS (SELECT 1 FROM "InventoryItem" WHERE "contentSha256" = "ContentBlob"."sha256")`,
        { attempts: 10 },
      ),
    );
  }
  return purged;
}
