import { describe, expect, it } from "vitest";
import { diffInventories } from "@/lib/domain/diff";
import { RECOMMENDED_SIM_ENTITIES } from "./fleet-fixture";
import { activityBetween, resetSimulation, SIM_EPOCH, simulateScan } from "./index";
import { API, AT, DC, entity, WEB } from "./test-helpers";

const DAY = 86_400_000;
const services = [entity("WINDOWS_SERVICE", "*")];

describe("determinism", () => {
  it("returns the same inventory for the same machine and instant, twice and after a fresh start", () => {
    for (const [m, type, es] of [
      [WEB, "Files", RECOMMENDED_SIM_ENTITIES],
      [DC, "Registry", RECOMMENDED_SIM_ENTITIES],
      [DC, "WindowsServices", services],
    ] as const) {
      const a = simulateScan(m, es, type, AT);
      const b = simulateScan(m, es, type, AT);
      expect(b).toEqual(a);
      resetSimulation();
      expect(simulateScan(m, es, type, AT)).toEqual(a);
      expect(a.entries.length).toBeGreaterThan(10);
    }
  });

  it("does not depend on the order instants are asked in (forward, backward, jumps)", () => {
    const instants = [0, 3, 10, 1, 25, 7].map((d) => new Date(AT.getTime() + d * DAY + d * 3_600_000));
    resetSimulation();
    const inOrder = instants.map((t) => simulateScan(API, RECOMMENDED_SIM_ENTITIES, "Files", t));
    const fresh = instants.map((t) => {
      resetSimulation();
      return simulateScan(API, RECOMMENDED_SIM_ENTITIES, "Files", t);
    });
    expect(inOrder).toEqual(fresh);
  });

  it("is the base state before the simulation epoch, and changes after it", () => {
    const before = simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Files", new Date(SIM_EPOCH - DAY));
    const atEpoch = simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Files", new Date(SIM_EPOCH));
    expect(atEpoch).toEqual(before);
    expect(diffInventories(before.entries, simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries).length).toBeGreaterThan(0);
  });

  it("gives each machine its own state (inodes and install dates differ)", () => {
    const other = { ...WEB, id: "x", name: "web-eus-02", simSeed: WEB.simSeed + 1 };
    const a = simulateScan(WEB, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries.find((e) => e.itemKey === "/etc/sysctl.conf");
    const b = simulateScan(other, RECOMMENDED_SIM_ENTITIES, "Files", AT).entries.find((e) => e.itemKey === "/etc/sysctl.conf");
    expect(a?.inode).not.toEqual(b?.inode);
  });

  it("finds an identical state wherever activityBetween reports no event", () => {
    let checked = 0;
    for (const m of [WEB, API]) {
      for (let t = AT.getTime(); t < AT.getTime() + 2 * DAY; t += 15 * 60_000) {
        const next = t + 15 * 60_000;
        const a = simulateScan(m, RECOMMENDED_SIM_ENTITIES, "Files", new Date(t));
        const b = simulateScan(m, RECOMMENDED_SIM_ENTITIES, "Files", new Date(next));
        const changes = diffInventories(a.entries, b.entries);
        if (activityBetween(m, new Date(t), new Date(next)) === 0) {
          expect(changes).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("counts activity per kind of data when asked", () => {
    const from = AT;
    const to = new Date(AT.getTime() + DAY);
    const all = activityBetween(DC, from, to);
    const parts = (["Files", "Registry", "WindowsServices"] as const).map((c) => activityBetween(DC, from, to, c));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(all);
    expect(parts[2]).toBeGreaterThan(0); // services start and stop every day
    expect(activityBetween(WEB, from, to, "Registry")).toBe(0);
    expect(activityBetween(WEB, to, from)).toBe(0);
  });
});
