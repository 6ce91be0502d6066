import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPERATIONS } from "./openapi";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const V1 = path.join(ROOT, "app/api/v1");

/** Every route file of app/api/v1 as `METHOD /api/v1/path/{param}`, read from the exports of the file. */
function routesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) {
        walk(path.join(dir, d.name), [...segments, d.name]);
      } else if (d.name === "route.ts") {
        const source = fs.readFileSync(path.join(dir, d.name), "utf8");
        const url = "/api/v1/" + segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g))
          out.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(V1, []);
  return out.sort();
}

const doc = buildOpenApiDocument();
type Op = {
  operationId: string;
  parameters: { name: string; in: string }[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
  security?: unknown[];
};
const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
  Object.entries(methods as Record<string, Op>).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, path: p, op })),
);

describe("the OpenAPI document", () => {
  it("lists every route file of app/api/v1, and nothing else", () => {
    expect(ops.map((o) => o.key).sort()).toEqual(routesOnDisk());
  });

  it("is OpenAPI 3.1 with the bearer scheme and the one error schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    expect(JSON.stringify(doc.components.schemas.Error)).toContain("requestId");
    expect(doc.components.securitySchemes.agentToken).toMatchObject({ type: "http", scheme: "bearer" });
    for (const s of ["400", "401", "403", "404", "409", "413", "422", "429", "500"])
      expect(doc.components.responses).toHaveProperty(`E${s}`);
  });

  it("gives each operation a unique id, its path parameters, a success and the error responses", () => {
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    for (const { key, path: p, op } of ops) {
      const pathParams = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        op.parameters
          .filter((x) => x.in === "path")
          .map((x) => x.name)
          .sort(),
        key,
      ).toEqual(pathParams.sort());
      expect(
        Object.keys(op.responses).some((s) => s === "200" || s === "201"),
        key,
      ).toBe(true);
      if (op.security?.length === 0) continue;
      for (const s of ["401", "403", "429", "500"]) expect(op.responses, key).toHaveProperty(s);
      if (pathParams.length) expect(op.responses, key).toHaveProperty("404");
      if (op.requestBody) expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["400", "422"]));
    }
  });

  it("resolves every $ref", () => {
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/(\w+)"/g)) {
      expect(doc.components[m[1] as "schemas" | "responses"], m[0]).toHaveProperty(m[2]);
    }
    expect(OPERATIONS.length).toBe(ops.length);
  });

  it("documents the filters of the changes list", () => {
    const list = ops.find((o) => o.key === "GET /api/v1/workspaces/{id}/changes")!;
    expect(list.op.parameters.map((x) => x.name)).toEqual(
      expect.arrayContaining(["period", "from", "to", "changeType", "category", "machineId", "computer", "q", "cursor", "limit"]),
    );
  });
});
