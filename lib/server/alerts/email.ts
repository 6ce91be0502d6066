import "server-only";
import nodemailer from "nodemailer";
import type { EmailConfig } from "@/lib/domain/alerts";
import { allowedAddress } from "./address-policy";
import { alertText, alertTitle, type AlertPayload } from "./payload";
import type { SendResult } from "./send";

const TIMEOUT_MS = 10_000;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML part: the title, the facts, the changes as a table, and a link to the alert. */
export function alertHtml(p: AlertPayload): string {
  const rows = p.changes
    .map((c) => `<tr><td>${escape(c.category)}</td><td>${escape(c.changeType)}</td><td><code>${escape(c.target)}</code></td></tr>`)
    .join("");
  const more = p.changeCount > p.changes.length ? `<p>… and ${p.changeCount - p.changes.length} more.</p>` : "";
  return (
    `<h2>${escape(alertTitle(p))}</h2>` +
    `<p>Severity <b>${escape(p.severity)}</b> · workspace ${escape(p.workspace.name)} · machine ${escape(p.machine.name)} · since ${escape(p.windowStart)}</p>` +
    `<table border="1" cellpadding="4" cellspacing="0"><tr><th>Category</th><th>Type</th><th>Path or key</th></tr>${rows}</table>${more}` +
    `<p><a href="${escape(p.url)}">Open the alert in Vigil</a></p>`
  );
}

/**
 * Sends the alert by SMTP (nodemailer) with a plain and an HTML part, and the alert id as Message-ID (a mail system
 * that keeps it drops a resend). The server's address is checked against the policy and connected to as checked;
 * TLS still verifies the name given.
 */
export async function sendEmail(c: EmailConfig, password: string, p: AlertPayload): Promise<SendResult> {
  const started = Date.now();
  try {
    const { address } = await allowedAddress(c.host);
    const transport = nodemailer.createTransport({
      host: address,
      port: c.port,
      secure: c.secure,
      tls: { servername: c.host },
      auth: c.username ? { user: c.username, pass: password } : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    const info = await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: alertTitle(p),
      text: alertText(p),
      html: alertHtml(p),
      messageId: `<${p.idempotencyKey}@vigil>`,
      headers: { "Idempotency-Key": p.idempotencyKey },
    });
    transport.close();
    const code = Number(/^(\d{3})/.exec(info.response ?? "")?.[1] ?? 250);
    return { ok: true, statusCode: code, error: null, ms: Date.now() - started };
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode ?? null;
    return { ok: false, statusCode: code, error: (err as Error).message, ms: Date.now() - started };
  }
}
