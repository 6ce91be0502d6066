"use client";

import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import Link from "next/link";
import { Button, Card, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from "@fluentui/react-components";
import { DocumentSearchRegular, ServerRegular, WindowRegular } from "@fluentui/react-icons";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { RECOMMENDED_ENTITIES, RECOMMENDED_KEYS } from "@/lib/domain/recommended";
import { PageHeader } from "@/components/ui/page-header";
import { useEnableFim, useWorkspace } from "@/lib/client/workspaces";
import { RecommendedPicker } from "./recommended-picker";
import { Facts } from "./workspace-facts";

const useStyles = makeStyles({
  os: { display: "inline-flex", alignItems: "center", gap: "6px" },
  content: { padding: "16px 24px 96px", display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1100px" },
  card: { padding: "20px 24px" },
  h2: { fontSize: "18px", fontWeight: tokens.fontWeightSemibold, margin: "0 0 8px" },
  muted: { color: tokens.colorNeutralForeground2 },
  footer: {
    position: "fixed",
    bottom: 0,
    left: "232px",
    right: 0,
    display: "flex",
    gap: "8px",
    alignItems: "center",
    padding: "12px 24px",
    background: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function EnablePage({ initial }: { initial: TWorkspaceDetails }) {
  const s = useStyles();
  const router = useRouter();
  const { data: ws } = useWorkspace(initial.id, initial);
  const enable = useEnableFim();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(RECOMMENDED_KEYS));
  const details = ws ?? initial;
  const upgraded = useSearchParams().get("upgraded") === "1";

  // mutateAsync: a per-call onSuccess would be dropped if the refetch after success re-rendered this page away.
  const apply = () =>
    enable.mutateAsync({ id: details.id, entities: [...selected] }).then(
      () => router.push(`/fim/workspaces/${details.id}?enabled=1`),
      () => undefined, // shown on the page from the mutation's error
    );

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "File integrity monitoring", href: "/fim" }, { label: details.name }]}
        title={`Enable file integrity monitoring`}
        subtitle={details.name}
        icon={<DocumentSearchRegular fontSize={24} />}
      />
      <div className={s.content}>
        {upgraded && details.subscription.plan === "DEFENDER_SERVERS_P2" && !details.fimEnabled && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Subscription upgraded</MessageBarTitle>
              {details.subscription.name} is protected by Defender for Servers Plan 2: enable file integrity monitoring on {details.name}{" "}
              below.
            </MessageBarBody>
          </MessageBar>
        )}
        {details.fimEnabled && (
          <MessageBar intent="success">
            <MessageBarBody>
              File integrity monitoring is already enabled on this workspace.{" "}
              <Link href={`/fim/workspaces/${details.id}`}>Open its dashboard</Link>
            </MessageBarBody>
          </MessageBar>
        )}
        {details.subscription.plan !== "DEFENDER_SERVERS_P2" && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Upgrade required</MessageBarTitle>
              The subscription {details.subscription.name} isn&apos;t protected with Microsoft Defender for Servers Plan 2.{" "}
              <Link href={`/fim/workspaces/${details.id}/upgrade`}>Upgrade plan</Link>
            </MessageBarBody>
          </MessageBar>
        )}
        {!details.can.enable && !details.fimEnabled && details.subscription.plan === "DEFENDER_SERVERS_P2" && (
          <MessageBar intent="info">
            <MessageBarBody>
              Your role ({details.role.toLowerCase()}) can view this workspace. Only a workspace owner can enable file integrity monitoring.
            </MessageBarBody>
          </MessageBar>
        )}

        <Card className={s.card}>
          <h2 className={s.h2}>Workspace details</h2>
          <Facts
            items={[
              ["Workspace", details.name],
              ["Subscription", details.subscription.name],
              ["Resource group", details.resourceGroup],
              ["Location", details.location],
              [
                "Windows machines",
                <span key="w" className={s.os}>
                  <WindowRegular aria-hidden /> {details.machines.windows}
                </span>,
              ],
              [
                "Linux machines",
                <span key="l" className={s.os}>
                  <ServerRegular aria-hidden /> {details.machines.linux}
                </span>,
              ],
            ]}
          />
        </Card>

        <Card className={s.card}>
          <h2 className={s.h2}>Recommended settings</h2>
          <Text className={s.muted} block>
            Defender for Cloud recommends these {RECOMMENDED_ENTITIES.length} entities, based on known attack patterns. Expand Windows
            files, Registry and Linux files to see the full list, and clear the checkboxes of any entity you do not want monitored. You can
            change the settings at any time.
          </Text>
          <RecommendedPicker selected={selected} onChange={setSelected} disabled={!details.can.enable || enable.isPending} />
        </Card>

        {enable.isError && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>File integrity monitoring was not enabled</MessageBarTitle>
              {enable.error.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {details.can.enable && (
        <div className={s.footer}>
          <Button
            appearance="primary"
            disabled={enable.isPending || enable.isSuccess}
            onClick={apply}
            icon={enable.isPending ? <Spinner size="tiny" /> : undefined}
          >
            Apply file integrity monitoring
          </Button>
          <Button onClick={() => router.push("/fim")} disabled={enable.isPending}>
            Cancel
          </Button>
          <Text className={s.muted}>
            {selected.size} of {RECOMMENDED_ENTITIES.length} recommended entities selected
          </Text>
        </div>
      )}
    </>
  );
}
