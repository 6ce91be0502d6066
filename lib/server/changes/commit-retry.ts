import "server-only";
import type { Db } from "../db";
import { commitScan, type CommitResult, type ScanReport } from "../ingest/commit-scan";

/**
 * commitScan as an agent calls it: a report that could not be committed because the database was busy (SQLite's
 * single writer held by another process) is sent again. Safe because a scan id is committed at most once.
 */
export async function commitWithRetry(db: Db, report: ScanReport, attempts = 8): Promise<CommitResult> {
  for (let i = 1; ; i++) {
    try {
      return await commitScan(db, report);
    } catch (err) {
      const busy = /timed out|busy|locked/i.test(String((err as Error)?.message ?? err));
      if (!busy || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 250 * i));
    }
  }
}
