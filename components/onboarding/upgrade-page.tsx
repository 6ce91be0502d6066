"use client";

import { useRouter } from "next/navigation";
import Link from "next/link";
import {
  Button,
  Card,
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
import { ArrowCircleUpRegular, CheckmarkRegular, DismissRegular, ShieldRegular } from "@fluentui/react-icons";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { PageHeader } from "@/components/ui/page-header";
import { useUpgradePlan, useWorkspace } from "@/lib/client/workspaces";
import { Facts } from "./workspace-facts";

const useStyles = makeStyles({
  content: { padding: "16px 24px 32px", display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1000px" },
  card: { padding: "20px 24px" },
  h2: { fontSize: "18px", fontWeight: tokens.fontWeightSemibold, margin: "0 0 8px" },
  muted: { color: tokens.colorNeutralForeground2 },
  yes: { color: tokens.colorPaletteGreenForeground1 },
  no: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px" },
});

const FEATURES: [string, boolean][] = [
  ["Foundational security posture recommendations", true],
  ["File integrity monitoring (files, registry, Windows services)", false],
  ["Change history with before and after values", false],
  ["Recommended entities based on known attack patterns", false],
];

export function UpgradePage({ initial }: { initial: TWorkspaceDetails }) {
  const s = useStyles();
  const router = useRouter();
  const { data } = useWorkspace(initial.id, initial);
  const ws = data ?? initial;
  const upgrade = useUpgradePlan();
  const upgraded = ws.subscription.plan === "DEFENDER_SERVERS_P2";

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "File integrity monitoring", href: "/fim" }, { label: "Upgrade plan" }]}
        title="Upgrade to Microsoft Defender for Servers Plan 2"
        subtitle={ws.subscription.name}
        icon={<ShieldRegular fontSize={24} />}
      />
      <div className={s.content}>
        <Text className={s.muted}>
          To use file integrity monitoring, the workspace&apos;s subscription must be protected with Microsoft Defender for Servers Plan 2.
          Upgrading applies to every workspace and machine of the subscription.
        </Text>
        <Card className={s.card}>
          <h2 className={s.h2}>Subscription</h2>
          <Facts
            items={[
              ["Subscription", ws.subscription.name],
              ["Current plan", upgraded ? "Defender for Servers Plan 2" : "Free (foundational CSPM)"],
              ["Workspace", ws.name],
              ["Machines in this workspace", ws.machines.total],
            ]}
          />
        </Card>
        <Card className={s.card}>
          <h2 className={s.h2}>What the plan adds</h2>
          <Table aria-label="Plan comparison" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Feature</TableHeaderCell>
                <TableHeaderCell style={{ width: 120 }}>Free</TableHeaderCell>
                <TableHeaderCell style={{ width: 120 }}>Plan 2</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {FEATURES.map(([name, free]) => (
                <TableRow key={name}>
                  <TableCell>{name}</TableCell>
                  <TableCell>
                    {free ? (
                      <CheckmarkRegular className={s.yes} aria-label="Included" />
                    ) : (
                      <DismissRegular className={s.no} aria-label="Not included" />
                    )}
                  </TableCell>
                  <TableCell>
                    <CheckmarkRegular className={s.yes} aria-label="Included" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>

        {upgraded && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Subscription upgraded</MessageBarTitle>
              {ws.subscription.name} is protected by Defender for Servers Plan 2.{" "}
              {ws.can.enable && <Link href={`/fim/workspaces/${ws.id}/enable`}>Enable file integrity monitoring on {ws.name}</Link>}
            </MessageBarBody>
          </MessageBar>
        )}
        {!upgraded && !ws.can.upgrade && (
          <MessageBar intent="info">
            <MessageBarBody>Only an Owner of the subscription {ws.subscription.name} can upgrade its plan.</MessageBarBody>
          </MessageBar>
        )}
        {upgrade.isError && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The plan was not upgraded</MessageBarTitle>
              {upgrade.error.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {!upgraded && ws.can.upgrade && (
          <div className={s.actions}>
            <Button
              appearance="primary"
              icon={upgrade.isPending ? <Spinner size="tiny" /> : <ArrowCircleUpRegular />}
              disabled={upgrade.isPending}
              // Upgrading is the way to enabling: the user (an Owner, who may enable) lands on the Enable page, or on the
              // list when FIM is already on. `can.enable` is still false here: it waited for this very upgrade.
              onClick={() =>
                upgrade.mutateAsync({ id: ws.id }).then(
                  () => router.push(ws.fimEnabled ? "/fim" : `/fim/workspaces/${ws.id}/enable?upgraded=1`),
                  () => undefined, // shown on the page from the mutation's error
                )
              }
            >
              Upgrade
            </Button>
            <Button onClick={() => router.push("/fim")}>Cancel</Button>
          </div>
        )}
      </div>
    </>
  );
}
