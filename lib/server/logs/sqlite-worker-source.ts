import "server-only";

// The code of a Logs query worker thread (run with `eval`, so no file has to be found next to a bundle). It opens
// its own read-only connection and registers vigil_in_time(), which every table scan of a Logs query calls for each
// row it reads: past the deadline it throws, and SQLite abandons the statement. better-sqlite3 has no
// sqlite3_interrupt, but a user function runs inside the statement, so this stops any query within one row.
// Rows go back in batches; after each batch the worker sleeps on a shared flag until the reader asks for more
// (or says stop), so a long export holds one batch in memory, and the time it waits does not count.
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 10000 });
let deadline = 0;
db.function("vigil_in_time", { deterministic: false }, () => {
  if (Date.now() > deadline) throw new Error("VIGIL_QUERY_TIMEOUT");
  return 1;
});
parentPort.on("message", (job) => {
  const flag = new Int32Array(job.flag);
  deadline = Date.now() + job.limitMs;
  const send = (m) => job.port.postMessage(m);
  try {
    const stmt = db.prepare(job.sql).raw(true);
    let rows = [];
    for (const row of stmt.iterate(...job.params)) {
      rows.push(row);
      if (rows.length < job.batch) continue;
      send({ rows });
      rows = [];
      const waitStart = Date.now();
      Atomics.wait(flag, 0, 0);
      deadline += Date.now() - waitStart;
      const want = Atomics.exchange(flag, 0, 0);
      if (want === 2) break;
    }
    send({ rows, done: true });
  } catch (err) {
    const message = String(err && err.message);
    send({ error: message, timeout: message.includes("VIGIL_QUERY_TIMEOUT") });
  }
});
`;
