import "server-only";
import type { Db } from "../db";
import { raw, sql } from "../changes/sql";
import { isBusy, isUniqueViolation, lockMachine, writeRawTransaction } from "../tx";
import type { RawTx } from "../raw-tx";
import { commitInTx, commitScan, NOTHING, type CommitResult, type ScanReport } from "./commit-scan";

// Group commit, for the SQLite commit thread (commit-thread-entry.ts): the scans queued while the last transaction ran
// commit together, in one transaction. SQLite has one writer, so under a backlog they would be committed one after the
// other anyway; together they pay one BEGIN and one COMMIT, and the pages they share (the tails of the change records'
// time indexes, the hourly counts, the workspace's rows) are written to the WAL once instead of once per scan.
// Each scan runs inside its own savepoint: a scan that fails is rolled back alone and answered with its own error, the
// others commit. Nothing is answered before the COMMIT, so a crash loses no acknowledged scan.

export type BatchOutcome = { result: CommitResult } | { error: unknown };

export async function commitScanBatch(db: Db, reports: readonly ScanReport[]): Promise<BatchOutcome[]> {
  if (reports.length === 1) {
    try {
      return [{ result: await commitScan(db, reports[0]) }];
    } catch (error) {
      return [{ error }];
    }
  }
  try {
    return await writeRawTransaction(
      db,
      async (tx) => {
        const out: BatchOutcome[] = [];
        for (const report of reports) out.push(await commitInSavepoint(tx, report));
        return out;
      },
      { timeout: 120_000, attempts: 5 },
    );
  } catch (error) {
    // The batch itself failed (the database stayed busy, or the connection broke): nothing of it was committed.
    return reports.map(() => ({ error }));
  }
}

async function commitInSavepoint(tx: RawTx, report: ScanReport): Promise<BatchOutcome> {
  await tx.execute(raw("SAVEPOINT scan"));
  try {
    const result = await commitInTx(tx, await lockMachine(tx, report.machineId), report);
    await tx.execute(raw("RELEASE scan"));
    return { result };
  } catch (error) {
    if (isBusy(error)) throw error; // the whole batch is retried
    await tx.execute(raw("ROLLBACK TO scan"));
    await tx.execute(raw("RELEASE scan"));
    // As in commitScan: a scan id that is committed (here, earlier in this transaction) means the report is in.
    if (isUniqueViolation(error) && (await tx.query(sql`SELECT 1 AS x FROM "Scan" WHERE "id" = ${report.scanId}`)).length) {
      return { result: { duplicate: true, ...NOTHING } };
    }
    return { error };
  }
}
