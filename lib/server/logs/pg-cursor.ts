import "server-only";
import type { Statement } from "@/lib/domain/logs/sql-text";
import type { Db } from "../db";

/** Rows as arrays: the statement's columns are "c0".."cN". */
function arrays(rows: Record<string, unknown>[]): unknown[][] {
  if (rows.length === 0) return [];
  const width = Object.keys(rows[0]).length;
  return rows.map((r) => Array.from({ length: width }, (_v, i) => r[`c${i}`]));
}

/**
 * Batches of a statement's rows through a PostgreSQL cursor in a READ ONLY transaction: one batch in memory at a
 * time, the next fetched when the caller asks. statement_timeout bounds each fetch.
 */
export async function* pgBatches(
  db: Db,
  st: Statement,
  fetchLimitMs: number,
  totalLimitMs: number,
  batch = 5000,
): AsyncGenerator<unknown[][]> {
  let handoff: ((rows: unknown[][] | null) => void) | null = null;
  let resume: (() => void) | null = null;
  let stop = false;
  let failure: unknown = null;
  const next = () => new Promise<unknown[][] | null>((resolve) => (handoff = resolve));
  let pending = next();
  const tx = db
    .$transaction(
      async (t) => {
        await t.$executeRawUnsafe("SET TRANSACTION READ ONLY");
        await t.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(fetchLimitMs))}`);
        await t.$executeRawUnsafe(`DECLARE vigil_logs NO SCROLL CURSOR FOR ${st.text}`, ...st.params);
        for (;;) {
          const rows = arrays(await t.$queryRawUnsafe<Record<string, unknown>[]>(`FETCH ${batch} FROM vigil_logs`));
          if (rows.length === 0) break;
          const waiting = new Promise<void>((resolve) => (resume = resolve));
          handoff?.(rows);
          await waiting;
          if (stop) break;
        }
      },
      { timeout: totalLimitMs, maxWait: 10_000 },
    )
    .catch((err: unknown) => {
      failure = err;
    })
    .finally(() => handoff?.(null));
  try {
    for (;;) {
      const rows = await pending;
      if (rows === null) break;
      pending = next();
      yield rows;
      (resume as (() => void) | null)?.();
    }
    await tx;
    if (failure) throw failure;
  } finally {
    stop = true;
    (resume as (() => void) | null)?.();
    await tx;
  }
}
