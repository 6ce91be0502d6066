import "server-only";
import type pg from "pg";
import { raw, sql, type Sql } from "../changes/sql";
import { databaseKind, driversOf, type Db } from "../db";
import { pgRawQuery, type RawRow, type RawTx } from "../raw-tx";
import { writeRawTransaction } from "../tx";

// PostgreSQL keeps change records in a partition per month of timeGenerated ("ChangeRecord_pYYYYMM"), beside a
// default partition for records of any month without one (prisma/postgres/migrations/…_change_record_partitions).
// The worker creates each month's partition ahead of time, and a past month whose every record is past its
// workspace's retention leaves whole: its review history is deleted, the partition detached and dropped, instead of
// a million deletes. Partitions only make purges cheaper; no query depends on which exist.

/** The advisory lock key of partition upkeep and the purge (one worker at a time). */
export const PURGE_LOCK = 0x76_69_67_69;
/** Months of partitions kept ready after the current one. */
const MONTHS_AHEAD = 2;
/**
 * Partition upkeep waits this long for its lock on the table (while it waits, the queries that come after it wait
 * too), then leaves the month to the next pass.
 */
const LOCK_TIMEOUT = "1s";
const NAME = /^ChangeRecord_p(\d{4})(\d{2})$/;
/** Fewer changed rows than this never call for a new ANALYZE (autovacuum's threshold is 50; an ANALYZE reads 30,000). */
const STATISTICS_MIN_CHANGES = 1_000;

export type Partition = { name: string; from: Date; to: Date };

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const partitionOf = (from: Date): Partition => ({
  name: `ChangeRecord_p${from.getUTCFullYear()}${String(from.getUTCMonth() + 1).padStart(2, "0")}`,
  from,
  to: monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1),
});
/** "2026-12-01 00:00:00", a partition bound in DDL: timeGenerated is a UTC timestamp without time zone. */
const bound = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");

function poolOf(db: Db): pg.Pool {
  const pool = driversOf(db).pgPool;
  if (!pool) throw new Error("change-record partitions exist on PostgreSQL only");
  return pool;
}

/** The monthly partitions that exist, oldest first (the default partition is not one). */
export async function listChangePartitions(db: Db): Promise<Partition[]> {
  const { rows } = await poolOf(db).query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = '"ChangeRecord"'::regclass`,
  );
  return rows
    .flatMap((r) => {
      const m = NAME.exec(r.name);
      return m ? [partitionOf(monthStart(Number(m[1]), Number(m[2]) - 1))] : [];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** Runs fn in a transaction holding the purge's advisory lock; null when another worker holds it or a lock times out. */
async function underLock<T>(db: Db, fn: (tx: RawTx) => Promise<T>): Promise<T | null> {
  try {
    return await writeRawTransaction(
      db,
      async (tx) => {
        await tx.executeText(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`, []);
        const [{ ok }] = await tx.query<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${raw(String(PURGE_LOCK))}) AS ok`);
        return ok ? fn(tx) : null;
      },
      { attempts: 1 },
    );
  } catch (err) {
    // 55P03: a lock not granted within lock_timeout (readers hold the table); 23514: the default partition holds
    // records of the month, which then stay there (purged by deletes like any other).
    const code = (err as { code?: string }).code;
    if (code === "55P03" || code === "23514") return null;
    throw err;
  }
}

/** Creates the partitions of this month and the next ones that are missing; answers the names created. */
export async function ensureChangePartitions(db: Db, now = new Date()): Promise<string[]> {
  const existing = new Set((await listChangePartitions(db)).map((p) => p.name));
  const created: string[] = [];
  for (let k = 0; k <= MONTHS_AHEAD; k++) {
    const p = partitionOf(monthStart(now.getUTCFullYear(), now.getUTCMonth() + k));
    if (existing.has(p.name)) continue;
    const done = await underLock(db, async (tx) => {
      await tx.executeText(
        `CREATE TABLE IF NOT EXISTS "${p.name}" PARTITION OF "ChangeRecord" FOR VALUES FROM ('${bound(p.from)}') TO ('${bound(p.to)}')`,
        [],
      );
      return true;
    });
    if (done) created.push(p.name);
  }
  return created;
}

export type DroppedPartitions = { partitions: string[]; records: number; contentSha256s: string[] };

/**
 * Drops the past monthly partitions that hold no record within its workspace's retention (`cutoffs`: the first
 * instant each workspace keeps). Their review history goes first (a partition still referenced cannot be detached);
 * the content hashes they named are answered, for the content purge to check.
 */
export async function dropExpiredPartitions(db: Db, cutoffs: ReadonlyMap<string, Date>, now = new Date()): Promise<DroppedPartitions> {
  const out: DroppedPartitions = { partitions: [], records: 0, contentSha256s: [] };
  const pool = poolOf(db);
  const run = <T extends RawRow>(q: Sql) => pgRawQuery<T>(pool, q);
  // A month is looked at once some workspace's retention has begun to expire it (so an empty month within every
  // workspace's retention stays, ready for records that arrive late).
  const latestCutoff = Math.max(...[...cutoffs.values()].map((c) => c.getTime()));
  for (const p of await listChangePartitions(db)) {
    if (p.to > now || p.from.getTime() >= latestCutoff) break;
    if (!(await allExpired(run, p, cutoffs))) continue;
    const table = raw(`"${p.name}"`);
    const [month] = await run<{ n: string; shas: string[] | null }>(
      sql`SELECT COUNT(*) AS n, ARRAY(SELECT DISTINCT s FROM ${table},
          unnest(ARRAY["contentSha256", "previousContentSha256"]) AS s WHERE s IS NOT NULL) AS shas FROM ${table}`,
    );
    // The review steps of the month's changes: the composite key names the change's time.
    await run(sql`DELETE FROM "ChangeReview" WHERE "changeTime" >= ${p.from} AND "changeTime" < ${p.to}`);
    const dropped = await underLock(db, async (tx) => {
      // Checked again with the month's writers held off (readers go on): a record may have arrived for it since.
      await tx.executeText(`LOCK TABLE "${p.name}" IN SHARE ROW EXCLUSIVE MODE`, []);
      if (!(await allExpired(tx.query, p, cutoffs))) return false;
      await tx.executeText(`ALTER TABLE "ChangeRecord" DETACH PARTITION "${p.name}"`, []);
      await tx.executeText(`DROP TABLE "${p.name}"`, []);
      return true;
    });
    if (!dropped) continue;
    out.partitions.push(p.name);
    out.records += Number(month.n);
    out.contentSha256s.push(...(month.shas ?? []));
  }
  return out;
}

type Run = <T extends RawRow>(q: Sql) => Promise<T[]>;

/** Does the partition hold no record within its workspace's retention (nor of a workspace not in `cutoffs`)? */
async function allExpired(run: Run, p: Partition, cutoffs: ReadonlyMap<string, Date>): Promise<boolean> {
  const table = raw(`"${p.name}"`);
  // One index probe per workspace ((workspaceId, timeGenerated)), never a scan of the month.
  for (const [workspaceId, cutoff] of cutoffs) {
    if (cutoff >= p.to) continue;
    const kept = await run(sql`SELECT 1 FROM ${table} WHERE "workspaceId" = ${workspaceId} AND "timeGenerated" >= ${cutoff} LIMIT 1`);
    if (kept.length) return false;
  }
  const others = await run(sql`SELECT 1 FROM ${table} WHERE NOT ("workspaceId" = ANY(${[...cutoffs.keys()]})) LIMIT 1`);
  return !others.length;
}

/**
 * Analyzes the month's partition that records are arriving in when its statistics are missing or stale (never
 * analyzed, or a tenth of its rows changed since). Autovacuum does the same, but looks at most once a minute
 * (autovacuum_naptime) and never at the partitioned table: a partition that fills faster than that is planned
 * without statistics, and the Changes tab's newest page turns from a few index reads into a sort of the whole month
 * so far. The worker calls it every 10 s (startStatisticsUpkeep); it answers the partition analyzed, or null.
 */
export async function refreshPartitionStatistics(db: Db, now = new Date()): Promise<string | null> {
  const { name } = partitionOf(monthStart(now.getUTCFullYear(), now.getUTCMonth()));
  const pool = poolOf(db);
  const [stats] = await pgRawQuery<{ changed: string; tuples: number }>(
    pool,
    sql`SELECT s.n_mod_since_analyze AS changed, c.reltuples AS tuples
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = ${name}`,
  );
  if (!stats) return null;
  const changed = Number(stats.changed);
  const tuples = Number(stats.tuples);
  if (changed < STATISTICS_MIN_CHANGES || (tuples >= 0 && changed < tuples * 0.1)) return null;
  await pgRawQuery(pool, raw(`ANALYZE "${name}"`));
  return name;
}

/** refreshPartitionStatistics every `everyMs` on PostgreSQL (nothing on SQLite); answers its stop. */
export function startStatisticsUpkeep(db: Db, opts: { everyMs?: number; onError: (err: Error) => void }): () => void {
  if (databaseKind(db) !== "postgres") return () => {};
  const timer = setInterval(() => refreshPartitionStatistics(db).catch(opts.onError), opts.everyMs ?? 10_000);
  return () => clearInterval(timer);
}
