// Registry and services scans of a simulated Windows machine. A registry entity names a key: with a value name it
// tracks that value, without one the key itself and all its values (and, with Recursion, its subkeys'). Item
// keys are `KEY\ValueName` (or the key alone), exactly the `target` diffInventories builds, so records and
// inventory agree. Services are tracked by name (a wildcard selects several). Limits: 250 each a machine.
// Registry keys are immutable objects, so an entity's entries are memoised with the keys they were read from.
import type { InventoryEntry } from "@/lib/domain/diff";
import { MAX_REGISTRY_KEYS_PER_MACHINE, MAX_SERVICES_PER_MACHINE } from "@/lib/domain/paths";
import { normalizeRegistryKey } from "@/lib/domain/registry";
import { hasWildcard, matchesLastSegment } from "@/lib/domain/wildcard";
import type { RegKey, RegistryTree, RegValue, ServiceTable } from "./reg-state";
import { entryFor, type SimEntity, type SimScanError, type SimScanResult } from "./scan-types";

const MAX_DEPTH = 32;

interface Memo {
  /** Keys read (path → the immutable key object, or undefined when absent). */
  reads: (readonly [string, RegKey | undefined])[];
  entries: InventoryEntry[];
}

const memos = new WeakMap<RegistryTree, Map<string, Memo>>();

function registryEntry(entityId: string, itemKey: string, key: RegKey, value: RegValue | null): InventoryEntry {
  return entryFor(
    value ?? key,
    itemKey,
    entityId,
    (e) => e.registryKey === key.path,
    () => ({
      changeType: "Registry",
      itemKey,
      entityId,
      registryKey: key.path,
      valueName: value?.name ?? null,
      valueType: value?.type ?? null,
      valueData: value?.data ?? null,
    }),
  );
}

/** The entries of one entity, at most `max`, without regard to other entities. */
function readEntity(reg: RegistryTree, entity: SimEntity, max: number): Memo {
  const memo: Memo = { reads: [], entries: [] };
  const read = (path: string) => {
    const k = reg.key(path);
    memo.reads.push([path, k]);
    return k;
  };
  const add = (itemKey: string, key: RegKey, value: RegValue | null) =>
    memo.entries.push(registryEntry(entity.id, itemKey, key, value)) < max;
  const visit = (key: RegKey, depth: number): boolean => {
    if (entity.valueName === "") {
      if (!add(key.path, key, null)) return false;
      for (const v of reg.values(key)) if (!add(`${key.path}\\${v.name}`, key, v)) return false;
    } else {
      const v = key.values.get(entity.valueName.toLowerCase());
      if (v && !add(`${key.path}\\${v.name}`, key, v)) return false;
    }
    if (!entity.recursion || depth >= MAX_DEPTH) return true;
    for (const sub of reg.subkeys(key)) {
      const child = read(sub);
      if (child && !visit(child, depth + 1)) return false;
    }
    return true;
  };
  const key = read(normalizeRegistryKey(entity.path, "long"));
  if (key) visit(key, 0); // a key that does not exist (RunServices on modern Windows) has no items
  return memo;
}

export function scanRegistry(reg: RegistryTree, entities: readonly SimEntity[], limit = MAX_REGISTRY_KEYS_PER_MACHINE): SimScanResult {
  const previous = memos.get(reg);
  const current = new Map<string, Memo>();
  memos.set(reg, current);
  const errors: SimScanError[] = [];
  const entries: InventoryEntry[] = [];
  const seen = new Set<string>();
  outer: for (const entity of entities) {
    const memoKey = `${entity.id}\u0000${entity.path}\u0000${entity.valueName}\u0000${entity.recursion}`;
    let memo = previous?.get(memoKey);
    if (!memo || !memo.reads.every(([path, k]) => reg.key(path) === k)) memo = readEntity(reg, entity, limit + 1);
    current.set(memoKey, memo);
    for (const e of memo.entries) {
      const k = e.itemKey.toLowerCase();
      if (seen.has(k)) continue;
      if (entries.length >= limit) {
        errors.push({
          entityId: entity.id,
          path: entity.path,
          message: `The limit of ${limit} registry items a machine was reached: keys and values from this entry on are not tracked. Track fewer keys, or name the value to track.`,
        });
        break outer;
      }
      seen.add(k);
      entries.push(e);
    }
  }
  return { entries, errors, contents: new Map() };
}

export function scanServices(table: ServiceTable, entities: readonly SimEntity[], limit = MAX_SERVICES_PER_MACHINE): SimScanResult {
  const errors: SimScanError[] = [];
  const entries: InventoryEntry[] = [];
  const seen = new Set<string>();
  outer: for (const entity of entities) {
    const name = entity.path.trim();
    const matched = hasWildcard(name)
      ? table.all().filter((s) => matchesLastSegment(name, s.name, { caseInsensitive: true }))
      : [table.get(name)].filter((s) => s !== undefined);
    for (const s of matched) {
      if (seen.has(s.name.toLowerCase())) continue;
      if (entries.length >= limit) {
        errors.push({
          entityId: entity.id,
          path: entity.path,
          message: `The limit of ${limit} services a machine was reached: services from this entry on are not tracked.`,
        });
        break outer;
      }
      seen.add(s.name.toLowerCase());
      entries.push(
        entryFor(
          s,
          s.name,
          entity.id,
          () => true,
          () => ({
            changeType: "WindowsServices",
            itemKey: s.name,
            entityId: entity.id,
            svcName: s.name,
            svcDisplayName: s.displayName,
            svcState: s.state,
            svcStartupType: s.startupType,
            svcPath: s.path,
            svcAccount: s.account,
          }),
        ),
      );
    }
  }
  return { entries, errors, contents: new Map() };
}
