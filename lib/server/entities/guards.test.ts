import { describe, expect, it } from "vitest";
import type { Db } from "../db";
import { AppError } from "../errors";
import { writeTransaction } from "./guards";

/** A database whose transactions fail with SQLITE_BUSY (P1008) a given number of times, then succeed. */
function busyDb(failures: number) {
  let calls = 0;
  const db = {
    $transaction: async (fn: (tx: unknown) => Promise<unknown>) => {
      calls += 1;
      if (calls <= failures) throw Object.assign(new Error("Operation has timed out"), { code: "P1008" });
      return fn({});
    },
  };
  return { db: db as unknown as Db, calls: () => calls };
}

describe("writeTransaction", () => {
  it("retries a write that met the scanner's lock, from the start", async () => {
    const { db, calls } = busyDb(2);
    expect(await writeTransaction(db, async () => "saved")).toBe("saved");
    expect(calls()).toBe(3);
  });

  it("gives up with a refusal that says nothing was saved", async () => {
    const { db, calls } = busyDb(5);
    const err = await writeTransaction(db, async () => "saved").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "unavailable", message: expect.stringMatching(/busy recording scan results, so nothing was saved/) });
    expect(calls()).toBe(3);
  });

  it("does not retry other errors", async () => {
    const { db, calls } = busyDb(0);
    await expect(writeTransaction(db, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(calls()).toBe(1);
  });
});
