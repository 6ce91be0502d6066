// Syslog and email destinations against real receivers on loopback: a syslog listener (TCP and UDP) and an SMTP server.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyslogListener, type SyslogListener } from "@/lib/testing/syslog-listener";
import type { AlertPayload } from "./payload";
import { sendEmail } from "./email";
import { sendSyslog } from "./syslog";

const payload: AlertPayload = {
  type: "vigil.alert",
  id: "calert1",
  idempotencyKey: "calert1",
  severity: "High",
  status: "Active",
  rule: { id: "crule1", name: "Passwords | shadow" },
  workspace: { id: "cws1", name: "contoso-prod" },
  machine: { id: "cm1", name: "web-01" },
  raisedAt: "2026-12-04T22:00:01.000Z",
  windowStart: "2026-12-04T22:00:00.000Z",
  windowEnd: "2026-12-04T22:15:00.000Z",
  changeCount: 1,
  changes: [
    {
      id: "cc1",
      time: "2026-12-04T22:00:00.000Z",
      changeType: "Files",
      category: "Modified",
      target: "/etc/shadow",
      attribution: null,
      reviewState: "Unreviewed",
    },
  ],
  url: "http://vigil.test/fim/workspaces/cws1/alerts?alert=calert1",
};

let syslog: SyslogListener;
beforeAll(async () => {
  process.env.VIGIL_ALERT_ALLOW_LOOPBACK = "1";
  syslog = await startSyslogListener();
});
afterAll(() => syslog.close());

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("email", () => {
  it("sends a plain and an HTML part by SMTP, with the alert id as Message-ID, logging in when a user is set", async () => {
    const mails: { from: string; to: string[]; raw: string; user: string | null }[] = [];
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authOptional: true,
      onAuth: (auth, _session, cb) => (auth.password === "s3cret" ? cb(null, { user: auth.username }) : cb(new Error("bad password"))),
      onData: (stream, session, cb) => {
        let raw = "";
        stream.on("data", (d: Buffer) => (raw += d.toString()));
        stream.on("end", () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, user: (session.user as string | undefined) ?? null });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const config = { host: "127.0.0.1", port, secure: false, username: "vigil", from: "vigil@example.com", to: ["soc@example.com"] };
      expect(await sendEmail(config, "s3cret", payload)).toMatchObject({ ok: true, statusCode: 250, error: null });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ from: "vigil@example.com", to: ["soc@example.com"], user: "vigil" });
      expect(mails[0].raw).toContain("Message-ID: <calert1@vigil>");
      expect(mails[0].raw).toMatch(/Content-Type: text\/plain/);
      expect(mails[0].raw).toMatch(/Content-Type: text\/html/);
      expect(mails[0].raw).toContain("/etc/shadow");
      const refused = await sendEmail(config, "wrong", payload);
      expect(refused).toMatchObject({ ok: false, statusCode: 535 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("syslog", () => {
  it("sends an RFC 5424 message with a CEF body over TCP, octet-counted", async () => {
    const r = await sendSyslog({ host: "127.0.0.1", port: syslog.tcpPort, transport: "tcp", format: "cef" }, payload);
    expect(r).toMatchObject({ ok: true, error: null });
    await waitFor(() => syslog.messages.length === 1);
    const m = syslog.messages[0];
    // PRI 106 = facility 13 (log audit) × 8 + severity 2 (critical); version 1; app vigil; msgid alert.
    expect(m).toMatch(
      /^<106>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ vigil \d+ alert \[vigil@32473 alertId="calert1"\] CEF:0\|Vigil\|Vigil FIM\|1\.0\|crule1\|/,
    );
    expect(m).toContain("|8|");
    expect(m).toContain("Passwords \\| shadow");
    expect(m).toContain("dhost=web-01");
    expect(m).toContain("filePath=/etc/shadow");
  });

  it("sends the JSON body over UDP", async () => {
    const r = await sendSyslog({ host: "127.0.0.1", port: syslog.udpPort, transport: "udp", format: "json" }, payload);
    expect(r.ok).toBe(true);
    await waitFor(() => syslog.messages.length === 2);
    const json = syslog.messages[1].slice(syslog.messages[1].indexOf("] ") + 2);
    expect(JSON.parse(json)).toEqual(payload);
  });

  it("refuses an address the policy forbids, without connecting", async () => {
    const r = await sendSyslog({ host: "169.254.169.254", port: 514, transport: "tcp", format: "cef" }, payload);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/link-local/);
  });
});
