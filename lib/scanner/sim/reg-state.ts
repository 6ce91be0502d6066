// The simulated registry of one Windows machine: keys by case-insensitive path, each an immutable object that an
// event replaces. Services live here too, as the Service Control Manager's view (name → configuration and state).

export interface RegValue {
  readonly name: string;
  /** REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_QWORD, REG_BINARY. */
  readonly type: string;
  /** DWORD and QWORD data in decimal, binary data in hex, strings as stored. */
  readonly data: string;
}

export interface RegKey {
  /** Full path with the long hive name, in the key's real letter case. */
  readonly path: string;
  readonly values: ReadonlyMap<string, RegValue>;
  /** Lower-case name → real name of the subkeys. */
  readonly subkeys: ReadonlyMap<string, string>;
}

const sortedValues = new WeakMap<RegKey, readonly RegValue[]>();
const sortedSubkeys = new WeakMap<RegKey, readonly string[]>();
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class RegistryTree {
  private keys: Map<string, RegKey>;
  readonly meta: Map<string, number>;

  constructor(keys?: Map<string, RegKey>, meta?: Map<string, number>) {
    this.keys = keys ?? new Map();
    this.meta = meta ?? new Map();
  }

  clone(): RegistryTree {
    return new RegistryTree(new Map(this.keys), new Map(this.meta));
  }

  key(path: string): RegKey | undefined {
    return this.keys.get(path.toLowerCase());
  }

  /** The key's values sorted by name (cached per immutable key object). */
  values(key: RegKey): readonly RegValue[] {
    let v = sortedValues.get(key);
    if (!v) sortedValues.set(key, (v = [...key.values.values()].sort((a, b) => byName(a.name, b.name))));
    return v;
  }

  /** Real paths of the key's subkeys, sorted. */
  subkeys(key: RegKey): readonly string[] {
    let s = sortedSubkeys.get(key);
    if (!s) sortedSubkeys.set(key, (s = [...key.subkeys.values()].sort(byName).map((n) => `${key.path}\\${n}`)));
    return s;
  }

  ensureKey(path: string): RegKey {
    const existing = this.keys.get(path.toLowerCase());
    if (existing) return existing;
    const i = path.lastIndexOf("\\");
    const created: RegKey = { path, values: new Map(), subkeys: new Map() };
    this.keys.set(path.toLowerCase(), created);
    if (i > 0) {
      const parent = this.ensureKey(path.slice(0, i));
      const name = path.slice(i + 1);
      const subkeys = new Map(parent.subkeys).set(name.toLowerCase(), name);
      this.keys.set(parent.path.toLowerCase(), { ...parent, subkeys });
    }
    return created;
  }

  setValue(path: string, name: string, type: string, data: string): void {
    const key = this.ensureKey(path);
    const current = key.values.get(name.toLowerCase());
    if (current && current.type === type && current.data === data) return;
    const values = new Map(key.values).set(name.toLowerCase(), { name: current?.name ?? name, type, data });
    this.keys.set(key.path.toLowerCase(), { ...key, values });
  }

  value(path: string, name: string): RegValue | undefined {
    return this.key(path)?.values.get(name.toLowerCase());
  }

  deleteValue(path: string, name: string): void {
    const key = this.key(path);
    if (!key || !key.values.has(name.toLowerCase())) return;
    const values = new Map(key.values);
    values.delete(name.toLowerCase());
    this.keys.set(key.path.toLowerCase(), { ...key, values });
  }

  counter(name: string, by: number): number {
    const v = (this.meta.get(name) ?? 0) + by;
    if (v === 0) this.meta.delete(name);
    else this.meta.set(name, v);
    return v;
  }
}

export interface Service {
  readonly name: string;
  readonly displayName: string;
  /** Running | Stopped. */
  readonly state: string;
  /** Auto | Manual | Disabled. */
  readonly startupType: string;
  readonly path: string;
  readonly account: string;
}

export class ServiceTable {
  private services: Map<string, Service>;
  private sorted: Service[] | null = null;
  readonly meta: Map<string, number>;

  constructor(services?: Map<string, Service>, meta?: Map<string, number>) {
    this.services = services ?? new Map();
    this.meta = meta ?? new Map();
  }

  clone(): ServiceTable {
    return new ServiceTable(new Map(this.services), new Map(this.meta));
  }

  get(name: string): Service | undefined {
    return this.services.get(name.toLowerCase());
  }

  put(s: Service): void {
    this.services.set(s.name.toLowerCase(), s);
    this.sorted = null;
  }

  update(name: string, change: Partial<Omit<Service, "name">>): void {
    const s = this.get(name);
    if (s) this.put({ ...s, ...change });
  }

  remove(name: string): void {
    if (this.services.delete(name.toLowerCase())) this.sorted = null;
  }

  /** All services, sorted by name. */
  all(): readonly Service[] {
    if (this.sorted === null) this.sorted = [...this.services.values()].sort((a, b) => byName(a.name.toLowerCase(), b.name.toLowerCase()));
    return this.sorted;
  }
}
