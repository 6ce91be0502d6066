import { describe, expect, it } from "vitest";
import type { TAgentScanReportWire } from "@/lib/contracts/agent";
import { mayDelta, toDelta, type CommittedScan } from "./delta";

const report = (entries: TAgentScanReportWire["entries"], extra: Partial<TAgentScanReportWire> = {}): TAgentScanReportWire => ({
  scanId: "s2",
  changeType: "Files",
  startedAt: "2026-12-07T00:00:00Z",
  finishedAt: "2026-12-07T00:00:01Z",
  configVersion: 4,
  entityIds: ["e1", "e2"],
  entries,
  ...extra,
});

describe("toDelta", () => {
  it("keeps the entries that differ from what the server committed and lists every key gone, with its package facts", () => {
    const before = [
      { itemKey: "/a", size: 1, sha256: "x" },
      { itemKey: "/b", size: 2 },
      { itemKey: "/c", size: 3 },
      { itemKey: "/d", size: 4 },
    ];
    const now = report(
      [
        { itemKey: "/a", size: 1, sha256: "x" },
        { itemKey: "/b", size: 20 },
        { itemKey: "/e", size: 5 },
      ],
      {
        removed: [{ itemKey: "/c", packageName: "pkg-c", packageShipped: true }],
      },
    );
    const delta = toDelta(now, "s1", before);
    expect(delta.baseScanId).toBe("s1");
    expect(delta.entries.map((e) => e.itemKey)).toEqual(["/b", "/e"]);
    expect(delta.removed).toEqual([{ itemKey: "/c", packageName: "pkg-c", packageShipped: true }, { itemKey: "/d" }]);
    expect(delta).toMatchObject({ scanId: "s2", configVersion: 4, entityIds: ["e1", "e2"] });
  });
});

describe("mayDelta", () => {
  const committed: CommittedScan = { scanId: "s1", configVersion: 4, entityIds: ["e2", "e1"], fullAt: "2026-12-07T00:00:00Z" };
  const at = Date.parse("2026-12-07T01:00:00Z");
  it("allows a delta under the same configuration and entities, within the full-inventory period", () => {
    expect(mayDelta(committed, report([]), 2 * 3600_000, at)).toBe(true);
  });
  it("asks for the full inventory when nothing was committed, the configuration or entities changed, or the period passed", () => {
    expect(mayDelta(undefined, report([]), 2 * 3600_000, at)).toBe(false);
    expect(mayDelta(committed, report([], { configVersion: 5 }), 2 * 3600_000, at)).toBe(false);
    expect(mayDelta(committed, report([], { entityIds: ["e1"] }), 2 * 3600_000, at)).toBe(false);
    expect(mayDelta(committed, report([], { entityIds: ["e1", "e3"] }), 2 * 3600_000, at)).toBe(false);
    expect(mayDelta(committed, report([]), 3600_000, at)).toBe(false);
  });
});
