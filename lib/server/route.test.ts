import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";

const user = { id: "u1", email: "owner@contoso.com", name: "Owner" };
const session = vi.hoisted(() => ({ signedIn: true }));
vi.mock("./session", () => ({
  requireUser: async () => {
    if (!session.signedIn) throw new (await import("./errors")).AppError("unauthorized", "Sign in to continue.");
    return user;
  },
}));
vi.mock("./db", () => ({ getDb: async () => ({}) }));

const { route } = await import("./route");
const ctx = { params: Promise.resolve({ id: "ws1" }) };
const post = (body: string) => new Request("http://x/api/t", { method: "POST", body, headers: { "content-type": "application/json" } });

beforeEach(() => {
  session.signedIn = true;
});

describe("the route wrapper", () => {
  const handler = route({ body: z.object({ name: z.string().min(1, "Enter a name.") }) }, async ({ body, user: u }) => ({
    hello: body.name,
    by: u.email,
    size: 5n,
  }));

  it("passes parsed input and the user to the handler and writes bigint as numbers", async () => {
    const res = await handler(post('{"name":"a"}'), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "a", by: "owner@contoso.com", size: 5 });
  });

  it("answers 401 without a session, before reading the body", async () => {
    session.signedIn = false;
    const res = await handler(post("{"), ctx);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("answers 422 naming the field when the body does not fit the schema", async () => {
    const res = await handler(post('{"name":""}'), ctx);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.fields).toEqual([{ field: "name", message: "Enter a name." }]);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const res = await handler(post("{nope"), ctx);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid JSON/);
  });

  it("maps AppErrors to their status and hides unknown errors behind a request id", async () => {
    const forbidden = route({}, async () => {
      throw new AppError("forbidden", "No.");
    });
    expect((await forbidden(post(""), ctx)).status).toBe(403);

    const crash = route({}, async () => {
      throw new Error("secret stack detail");
    });
    const res = await crash(post(""), ctx);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret stack detail");
    const body = JSON.parse(text);
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });
});
