// fast-check arbitraries from the JSON Schemas of the OpenAPI document (the dialect z.toJSONSchema writes): values
// the schema accepts, and the same values with one spot made hostile. No registry package does this for fast-check 4
// and JSON Schema 2020-12, and only the keywords our contracts use are needed.
import fc from "fast-check";
import { hostileJson } from "./hostile";

export type JsonSchema = { [keyword: string]: unknown };

export type SchemaArbitraryOptions = {
  /** Schemas that `$ref` points to (`#/components/schemas/Name`). */
  components?: Record<string, JsonSchema>;
  /** Realistic values of a property, by its name, offered besides what its schema gives (real ids, real paths). */
  hints?: Record<string, fc.Arbitrary<unknown>>;
  /** Longest string and array generated, whatever the schema allows: keeps bodies small. */
  maxLength?: number;
  maxItems?: number;
};

const INT32 = 2 ** 31 - 1;

function dateTime(): fc.Arbitrary<string> {
  const date = fc.date({ min: new Date("1899-06-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true });
  const offset = fc.constantFrom("Z", "+00:00", "+05:30", "-08:00", "+14:00");
  return fc.tuple(date, offset, fc.boolean()).map(([d, off, ms]) => {
    const iso = d.toISOString();
    return (ms ? iso.slice(0, -1) : iso.slice(0, 19)) + off;
  });
}

function stringOf(s: JsonSchema, o: Required<Omit<SchemaArbitraryOptions, "components" | "hints">>): fc.Arbitrary<string> {
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = Math.max(min, Math.min(typeof s.maxLength === "number" ? s.maxLength : o.maxLength, o.maxLength));
  if (s.format === "date-time") return dateTime();
  if (typeof s.pattern === "string") {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .map((v) => v.slice(0, max))
      .filter((v) => v.length >= min);
  }
  return fc.string({ minLength: min, maxLength: max });
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = typeof s.minimum === "number" ? s.minimum : -INT32;
  const hi = typeof s.maximum === "number" ? s.maximum : INT32;
  const edges = fc.constantFrom(lo, hi);
  const inside = integer
    ? fc.integer({ min: Math.max(lo, -INT32), max: Math.min(hi, INT32) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 4, arbitrary: inside }, { weight: 1, arbitrary: edges });
}

/** Values the schema accepts (as far as its keywords say: refinements in code may still refuse them). */
export function validArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}, name?: string): fc.Arbitrary<unknown> {
  const o = { maxLength: options.maxLength ?? 40, maxItems: options.maxItems ?? 3 };
  const hinted = (arb: fc.Arbitrary<unknown>) => {
    const hint = name !== undefined ? options.hints?.[name] : undefined;
    return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: arb }) : arb;
  };
  const sub = (s: unknown, n?: string) => validArbitrary(s as JsonSchema, options, n);

  if (typeof schema.$ref === "string") {
    const target = options.components?.[schema.$ref.split("/").pop()!];
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    return sub(target, name);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return hinted(fc.constantFrom(...(schema.enum as unknown[])));
  for (const k of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[k])) return hinted(fc.oneof(...(schema[k] as JsonSchema[]).map((s) => sub(s, name))));
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf as JsonSchema[];
    const merged: JsonSchema = {
      type: "object",
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => (p.required as string[]) ?? []),
    };
    return sub(merged, name);
  }
  if (Array.isArray(schema.type)) return hinted(fc.oneof(...schema.type.map((t: string) => sub({ ...schema, type: t }, name))));
  switch (schema.type) {
    case "string":
      return hinted(stringOf(schema, o));
    case "integer":
    case "number":
      return hinted(numberOf(schema, schema.type === "integer"));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === "number" ? schema.maxItems : o.maxItems, o.maxItems));
      return hinted(fc.array(sub(schema.items ?? {}, name === undefined ? undefined : `${name}[]`), { minLength, maxLength }));
    }
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required as string[]) ?? []);
      // `not: {}` (z.never()) accepts nothing: such a property is left out.
      const usable = Object.entries(props).filter(([, s]) => !(s.not && Object.keys(s.not as object).length === 0));
      const model = Object.fromEntries(usable.map(([k, s]) => [k, sub(s, k)]));
      return hinted(fc.record(model, { requiredKeys: usable.map(([k]) => k).filter((k) => required.has(k)) }));
    }
    default:
      // `{}` accepts anything.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Spot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every place in a JSON value where a field or item sits. */
function spots(value: unknown, out: Spot[] = []): Spot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), spots(v, out)));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      spots(v, out);
    }
  }
  return out;
}

const STRAY_KEYS = ["__proto__", "constructor", "prototype", "unknownField", "toString", ""];

/**
 * A valid value with one spot made hostile: a field or item replaced by a hostile value, or a stray key (such as
 * `__proto__`) added to an object. The spot is picked by index, so shrinking keeps it stable.
 */
export function mutatedArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), hostileJson(), fc.boolean(), fc.constantFrom(...STRAY_KEYS))
    .map(([value, index, hostile, addKey, strayKey]) => {
      const copy = structuredClone(value);
      const all = spots(copy);
      if (all.length === 0 || (addKey && copy !== null && typeof copy === "object" && !Array.isArray(copy))) {
        if (copy === null || typeof copy !== "object") return hostile;
        Object.defineProperty(copy, strayKey, { value: hostile, enumerable: true, configurable: true, writable: true });
        return copy;
      }
      const spot = all[index % all.length];
      Object.defineProperty(spot.parent, spot.key, { value: hostile, enumerable: true, configurable: true, writable: true });
      return copy;
    });
}
