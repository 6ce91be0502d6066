import "server-only";
import type { DestinationConfig } from "@/lib/domain/alerts";
import type { Destination } from "@/lib/generated/sqlite/client";
import { decryptSecret } from "./crypto";
import type { AlertPayload } from "./payload";
import { sendEmail } from "./email";
import { sendSyslog } from "./syslog";
import { postWebhook } from "./webhook";

/** One attempt's outcome, as the delivery log shows it. */
export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; ms: number };

export const configOf = (d: Pick<Destination, "kind" | "configJson">): DestinationConfig =>
  ({ ...JSON.parse(d.configJson), kind: d.kind }) as DestinationConfig;

/** Sends one alert to one destination (one attempt; retries are the delivery loop's). */
export async function sendTo(d: Destination, p: AlertPayload): Promise<SendResult> {
  const config = configOf(d);
  const secret = d.secretEnc ? decryptSecret(d.secretEnc) : "";
  try {
    if (config.kind === "WEBHOOK") return await postWebhook(config.url, secret, config.format, p);
    if (config.kind === "SYSLOG") return await sendSyslog(config, p);
    return await sendEmail(config, secret, p);
  } catch (err) {
    return { ok: false, statusCode: null, error: (err as Error).message, ms: 0 };
  }
}
