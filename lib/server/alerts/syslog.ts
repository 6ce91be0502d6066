import "server-only";
import dgram from "node:dgram";
import net from "node:net";
import os from "node:os";
import type { AlertSeverity, SyslogConfig } from "@/lib/domain/alerts";
import { allowedAddress } from "./address-policy";
import { alertTitle, type AlertPayload } from "./payload";
import type { SendResult } from "./send";

// Syslog for a SIEM: RFC 5424 messages, facility 13 (log audit), over TCP (RFC 6587 octet counting: "<length> <msg>")
// or UDP (one datagram a message), with a CEF or a JSON body.

const TIMEOUT_MS = 10_000;
const FACILITY = 13;
const SYSLOG_SEVERITY: Record<AlertSeverity, number> = { High: 2, Medium: 4, Low: 5, Informational: 6 };
const CEF_SEVERITY: Record<AlertSeverity, number> = { High: 8, Medium: 5, Low: 3, Informational: 1 };

const cefHeader = (s: string) => s.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
const cefValue = (s: string) => s.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");

/** The alert as one CEF line (ArcSight Common Event Format 0). */
export function cefMessage(p: AlertPayload): string {
  const ext: [string, string | number][] = [
    ["rt", Date.parse(p.windowStart)],
    ["dhost", p.machine.name],
    ["externalId", p.id],
    ["cnt", p.changeCount],
    ["cs1Label", "workspace"],
    ["cs1", p.workspace.name],
    ["cs2Label", "rule"],
    ["cs2", p.rule.name],
    ...(p.changes[0]
      ? ([
          ["filePath", p.changes[0].target],
          ["act", p.changes[0].category],
        ] as [string, string][])
      : []),
    ["request", p.url],
  ];
  const head = [
    "CEF:0",
    "Vigil",
    "Vigil FIM",
    "1.0",
    p.rule.id ?? "test",
    alertTitle(p),
    String(CEF_SEVERITY[p.severity as AlertSeverity] ?? 1),
  ];
  return `${head.map(cefHeader).join("|")}|${ext.map(([k, v]) => `${k}=${cefValue(String(v))}`).join(" ")}`;
}

/** One RFC 5424 message: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG. */
export function syslogMessage(format: SyslogConfig["format"], p: AlertPayload, now = new Date()): string {
  const pri = FACILITY * 8 + (SYSLOG_SEVERITY[p.severity as AlertSeverity] ?? 6);
  const body = format === "cef" ? cefMessage(p) : JSON.stringify(p);
  const sd = `[vigil@32473 alertId="${p.id.replace(/["\\\]]/g, (c) => `\\${c}`)}"]`;
  return `<${pri}>1 ${now.toISOString()} ${os.hostname() || "-"} vigil ${process.pid} alert ${sd} ${body}`;
}

/** Sends one message; UDP has no answer, so a datagram handed to the network counts as sent. */
export async function sendSyslog(c: SyslogConfig, p: AlertPayload): Promise<SendResult> {
  const message = Buffer.from(syslogMessage(c.format, p), "utf8");
  const started = Date.now();
  const done = (error: Error | null | undefined): SendResult => ({
    ok: !error,
    statusCode: null,
    error: error?.message ?? null,
    ms: Date.now() - started,
  });
  let target: { address: string; family: number };
  try {
    target = await allowedAddress(c.host);
  } catch (err) {
    return done(err as Error);
  }
  if (c.transport === "udp") {
    return new Promise((resolve) => {
      const socket = dgram.createSocket(target.family === 6 ? "udp6" : "udp4");
      socket.on("error", (err) => resolve(done(err)));
      socket.send(message, c.port, target.address, (err) => {
        socket.close();
        resolve(done(err));
      });
    });
  }
  return new Promise((resolve) => {
    // The address checked above, not the name again: what was allowed is what is connected to.
    const socket = net.connect({ host: target.address, port: c.port, timeout: TIMEOUT_MS });
    socket.on("timeout", () => socket.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s`)));
    socket.on("error", (err) => resolve(done(err)));
    socket.on("connect", () => socket.end(Buffer.concat([Buffer.from(`${message.length} `), message]), () => resolve(done(null))));
  });
}
