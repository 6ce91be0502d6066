// A webhook receiver on loopback for tests: checks each request's signature the way a real receiver should
// (HMAC-SHA256 over "<timestamp>.<body>" with the destination's key) and keeps what arrived.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; idempotencyKey: string; signatureOk: boolean; body: Record<string, unknown>; at: number };

export type Receiver = {
  url: string;
  received: Received[];
  /** While down, every request is answered 503 (and not kept). */
  setDown: (down: boolean) => void;
  /** Milliseconds each answer waits (a slow receiver, to catch a worker mid-delivery). */
  setDelay: (ms: number) => void;
  close: () => Promise<void>;
};

export function verifySignature(key: string, timestamp: string, body: string, signature: string): boolean {
  const expected = `sha256=${crypto.createHmac("sha256", key).update(`${timestamp}.${body}`).digest("hex")}`;
  return expected.length === signature.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export async function startReceiver(key: () => string): Promise<Receiver> {
  const received: Received[] = [];
  let down = false;
  let delay = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const answer = () => {
        if (down) return res.writeHead(503).end();
        const signatureOk = verifySignature(
          key(),
          String(req.headers["x-vigil-timestamp"] ?? ""),
          body,
          String(req.headers["x-vigil-signature"] ?? ""),
        );
        received.push({
          path: req.url ?? "",
          idempotencyKey: String(req.headers["idempotency-key"] ?? ""),
          signatureOk,
          body: JSON.parse(body),
          at: Date.now(),
        });
        res.writeHead(signatureOk ? 204 : 401).end();
      };
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setDown: (d) => (down = d),
    setDelay: (ms) => (delay = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
