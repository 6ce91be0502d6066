"use client";

import { useState } from "react";
import {
  Badge,
  Button,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DeleteRegular, EditRegular, SendRegular } from "@fluentui/react-icons";
import type { TDestination, TDestinationCreated } from "@/lib/contracts/destinations";
import { useDeleteDestination, useDeliveryLog, useDestinations, useTestDestination } from "@/lib/client/alerts";
import { dateTime } from "@/components/ui/format";
import { useTableStyles } from "@/components/ui/table-styles";
import { DestinationForm } from "./destination-form";
import { SidePanel } from "@/components/ui/side-panel";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", gap: "16px", paddingBottom: "24px" },
  muted: { color: tokens.colorNeutralForeground3 },
  secret: { fontFamily: tokens.fontFamilyMonospace, width: "100%" },
  actions: { display: "flex", gap: "4px" },
});

/** The delivery log of one destination: its last attempts, test sends included. */
function DeliveryLog({ workspaceId, destinationId }: { workspaceId: string; destinationId: string }) {
  const t = useTableStyles();
  const log = useDeliveryLog(workspaceId, destinationId);
  if (!log.data) return <Spinner size="tiny" label="Loading the delivery log" />;
  return (
    <Table size="extra-small" aria-label="Delivery log">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={t.head}>Time</TableHeaderCell>
          <TableHeaderCell className={t.head}>Attempt</TableHeaderCell>
          <TableHeaderCell className={t.head}>Result</TableHeaderCell>
          <TableHeaderCell className={t.head}>What</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {log.data.attempts.map((a, i) => (
          <TableRow key={i}>
            <TableCell>{dateTime(a.at)}</TableCell>
            <TableCell>{a.attempt}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={a.ok ? "success" : "danger"}>
                {a.statusCode ?? "error"}
              </Badge>{" "}
              {a.error ?? ""} <span className={t.sub}>{a.ms} ms</span>
            </TableCell>
            <TableCell>{a.test ? "Test" : `Alert ${a.alertId?.slice(-8) ?? ""}`}</TableCell>
          </TableRow>
        ))}
        {log.data.attempts.length === 0 && (
          <TableRow>
            <TableCell colSpan={4}>Nothing sent yet.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** Where the workspace's alerts are sent: the list with Send test and the delivery log, and a new destination (Owners). */
export function DestinationsDrawer({ workspaceId, open, onClose }: { workspaceId: string; open: boolean; onClose: () => void }) {
  const s = useStyles();
  const list = useDestinations(workspaceId, open);
  const test = useTestDestination(workspaceId);
  const remove = useDeleteDestination(workspaceId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TDestination | null>(null);
  const [created, setCreated] = useState<TDestinationCreated | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);

  return (
    <SidePanel title="Destinations" label="Alert destinations" open={open} onClose={onClose}>
      <div className={s.body}>
        <Text className={s.muted}>
          Alerts go to webhooks (signed with HMAC-SHA256), email and syslog, each in order and retried until delivered.
        </Text>
        {created?.secret && (
          <MessageBar intent="success" layout="multiline" aria-label="Signing key">
            <MessageBarBody>
              <MessageBarTitle>Signing key of “{created.name}”</MessageBarTitle>
              Copy it now: it will not be shown again. Your receiver checks X-Vigil-Signature with it.
              <Input readOnly value={created.secret} className={s.secret} aria-label="Signing key value" />
            </MessageBarBody>
          </MessageBar>
        )}
        {test.data && (
          <MessageBar intent={test.data.ok ? "success" : "error"}>
            <MessageBarBody>
              {test.data.ok
                ? `Test delivered (HTTP ${test.data.statusCode ?? "OK"}, ${test.data.ms} ms).`
                : `Test failed: ${test.data.error}`}
            </MessageBarBody>
          </MessageBar>
        )}
        {!list.data ? (
          <Spinner label="Loading destinations" />
        ) : (
          <Table size="small" aria-label="Destinations list">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Sends to</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.destinations.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    {d.name} <span className={s.muted}>({d.kind.toLowerCase()})</span>
                  </TableCell>
                  <TableCell>
                    {d.target}
                    {d.format ? ` · ${d.format}` : ""}
                  </TableCell>
                  <TableCell>
                    {!d.enabled
                      ? "Off"
                      : d.circuitOpenUntil
                        ? `Paused after ${d.failures} failures`
                        : d.pending
                          ? `${d.pending} waiting`
                          : "OK"}
                  </TableCell>
                  <TableCell>
                    <div className={s.actions}>
                      {list.data.canTest && (
                        <Button
                          size="small"
                          icon={<SendRegular />}
                          disabled={test.isPending}
                          onClick={() => test.mutate(d.id, { onSuccess: () => setLogOf(d.id) })}
                        >
                          Send test
                        </Button>
                      )}
                      <Button size="small" onClick={() => setLogOf(logOf === d.id ? null : d.id)}>
                        Delivery log
                      </Button>
                      {list.data.canManage && (
                        <>
                          <Button
                            size="small"
                            icon={<EditRegular />}
                            aria-label={`Edit ${d.name}`}
                            onClick={() => {
                              setAdding(false);
                              setEditing(d);
                            }}
                          />
                          <Button
                            size="small"
                            icon={<DeleteRegular />}
                            aria-label={`Delete ${d.name}`}
                            onClick={() => remove.mutate(d.id)}
                          />
                        </>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
              {list.data.destinations.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>No destinations yet.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        )}
        {logOf && <DeliveryLog workspaceId={workspaceId} destinationId={logOf} />}
        {list.data?.canManage && editing && (
          <>
            <Text weight="semibold" size={400}>
              Edit “{editing.name}”
            </Text>
            <DestinationForm
              key={editing.id}
              workspaceId={workspaceId}
              editing={editing}
              onSaved={() => setEditing(null)}
              onCancel={() => setEditing(null)}
            />
          </>
        )}
        {list.data?.canManage &&
          !editing &&
          (adding ? (
            <DestinationForm
              workspaceId={workspaceId}
              onSaved={(d) => {
                setCreated(d);
                setAdding(false);
              }}
            />
          ) : (
            <div>
              <Button appearance="primary" onClick={() => setAdding(true)}>
                New destination
              </Button>
            </div>
          ))}
      </div>
    </SidePanel>
  );
}
