import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "@/lib/server/db";
import { databaseKind } from "@/lib/server/db";
import { join, sql } from "@/lib/server/changes/sql";

// Scale-out: several workers may run against one database, and each machine is collected by exactly one of them
// at a time. A worker claims a machine before it scans it by writing its id and a lease expiry on the machine's row;
// it keeps the machine while it renews the lease (every pass that scans it), and a worker that dies leaves a lease
// that expires, after which any other worker takes the machine over. On PostgreSQL the claim skips rows another
// worker's claim has locked (FOR UPDATE SKIP LOCKED), so two workers never wait on each other; SQLite has one
// writer, so the conditional UPDATE alone decides.

/** How long a claim holds without renewal: well inside the shortest collection period of files and registry. */
export const LEASE_MS = Number(process.env.VIGIL_LEASE_MS ?? 60_000);

export const workerId = (): string =>
  process.env.VIGIL_WORKER_ID ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** Claims (or renews) the machines among `machineIds` that are free, expired or already this worker's: their ids. */
export async function claimMachines(db: Db, worker: string, machineIds: readonly string[], now = new Date()): Promise<Set<string>> {
  if (!machineIds.length) return new Set();
  const until = new Date(now.getTime() + LEASE_MS);
  const claimable = sql`"id" IN (${join([...machineIds])})
    AND ("leaseOwner" IS NULL OR "leaseOwner" = ${worker} OR "leaseUntil" IS NULL OR "leaseUntil" < ${now})`;
  const rows =
    databaseKind(db) === "postgres"
      ? await db.$queryRaw<{ id: string }[]>`UPDATE "Machine" SET "leaseOwner" = ${worker}, "leaseUntil" = ${until}
          WHERE "id" IN (SELECT "id" FROM "Machine" WHERE ${claimable} FOR UPDATE SKIP LOCKED) RETURNING "id"`
      : await db.$queryRaw<{ id: string }[]>`UPDATE "Machine" SET "leaseOwner" = ${worker}, "leaseUntil" = ${until}
          WHERE ${claimable} RETURNING "id"`;
  return new Set(rows.map((r) => r.id));
}

/** A worker that stops cleanly hands its machines over at once instead of when the leases expire. */
export async function releaseMachines(db: Db, worker: string): Promise<void> {
  await db.$executeRaw`UPDATE "Machine" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = ${worker}`;
}
