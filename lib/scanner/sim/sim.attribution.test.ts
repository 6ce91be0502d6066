// The simulated fleet attributes its changes as a real agent would: package upgrades and Patch Tuesday to a package
// version or KB, tampering (loosened permissions on a package's binary) as differing from the package, and files no
// package installed (a dropped bot) to no package.
import { describe, expect, it } from "vitest";
import { diffInventories, type InventoryEntry } from "@/lib/domain/diff";
import { attributionOf, type AttributedEntry } from "@/lib/domain/packages";
import { DEMO_FLEET, RECOMMENDED_SIM_ENTITIES } from "./fleet-fixture";
import { SIM_EPOCH, simulateScan } from "./index";
import { simulatedMachine } from "./machine";
import { entity } from "./test-helpers";

const DAY = 86_400_000;
const fleet = new Map(DEMO_FLEET.flatMap((w) => w.machines).map((m) => [m.name, m]));
const ENTITIES = [...RECOMMENDED_SIM_ENTITIES, entity("WINDOWS_FILE", "%windir%\\System32\\*.exe")];

/** The changed files' current entries at the first occurrence of an effect that changes files on a machine. */
function changedEntries(effect: string, machines: string[]): AttributedEntry[] {
  for (const name of machines) {
    const m = fleet.get(name)!;
    for (const t of simulatedMachine(m).timeline.instantsOf(effect, SIM_EPOCH, SIM_EPOCH + 330 * DAY)) {
      const before = simulateScan(m, ENTITIES, "Files", new Date(t - 1));
      const after = simulateScan(m, ENTITIES, "Files", new Date(t));
      const changed = new Set(diffInventories(before.entries, after.entries).map((c) => c.target));
      const entries = after.entries.filter((e: InventoryEntry) => changed.has(e.itemKey));
      if (entries.length) return entries;
    }
  }
  throw new Error(`no visible ${effect}`);
}

describe("attribution in the simulated fleet", () => {
  it("attributes a package upgrade's binaries to the package and its new version", () => {
    const bins = changedEntries("upgrade", ["web-eus-01", "api-eus-01"]).filter((e) => e.itemKey.startsWith("/usr/bin/"));
    expect(bins.length).toBeGreaterThan(0);
    for (const e of bins) {
      expect(attributionOf(e)).toBe("PackageUpdate");
      expect(e.packageVersion).toMatch(/^1\.\d+\.\d-1$/);
    }
  });

  it("attributes Patch Tuesday's binaries to a KB", () => {
    const exes = changedEntries("cu-install", ["dc-eus-01"]).filter((e) => e.itemKey.startsWith("C:\\Windows\\System32\\"));
    expect(exes.length).toBeGreaterThan(10);
    for (const e of exes) expect(e).toMatchObject({ packageShipped: true, packageVersion: expect.stringMatching(/^KB\d{7}$/) });
  });

  it("does not attribute tampering to a package", () => {
    const loosened = changedEntries("chmod-loosen", ["web-eus-01", "api-eus-01", "web-eus-02", "web-weu-01", "ci-wus2-01"]);
    for (const e of loosened) expect(attributionOf(e)).toBe("DiffersFromPackage");
    const bot = changedEntries("malware-add", ["ci-wus2-01"]).find((e) => /^\/usr\/bin\/[a-z]{10}$/.test(e.itemKey))!;
    expect(attributionOf(bot)).toBe("NoPackage");
  });
});
