import "server-only";
import http from "node:http";
import https from "node:https";
import type { WebhookFormat } from "@/lib/domain/alerts";
import { allowedAddress, guardedLookup } from "./address-policy";
import { signBody } from "./crypto";
import { alertText, alertTitle, type AlertPayload } from "./payload";
import type { SendResult } from "./send";

const TIMEOUT_MS = 10_000;

/** The body in the destination's format: Vigil's JSON, a Slack incoming-webhook message, or a Teams Adaptive Card. */
export function webhookBody(format: WebhookFormat, p: AlertPayload): string {
  if (format === "slack") {
    return JSON.stringify({
      text: alertTitle(p),
      blocks: [
        { type: "header", text: { type: "plain_text", text: alertTitle(p).slice(0, 150) } },
        { type: "section", text: { type: "mrkdwn", text: "```" + alertText(p).slice(0, 2800) + "```" } },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Vigil" }, url: p.url }] },
      ],
    });
  }
  if (format === "teams") {
    return JSON.stringify({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            body: [
              { type: "TextBlock", size: "Medium", weight: "Bolder", wrap: true, text: alertTitle(p) },
              { type: "TextBlock", wrap: true, text: alertText(p).slice(0, 4000) },
            ],
            actions: [{ type: "Action.OpenUrl", title: "Open in Vigil", url: p.url }],
          },
        },
      ],
    });
  }
  return JSON.stringify(p);
}

/**
 * POSTs a signed alert: X-Vigil-Timestamp (Unix seconds), X-Vigil-Signature ("sha256=" HMAC-SHA256 of
 * "<timestamp>.<body>" with the destination's key) and Idempotency-Key (the alert id: the same on every retry, so
 * a receiver drops what it already has). 2xx is delivered; anything else, a timeout or a refused address is not.
 */
export async function postWebhook(url: string, key: string, format: WebhookFormat, p: AlertPayload): Promise<SendResult> {
  const target = new URL(url);
  const started = Date.now();
  try {
    // An IP literal is never looked up, so the socket's guarded lookup alone would not see it.
    await allowedAddress(target.hostname);
  } catch (err) {
    return { ok: false, statusCode: null, error: (err as Error).message, ms: Date.now() - started };
  }
  const body = webhookBody(format, p);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      target,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "user-agent": "Vigil-Alerts/1",
          "x-vigil-timestamp": timestamp,
          "x-vigil-signature": signBody(key, timestamp, body),
          "idempotency-key": p.idempotencyKey,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const statusCode = res.statusCode ?? 0;
          const ok = statusCode >= 200 && statusCode < 300;
          resolve({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}`, ms: Date.now() - started });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (err) => resolve({ ok: false, statusCode: null, error: err.message, ms: Date.now() - started }));
    req.end(body);
  });
}
