import { describe, expect, it } from "vitest";
import type { InventoryEntry } from "@/lib/domain/diff";
import { dueForVerification } from "./verify";

const HOUR = 3_600_000;
const file = (i: number, verifiedAt: number | null): InventoryEntry => ({
  changeType: "Files",
  itemKey: `/usr/bin/f${i}`,
  sha256: "aa",
  verifiedAt: verifiedAt === null ? null : new Date(verifiedAt),
});

describe("dueForVerification", () => {
  it("reads every file again within the period, a near-equal share each scan", () => {
    // 960 files baselined at t=0, scanned every 15 minutes with a 24 h period: 10 files a scan.
    const period = 24 * HOUR;
    const interval = HOUR / 4;
    let inventory = new Map(Array.from({ length: 960 }, (_, i) => [`/usr/bin/f${i}`, file(i, 0)]));
    const shares: number[] = [];
    for (let now = interval; now <= 3 * period; now += interval) {
      const due = dueForVerification(inventory, { periodMs: period, intervalMs: interval }, now);
      shares.push(due.size);
      inventory = new Map([...inventory].map(([k, e]) => [k, due.has(k) ? { ...e, verifiedAt: new Date(now) } : e]));
      const oldest = Math.min(...[...inventory.values()].map((e) => e.verifiedAt!.getTime()));
      expect(now - oldest).toBeLessThanOrEqual(period);
    }
    expect(Math.max(...shares)).toBe(10);
    expect(Math.min(...shares)).toBe(10);
  });

  it("reads never-verified and overdue files first, all of them, and ignores entries without a hash", () => {
    const prev = new Map([
      ["/a", file(1, null)],
      ["/b", file(2, 0)],
      ["/c", file(3, 20 * HOUR)],
      ["/d", { ...file(4, null), sha256: null }],
    ]);
    const due = dueForVerification(prev, { periodMs: 24 * HOUR, intervalMs: HOUR }, 23.5 * HOUR);
    expect([...due].sort()).toEqual(["/usr/bin/f1", "/usr/bin/f2"]);
  });
});
