"use client";

import { useState } from "react";
import { Button, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option } from "@fluentui/react-components";
import type { TDestination, TDestinationCreateBody, TDestinationCreated } from "@/lib/contracts/destinations";
import { WEBHOOK_FORMATS, type WebhookFormat } from "@/lib/domain/alerts";
import { useCreateDestination, useUpdateDestination } from "@/lib/client/alerts";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "560px" },
  row: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
});

type Kind = TDestinationCreateBody["kind"];
const FORMAT_LABEL: Record<WebhookFormat, string> = { json: "Vigil JSON (signed)", slack: "Slack message", teams: "Teams Adaptive Card" };

/**
 * A new destination: a webhook (URL and format), an SMTP server and recipients, or a syslog server. Given `editing`,
 * the same form readdresses that destination: its kind stays, and an SMTP password left empty stays as stored.
 */
export function DestinationForm({
  workspaceId,
  editing,
  onSaved,
  onCancel,
}: {
  workspaceId: string;
  editing?: TDestination;
  onSaved: (saved: TDestinationCreated) => void;
  onCancel?: () => void;
}) {
  const s = useStyles();
  const was = editing?.settings;
  const [kind, setKind] = useState<Kind>(was?.kind ?? "WEBHOOK");
  const [name, setName] = useState(editing?.name ?? "");
  const [url, setUrl] = useState(was?.kind === "WEBHOOK" ? was.url : "");
  const [format, setFormat] = useState<WebhookFormat>(was?.kind === "WEBHOOK" ? was.format : "json");
  const [host, setHost] = useState(was && was.kind !== "WEBHOOK" ? was.host : "");
  const [port, setPort] = useState(was && was.kind !== "WEBHOOK" ? String(was.port) : "");
  const [from, setFrom] = useState(was?.kind === "EMAIL" ? was.from : "");
  const [to, setTo] = useState(was?.kind === "EMAIL" ? was.to.join(", ") : "");
  const [username, setUsername] = useState(was?.kind === "EMAIL" ? (was.username ?? "") : "");
  const [password, setPassword] = useState("");
  const [transport, setTransport] = useState<"tcp" | "udp">(was?.kind === "SYSLOG" ? was.transport : "tcp");
  const [syslogFormat, setSyslogFormat] = useState<"cef" | "json">(was?.kind === "SYSLOG" ? was.format : "cef");
  const create = useCreateDestination(workspaceId);
  const update = useUpdateDestination(workspaceId);
  const save = editing ? update : create;
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
            // Editing: an empty password keeps the stored one.
            password: password || (editing ? undefined : null),
          }
        : { kind, name, host, port: portNumber, transport, format: syslogFormat };

  return (
    <form
      className={s.form}
      aria-label={editing ? `Edit ${editing.name}` : "New destination"}
      onSubmit={(e) => {
        e.preventDefault();
        const { name: newName, ...settings } = body();
        if (editing) update.mutate({ destinationId: editing.id, patch: { name: newName, settings } }, { onSuccess: onSaved });
        else create.mutate(body(), { onSuccess: onSaved });
      }}
    >
      <div className={s.row}>
        <Field label="Kind">
          <Dropdown
            value={kind === "WEBHOOK" ? "Webhook" : kind === "EMAIL" ? "Email (SMTP)" : "Syslog"}
            selectedOptions={[kind]}
            disabled={editing !== undefined}
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
            <Field label="Password" hint={editing ? "Leave empty to keep the stored password." : "Stored encrypted, never shown again."}>
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
      {save.error && (
        <MessageBar intent="error">
          <MessageBarBody>{save.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.row}>
        <Button appearance="primary" type="submit" disabled={save.isPending || !name.trim()}>
          Save destination
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
