"use client";

import { useState } from "react";
import { Button, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option } from "@fluentui/react-components";
import type { TDestinationCreateBody, TDestinationCreated } from "@/lib/contracts/destinations";
import { WEBHOOK_FORMATS, type WebhookFormat } from "@/lib/domain/alerts";
import { useCreateDestination } from "@/lib/client/alerts";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "560px" },
  row: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
});

type Kind = TDestinationCreateBody["kind"];
const FORMAT_LABEL: Record<WebhookFormat, string> = { json: "Vigil JSON (signed)", slack: "Slack message", teams: "Teams Adaptive Card" };

/** A new destination: a webhook (URL and format), an SMTP server and recipients, or a syslog server. */
export function DestinationForm({ workspaceId, onSaved }: { workspaceId: string; onSaved: (created: TDestinationCreated) => void }) {
  const s = useStyles();
  const [kind, setKind] = useState<Kind>("WEBHOOK");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("json");
  const [host, setHost] = useState("");
  const [port, setPort] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [transport, setTransport] = useState<"tcp" | "udp">("tcp");
  const [syslogFormat, setSyslogFormat] = useState<"cef" | "json">("cef");
  const create = useCreateDestination(workspaceId);
  const portNumber = port ? Number(port) : undefined;

  const body = (): TDestinationCreateBody =>
    kind === "WEBHOOK"
      ? { kind, name, url, format }
      : kind === "EMAIL"
        ? {
            kind,
            name,
            host,
            port: portNumber,
            from,
            to: to.split(/[,;\s]+/).filter(Boolean),
            username: username || null,
            password: password || null,
          }
        : { kind, name, host, port: portNumber, transport, format: syslogFormat };

  return (
    <form
      className={s.form}
      aria-label="New destination"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(body(), { onSuccess: onSaved });
      }}
    >
      <div className={s.row}>
        <Field label="Kind">
          <Dropdown
            value={kind === "WEBHOOK" ? "Webhook" : kind === "EMAIL" ? "Email (SMTP)" : "Syslog"}
            selectedOptions={[kind]}
            onOptionSelect={(_, d) => setKind(d.optionValue as Kind)}
          >
            <Option value="WEBHOOK">Webhook</Option>
            <Option value="EMAIL">Email (SMTP)</Option>
            <Option value="SYSLOG">Syslog</Option>
          </Dropdown>
        </Field>
        <Field label="Name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
      </div>
      {kind === "WEBHOOK" && (
        <div className={s.row}>
          <Field label="URL" required>
            <Input
              value={url}
              onChange={(_, d) => setUrl(d.value)}
              placeholder="https://hooks.example.com/vigil"
              style={{ minWidth: 320 }}
            />
          </Field>
          <Field label="Format">
            <Dropdown
              value={FORMAT_LABEL[format]}
              selectedOptions={[format]}
              onOptionSelect={(_, d) => setFormat(d.optionValue as WebhookFormat)}
            >
              {WEBHOOK_FORMATS.map((f) => (
                <Option key={f} value={f}>
                  {FORMAT_LABEL[f]}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>
      )}
      {kind !== "WEBHOOK" && (
        <div className={s.row}>
          <Field label="Host" required>
            <Input value={host} onChange={(_, d) => setHost(d.value)} />
          </Field>
          <Field label="Port">
            <Input type="number" value={port} onChange={(_, d) => setPort(d.value)} placeholder={kind === "EMAIL" ? "587" : "514"} />
          </Field>
        </div>
      )}
      {kind === "EMAIL" && (
        <>
          <div className={s.row}>
            <Field label="From" required>
              <Input value={from} onChange={(_, d) => setFrom(d.value)} />
            </Field>
            <Field label="To (comma-separated)" required>
              <Input value={to} onChange={(_, d) => setTo(d.value)} />
            </Field>
          </div>
          <div className={s.row}>
            <Field label="User name">
              <Input value={username} onChange={(_, d) => setUsername(d.value)} />
            </Field>
            <Field label="Password" hint="Stored encrypted, never shown again.">
              <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} />
            </Field>
          </div>
        </>
      )}
      {kind === "SYSLOG" && (
        <div className={s.row}>
          <Field label="Transport">
            <Dropdown
              value={transport.toUpperCase()}
              selectedOptions={[transport]}
              onOptionSelect={(_, d) => setTransport(d.optionValue as "tcp" | "udp")}
            >
              <Option value="tcp">TCP</Option>
              <Option value="udp">UDP</Option>
            </Dropdown>
          </Field>
          <Field label="Message">
            <Dropdown
              value={syslogFormat.toUpperCase()}
              selectedOptions={[syslogFormat]}
              onOptionSelect={(_, d) => setSyslogFormat(d.optionValue as "cef" | "json")}
            >
              <Option value="cef">CEF</Option>
              <Option value="json">JSON</Option>
            </Dropdown>
          </Field>
        </div>
      )}
      {create.error && (
        <MessageBar intent="error">
          <MessageBarBody>{create.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={create.isPending || !name.trim()}>
          Save destination
        </Button>
      </div>
    </form>
  );
}
