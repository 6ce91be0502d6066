import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { endpoint } from "@/lib/contracts/endpoint";
import { AppError } from "./errors";
import { csvResponse } from "./export/download";

const user = { id: "u1", email: "owner@contoso.com", name: "Owner" };
const session = vi.hoisted(() => ({ signedIn: true, role: "OWNER" as string | null }));
vi.mock("./session", () => ({
  requireUser: async () => {
    if (!session.signedIn) throw new (await import("./errors")).AppError("unauthorized", "Sign in to continue.");
    return user;
  },
}));
vi.mock("./permissions", () => ({
  authorizeWorkspace: async () => {
    const { AppError: E } = await import("./errors");
    if (!session.role) throw new E("not_found", "The workspace was not found, or you have no access to it.");
    if (session.role === "READER") throw new E("forbidden", "Your role does not allow you to edit tracked entities.");
    return session.role;
  },
}));
vi.mock("./db", () => ({ getDb: async () => ({}) }));

const { handle } = await import("./route");
const ctx = { params: Promise.resolve({ id: "ws1" }) };
const ORIGIN = "http://x";
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/v1/t`, { method: "POST", body, headers: { "content-type": "application/json", origin: ORIGIN, ...headers } });

beforeEach(() => {
  session.signedIn = true;
  session.role = "OWNER";
});

const base = { operationId: "t", path: "/api/v1/t", tag: "Workspaces", summary: "t", description: "t", errors: [] } as const;
const greet = endpoint({
  ...base,
  method: "POST",
  access: { kind: "workspace", action: "entity.edit" },
  params: z.object({ id: z.string() }),
  body: z.object({ name: z.string().min(1, "Enter a name.") }),
  response: z.object({ hello: z.string(), by: z.string(), size: z.number() }),
  responseName: "T",
  maxBodyBytes: 100,
});

describe("the route wrapper", () => {
  const handler = handle(greet, async ({ body, user: u }) => ({ hello: body.name, by: u.email, size: 5n }));

  it("passes parsed input and the user to the handler and writes bigint as numbers", async () => {
    const res = await handler(post('{"name":"a"}'), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "a", by: "owner@contoso.com", size: 5 });
    expect(handler.endpoint).toBe(greet);
  });

  it("answers 401 without a session, before reading the body", async () => {
    session.signedIn = false;
    const res = await handler(post("{"), ctx);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("checks the permission the endpoint declares, on the workspace of the URL", async () => {
    session.role = "READER";
    expect((await handler(post('{"name":"a"}'), ctx)).status).toBe(403);
    session.role = null;
    expect((await handler(post('{"name":"a"}'), ctx)).status).toBe(404);
  });

  it("answers 422 naming the field when the body does not fit the schema", async () => {
    const res = await handler(post('{"name":""}'), ctx);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.fields).toEqual([{ field: "name", message: "Enter a name." }]);
  });

  it("answers 400 to a body that is not JSON, and 413 to one over the endpoint's limit", async () => {
    const bad = await handler(post("{nope"), ctx);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
    const big = await handler(post(JSON.stringify({ name: "x".repeat(200) })), ctx);
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");
  });

  it("refuses a cookie-authenticated change from another site or in another content type", async () => {
    expect((await handler(post('{"name":"a"}', { origin: "http://evil.example" }), ctx)).status).toBe(403);
    const noOrigin = new Request(`${ORIGIN}/api/v1/t`, {
      method: "POST",
      body: '{"name":"a"}',
      headers: { "content-type": "application/json" },
    });
    expect((await handler(noOrigin, ctx)).status).toBe(403);
    expect((await handler(post('{"name":"a"}', { "content-type": "text/plain" }), ctx)).status).toBe(415);
    // The browser's own word for a same-origin request counts too.
    const fetchMeta = new Request(`${ORIGIN}/api/v1/t`, {
      method: "POST",
      body: '{"name":"a"}',
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    });
    expect((await handler(fetchMeta, ctx)).status).toBe(200);
  });

  it("lets a bearer-token call through without Origin", async () => {
    const res = await handler(
      new Request(`${ORIGIN}/api/v1/t`, { method: "POST", body: '{"name":"a"}', headers: { authorization: "Bearer vgl_x" } }),
      ctx,
    );
    expect(res.status).toBe(200);
  });

  it("answers 400 when a URL segment is not valid percent-encoding", async () => {
    const res = await handler(post('{"name":"a"}'), { params: Promise.reject(new URIError("URI malformed")) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });

  it("refuses, as a 500 with a request id, an answer that breaks the declared response schema", async () => {
    const liar = handle(greet, async () => ({ hello: 1 }));
    const res = await liar(post('{"name":"a"}'), ctx);
    expect(res.status).toBe(500);
  });

  it("maps AppErrors to their status and hides unknown errors behind a request id", async () => {
    const forbidden = handle(greet, async () => {
      throw new AppError("forbidden", "No.");
    });
    expect((await forbidden(post('{"name":"a"}'), ctx)).status).toBe(403);

    const crash = handle(greet, async () => {
      throw new Error("secret stack detail");
    });
    const res = await crash(post('{"name":"a"}'), ctx);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret stack detail");
    const body = JSON.parse(text);
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("passes a download's file through, and refuses one that answers anything but the attachment it declares", async () => {
    const csv = endpoint({
      ...base,
      method: "GET",
      access: { kind: "workspace", action: "workspace.read" },
      params: z.object({ id: z.string() }),
      response: z.string(),
      responseName: "Csv",
      download: "text/csv",
    });
    const get = new Request(`${ORIGIN}/api/v1/t`);
    const file = handle(csv, async () =>
      csvResponse([{ header: "A", value: (r: string) => r }], {
        name: "t.csv",
        rows: (async function* () {
          yield "=1";
        })(),
      }),
    );
    const ok = await file(get, ctx);
    expect(ok.headers.get("content-disposition")).toBe('attachment; filename="t.csv"');
    expect(await ok.text()).toBe("A\r\n'=1\r\n");
    const wrong = handle(csv, async () => ({ a: 1 }));
    expect((await wrong(get, ctx)).status).toBe(500);
    session.role = null;
    expect((await file(get, ctx)).status).toBe(404);
  });
});
