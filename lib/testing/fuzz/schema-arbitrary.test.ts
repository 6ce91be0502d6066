import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENDPOINTS } from "@/lib/contracts/api";
import { buildOpenApiDocument } from "@/lib/contracts/openapi";
import { RawJson, toJsonText } from "./hostile";
import { mutatedArbitrary, validArbitrary, type JsonSchema } from "./schema-arbitrary";

const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, { parameters: { name: string; in: string; schema: JsonSchema }[] }>>;
};

describe("values from a JSON Schema", () => {
  it("are accepted by the endpoint's own schema for every path parameter of the document", () => {
    for (const ep of ENDPOINTS.filter((e) => e.params)) {
      const params = doc.paths[ep.path][ep.method.toLowerCase()].parameters.filter((p) => p.in === "path");
      const arb = fc.record(Object.fromEntries(params.map((p) => [p.name, validArbitrary(p.schema)])));
      fc.assert(
        fc.property(arb, (value) => {
          expect(ep.params!.safeParse(value).success, `${ep.operationId} ${JSON.stringify(value)}`).toBe(true);
        }),
        { numRuns: 50 },
      );
    }
  });

  it("keep required keys, leave out a property that accepts nothing, and stay within the length caps", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        name: { type: "string", maxLength: 1000 },
        sizes: { type: "array", items: { type: "integer", minimum: 1, maximum: 3 }, maxItems: 100 },
        kind: { not: {} },
        when: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
        mode: { type: "string", enum: ["a", "b"] },
      },
      required: ["name", "sizes", "when"],
    };
    const check = z.strictObject({
      name: z.string().max(5),
      sizes: z.array(z.number().int().min(1).max(3)).max(2),
      when: z.iso.datetime({ offset: true }).nullable(),
      mode: z.enum(["a", "b"]).optional(),
    });
    for (const value of fc.sample(validArbitrary(schema, { maxLength: 5, maxItems: 2 }), 200)) {
      expect(check.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
  });

  it("offer a property's hint, by name, besides what its schema gives", () => {
    const schema: JsonSchema = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    const ids = fc.sample(validArbitrary(schema, { hints: { id: fc.constant("real-id") } }), 200).map((v) => (v as { id: string }).id);
    expect(ids).toContain("real-id");
    expect(ids.some((id) => id !== "real-id")).toBe(true);
  });
});

describe("a mutated value", () => {
  it("differs from the valid one in one spot, or has one stray key", () => {
    const valid = { name: "valid-name", tags: ["valid-tag"] };
    for (const value of fc.sample(mutatedArbitrary(fc.constant(valid)), 200)) {
      expect(value).not.toEqual(valid);
      const v = value as Record<string, unknown>;
      const kept = (v.name === valid.name ? 1 : 0) + (JSON.stringify(v.tags) === JSON.stringify(valid.tags) ? 1 : 0);
      expect(kept, JSON.stringify(value)).toBeGreaterThanOrEqual(Object.keys(v).length > 2 ? 2 : 1);
    }
  });
});

describe("JSON text of hostile values", () => {
  it("writes numbers JSON.stringify cannot, lone surrogates and __proto__ keys as an attacker sends them", () => {
    const text = toJsonText({ zero: new RawJson("-0"), huge: new RawJson("1e309"), s: "\uD800", ...JSON.parse('{"__proto__": 1}') });
    const back = JSON.parse(text) as Record<string, unknown>;
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(back.huge).toBe(Infinity);
    expect(back.s).toBe("\uD800");
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
  });
});
