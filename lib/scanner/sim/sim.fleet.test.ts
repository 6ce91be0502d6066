import { describe, expect, it } from "vitest";
import type { ChangeType } from "@/lib/domain/types";
import { DEMO_FLEET, RECOMMENDED_SIM_ENTITIES } from "./fleet-fixture";
import { machineHistory } from "./fleet-history";
import { activityBetween, resetSimulation } from "./index";
import { entity } from "./test-helpers";

const DAY = 86_400_000;
const TO = new Date("2026-11-25T00:00:00Z");
const FROM = new Date(TO.getTime() - 30 * DAY);

describe("the demo fleet over 30 days", () => {
  it("runs a month of history (scan + diff of every interval with activity) in well under 15 s of one core, with believable rates", () => {
    resetSimulation(); // a fresh start: the replay from the simulation epoch is part of the cost
    const entities = [...RECOMMENDED_SIM_ENTITIES, entity("WINDOWS_SERVICE", "*")];
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const perWorkspace = new Map<string, { records: number; byType: Record<ChangeType, number>; days: Map<string, number> }>();
    let scans = 0;
    for (const w of DEMO_FLEET) {
      const stats = { records: 0, byType: { Files: 0, Registry: 0, WindowsServices: 0 }, days: new Map<string, number>() };
      for (const m of w.machines) {
        // As the collector's backfill does: skip an interval only when nothing at all happened on the machine.
        const h = machineHistory(m, entities, FROM, TO, (changes, at, type) => {
          if (type === "WindowsServices") return; // the seed tracks the recommended entities only
          const day = at.toISOString().slice(0, 10);
          stats.days.set(day, (stats.days.get(day) ?? 0) + changes.length);
        });
        scans += h.scans;
        for (const t of ["Files", "Registry", "WindowsServices"] as const) stats.byType[t] += h.byType[t];
        expect(h.errors).toBe(0);
      }
      stats.records = stats.byType.Files + stats.byType.Registry;
      perWorkspace.set(w.name, stats);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - wall0;

    const fim = DEMO_FLEET.filter((w) => w.fimEnabled).flatMap((w) => w.machines);
    const events = fim.reduce((n, m) => n + activityBetween(m, FROM, TO), 0);
    const minutesPerEvent = (30 * 24 * 60) / events;
    console.info(
      `fleet history: ${DEMO_FLEET.flatMap((w) => w.machines).length} machines, ${scans} scans, ${cpuMs.toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall); ` +
        `one event every ${minutesPerEvent.toFixed(2)} min across ${fim.length} FIM machines; records per workspace (recommended entities): ` +
        [...perWorkspace].map(([name, s]) => `${name}=${s.records}`).join(", "),
    );

    expect(cpuMs).toBeLessThan(15_000);
    expect(minutesPerEvent).toBeGreaterThanOrEqual(1);
    expect(minutesPerEvent).toBeLessThanOrEqual(3);
    for (const w of DEMO_FLEET.filter((x) => x.fimEnabled)) {
      const s = perWorkspace.get(w.name)!;
      expect(s.records).toBeGreaterThan(1_000);
      expect(s.records).toBeLessThan(20_000);
      expect(s.byType.Files).toBeGreaterThan(0);
      expect(s.byType.Registry).toBeGreaterThan(0);
      // Patch and upgrade days stand out: the busiest day is several times a median day.
      const days = [...s.days.values()].sort((a, b) => a - b);
      expect(days[days.length - 1]).toBeGreaterThan(2.5 * days[Math.floor(days.length / 2)]);
    }
  }, 180_000);
});
