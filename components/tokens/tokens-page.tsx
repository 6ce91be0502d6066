"use client";

import { useState } from "react";
import Link from "next/link";
import {
  Badge,
  Button,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
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
  ToolbarButton,
  Tooltip,
} from "@fluentui/react-components";
import {
  AddRegular,
  ArrowClockwiseRegular,
  CheckmarkRegular,
  CopyRegular,
  DeleteRegular,
  DismissRegular,
  KeyMultipleRegular,
} from "@fluentui/react-icons";
import type { TToken, TTokenCreated, TTokenList } from "@/lib/contracts/tokens";
import { dateTime } from "@/components/ui/format";
import { StatusRows, useTableStyles } from "@/components/ui/table-styles";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { NewTokenDialog } from "./new-token-dialog";
import { useRevokeToken, useTokens } from "@/lib/client/tokens";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError } from "@/components/ui/load-error";

const useStyles = makeStyles({
  content: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1200px" },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: "880px" },
  secretRow: { display: "flex", gap: "8px", alignItems: "center", marginTop: "8px" },
  secret: { flexGrow: 1, minWidth: "420px", fontFamily: tokens.fontFamilyMonospace },
  created: { flexDirection: "column", alignItems: "stretch" },
});

/** Copies the secret; where the clipboard is not available (plain http), selects it for Ctrl+C instead. */
function CopyButton({ text, inputId }: { text: string; inputId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Tooltip content={copied ? "Copied" : "Copy to clipboard"} relationship="description">
      <Button
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          } catch {
            (document.getElementById(inputId) as HTMLInputElement | null)?.select();
          }
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </Tooltip>
  );
}

function expiryOf(t: TToken) {
  if (t.expired)
    return (
      <Badge appearance="tint" color="danger">
        Expired
      </Badge>
    );
  if (!t.expiresAt) return <Text>Never</Text>;
  return <Text>{dateTime(t.expiresAt)}</Text>;
}

function RevokeButton({ token, pending, onConfirm }: { token: TToken; pending: boolean; onConfirm: () => void }) {
  return (
    <ConfirmDialog
      trigger={
        <Button size="small" icon={<DeleteRegular />} disabled={pending} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      }
      title="Revoke token"
      confirmLabel="Revoke"
      onConfirm={onConfirm}
    >
      Revoke <strong>{token.name}</strong>? Scripts and pipelines that use it get 401 from their next request. This cannot be undone: create
      a new token to replace it.
    </ConfirmDialog>
  );
}

export function TokensPage({ initial }: { initial: TTokenList }) {
  const s = useStyles();
  const t = useTableStyles();
  const query = useTokens(initial);
  const revoke = useRevokeToken();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [created, setCreated] = useState<TTokenCreated | null>(null);
  const rows = query.data?.tokens ?? [];

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "Account" }, { label: "API tokens" }]}
        title="API tokens"
        subtitle="Personal access to the Vigil REST API"
        icon={<KeyMultipleRegular fontSize={24} />}
      />
      <CommandBar label="API token commands">
        <ToolbarButton icon={<AddRegular />} onClick={() => setDialogOpen(true)}>
          New token
        </ToolbarButton>
        <ToolbarButton icon={query.isFetching ? <Spinner size="extra-tiny" /> : <ArrowClockwiseRegular />} onClick={() => query.refetch()}>
          Refresh
        </ToolbarButton>
      </CommandBar>
      <div className={s.content}>
        <Text className={s.intro}>
          A token acts as you, with your roles on each workspace, from scripts and pipelines. Send it as{" "}
          <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>; the <Link href="/docs/api">API reference</Link> lists
          every endpoint. Give each use its own token, with an expiry, and revoke the ones you no longer need.
        </Text>

        {created && (
          <MessageBar intent="success" layout="multiline" className={s.created} aria-label="New token">
            <MessageBarBody>
              <MessageBarTitle>Token “{created.name}” created</MessageBarTitle>
              Copy it now: it will not be shown again. Vigil keeps only a hash of it.
              <div className={s.secretRow}>
                <Input
                  id="new-token-secret"
                  className={s.secret}
                  value={created.token}
                  readOnly
                  aria-label="New token value"
                  onFocus={(e) => e.target.select()}
                />
                <CopyButton text={created.token} inputId="new-token-secret" />
              </div>
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={() => setCreated(null)} />
              }
            />
          </MessageBar>
        )}

        {revoke.isError && (
          <MessageBar intent="error">
            <MessageBarBody>Could not revoke the token: {revoke.error.message}</MessageBarBody>
          </MessageBar>
        )}

        {query.isError ? (
          <LoadError what="your tokens" error={query.error} onRetry={() => query.refetch()} />
        ) : (
          <div className={t.frame}>
            <Table aria-label="API tokens" className={t.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={t.head}>Name</TableHeaderCell>
                  <TableHeaderCell className={t.head}>Created</TableHeaderCell>
                  <TableHeaderCell className={t.head}>Last used</TableHeaderCell>
                  <TableHeaderCell className={t.head}>Expires</TableHeaderCell>
                  <TableHeaderCell className={t.head} style={{ width: 120 }} aria-label="Actions" />
                </TableRow>
              </TableHeader>
              <TableBody>
                <StatusRows
                  loading={query.isPending}
                  empty={rows.length === 0}
                  skeletons={3}
                  colSpan={5}
                  loadingLabel="Loading tokens"
                  emptyText="You have no API tokens. Create one with New token."
                />
                {rows.map((tok) => (
                  <TableRow key={tok.id}>
                    <TableCell>
                      <Text weight="semibold" className={t.ellipsis}>
                        {tok.name}
                      </Text>
                    </TableCell>
                    <TableCell>{dateTime(tok.createdAt)}</TableCell>
                    <TableCell>{tok.lastUsedAt ? dateTime(tok.lastUsedAt) : <Text className={t.sub}>Never used</Text>}</TableCell>
                    <TableCell>{expiryOf(tok)}</TableCell>
                    <TableCell>
                      <RevokeButton
                        token={tok}
                        pending={revoke.isPending && revoke.variables === tok.id}
                        onConfirm={() =>
                          revoke.mutate(tok.id, {
                            onSuccess: () => {
                              if (created?.id === tok.id) setCreated(null);
                            },
                          })
                        }
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
      <NewTokenDialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onCreated={(c) => {
          setDialogOpen(false);
          setCreated(c);
        }}
      />
    </>
  );
}
