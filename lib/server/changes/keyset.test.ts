import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor, type Cursor } from "./keyset";

const cursor: Cursor = { sort: "machine", dir: "asc", group: "m1", time: new Date("2026-05-01T10:00:00.123Z"), id: "c1", back: true };

describe("page cursors", () => {
  it("read back what they wrote", () => {
    expect(decodeCursor(encodeCursor(cursor), "machine", "asc")).toEqual(cursor);
    const time = { ...cursor, sort: "time" as const, dir: "desc" as const, group: null, back: false };
    expect(decodeCursor(encodeCursor(time), "time", "desc")).toEqual(time);
  });

  it("refuse a cursor of another sort or direction, or anything that is not one, naming the field", () => {
    const text = encodeCursor(cursor);
    for (const [t, sort, dir] of [
      [text, "time", "asc"],
      [text, "machine", "desc"],
      ["not-base64-json", "time", "desc"],
      [Buffer.from(JSON.stringify(["time", "desc", null, "yesterday", "c1", 0])).toString("base64url"), "time", "desc"],
      [Buffer.from(JSON.stringify({ a: 1 })).toString("base64url"), "time", "desc"],
      // Ids and groups are ids, types or categories: NUL (a 500 on PostgreSQL) or any other text is forged.
      [Buffer.from(JSON.stringify(["time", "desc", null, 1000, "c1\u0000", 0])).toString("base64url"), "time", "desc"],
      [Buffer.from(JSON.stringify(["machine", "asc", "m1\u0000", 1000, "c1", 0])).toString("base64url"), "machine", "asc"],
      [Buffer.from(JSON.stringify(["machine", "asc", "' OR 1=1 --", 1000, "c1", 0])).toString("base64url"), "machine", "asc"],
    ] as const) {
      let err: unknown;
      try {
        decodeCursor(t, sort, dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields?.[0]?.field).toBe("cursor");
    }
  });
});
