import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENDPOINTS } from "@/lib/contracts/api";
import { buildOpenApiDocument, operationOf } from "@/lib/contracts/openapi";
import { loadRoutes, type RouteMethod } from "./route-table";

const routes = await loadRoutes();
/** Every exported handler of every route file, with the endpoint the wrapper enforces for it. */
const handlers = routes.flatMap((r) =>
  (Object.entries(r.mod) as [RouteMethod, (typeof r.mod)[RouteMethod]][])
    .filter(([name]) => ["GET", "POST", "PATCH", "DELETE"].includes(name))
    .map(([method, fn]) => ({ method, pattern: r.pattern, file: r.file, endpoint: fn?.endpoint })),
);

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

describe("routes and their declarations", () => {
  it("every route handler is the wrapper around a declared endpoint of its own method and path", () => {
    for (const h of handlers) {
      expect(h.endpoint, `${h.method} ${h.file} is not wrapped by handle()`).toBeDefined();
      expect(`${h.endpoint!.method} ${h.endpoint!.path}`, h.file).toBe(`${h.method} ${h.pattern}`);
    }
  });

  it("the declared endpoints are exactly the routes: none undocumented, none promised without a route", () => {
    const served = new Set(handlers.map((h) => h.endpoint));
    expect(served.size).toBe(handlers.length);
    for (const ep of ENDPOINTS) expect(served.has(ep), `${ep.method} ${ep.path} has no route`).toBe(true);
    expect(ENDPOINTS.length).toBe(handlers.length);
  });

  it("documents for each route the very schemas its wrapper validates with", () => {
    const schema = (s: z.ZodType | undefined, io: "input" | "output") =>
      s ? z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) : null;
    for (const h of handlers) {
      const ep = h.endpoint!;
      const key = `${h.method} ${h.pattern}`;
      const op = ops.find((o) => o.key === key)!.op;
      expect(op, key).toEqual(operationOf(ep));
      const name = (ref: unknown) =>
        String((ref as { $ref: string }).$ref)
          .split("/")
          .pop()!;
      const ok = op.responses[String(ep.status ?? 200)] as { content: Record<string, { schema: unknown }> };
      const { $schema: _r, ...response } = schema(ep.response, "output")!;
      expect(Object.keys(ok.content), key).toEqual([ep.download ?? "application/json"]);
      expect(doc.components.schemas[name(ok.content[ep.download ?? "application/json"].schema)], `${key} response`).toEqual(response);
      if (ep.body) {
        const body = op.requestBody as { content: { "application/json": { schema: unknown } } };
        const { $schema: _b, ...request } = schema(ep.body, "input")!;
        expect(doc.components.schemas[name(body.content["application/json"].schema)], `${key} body`).toEqual(request);
      }
      const queryNames = op.parameters.filter((p) => p.in === "query").map((p) => p.name);
      const declared = ep.query ? JSON.stringify(schema(ep.query, "input")) : "";
      for (const q of queryNames) expect(declared, `${key} query ${q}`).toContain(`"${q}"`);
    }
  });
});

describe("the OpenAPI document", () => {
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

  it("lists 400 for a badly encoded path segment, and 400, 413 and 415 for the body any POST, PATCH or DELETE may send", () => {
    for (const { key, path: p, op } of ops) {
      if (op.security?.length === 0) continue;
      if (p.includes("{")) expect(op.responses, key).toHaveProperty("400");
      if (!key.startsWith("GET ")) expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
  });

  it("declares the tag of every operation, so the API reference lists each under its heading", () => {
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const e of ENDPOINTS) expect(declared, `${e.method} ${e.path}`).toContain(e.tag);
  });

  it("resolves every $ref", () => {
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/(\w+)"/g)) {
      expect(doc.components[m[1] as "schemas" | "responses"], m[0]).toHaveProperty(m[2]);
    }
    expect(ENDPOINTS.length).toBe(ops.length);
  });

  it("documents the filters of the changes list", () => {
    const list = ops.find((o) => o.key === "GET /api/v1/workspaces/{id}/changes")!;
    expect(list.op.parameters.map((x) => x.name)).toEqual(
      expect.arrayContaining(["period", "from", "to", "changeType", "category", "machineId", "computer", "q", "cursor", "limit"]),
    );
  });
});
