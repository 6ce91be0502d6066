"use client";

import Link from "next/link";
import { Badge, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import { DocumentSearchRegular, ShieldCheckmarkRegular } from "@fluentui/react-icons";
import type { TWorkspaceRow } from "@/lib/contracts/workspaces";
import { PageHeader } from "@/components/ui/page-header";
import { count } from "@/components/ui/format";

const useStyles = makeStyles({
  content: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "20px", maxWidth: "1400px" },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  section: { display: "flex", flexDirection: "column", gap: "10px" },
  coverage: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", gap: "12px" },
  stat: { padding: "12px 16px" },
  statValue: { fontSize: "28px", lineHeight: "36px", fontWeight: tokens.fontWeightSemibold },
  statLabel: { color: tokens.colorNeutralForeground2 },
  tiles: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))", gap: "12px" },
  tile: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "16px",
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    background: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { background: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  tileHead: { display: "flex", alignItems: "center", gap: "8px", fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  tileFacts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "12px", rowGap: "2px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, fontVariantNumeric: "tabular-nums" },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Subscription = { id: string; name: string; covered: boolean };

/** Subscriptions of the user's workspaces: covered when their plan is Defender for Servers Plan 2 (FIM's plan). */
function subscriptionsOf(rows: TWorkspaceRow[]): Subscription[] {
  const byId = new Map<string, Subscription>();
  for (const r of rows)
    byId.set(r.subscriptionId, { id: r.subscriptionId, name: r.subscriptionName, covered: r.plan === "DEFENDER_SERVERS_P2" });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/**
 * Defender for Cloud's Workload protections dashboard: the subscriptions' coverage by the plan FIM needs, and the
 * Advanced protection area, whose File integrity monitoring tile opens the FIM page (walkthrough step 1).
 */
export function WorkloadProtectionsPage({ workspaces }: { workspaces: TWorkspaceRow[] }) {
  const s = useStyles();
  const subs = subscriptionsOf(workspaces);
  const covered = subs.filter((x) => x.covered).length;
  const enabled = workspaces.filter((w) => w.fimEnabled);
  const monitored = enabled.reduce((n, w) => n + w.totalMachines, 0);
  const changes = enabled.reduce((n, w) => n + (w.totalChanges ?? 0), 0);
  const status = enabled.length === 0 ? "Not enabled" : enabled.length === workspaces.length ? "Enabled" : "Partially enabled";
  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "Microsoft Defender for Cloud" }]}
        title="Workload protections"
        subtitle="Microsoft Defender for Cloud"
        icon={<ShieldCheckmarkRegular fontSize={24} />}
      />
      <div className={s.content}>
        <section className={s.section} aria-labelledby="coverage">
          <h2 id="coverage" className={s.h2}>
            Defender for Cloud coverage
          </h2>
          <div className={s.coverage}>
            <Card className={s.stat}>
              <Text className={s.statValue}>{count(subs.length)}</Text>
              <Text className={s.statLabel}>Subscriptions</Text>
            </Card>
            <Card className={s.stat}>
              <Text className={s.statValue}>{count(covered)}</Text>
              <Text className={s.statLabel}>Fully covered (Defender for Servers Plan 2)</Text>
            </Card>
            <Card className={s.stat}>
              <Text className={s.statValue}>{count(subs.length - covered)}</Text>
              <Text className={s.statLabel}>Not covered (Free)</Text>
            </Card>
          </div>
          {subs.length - covered > 0 && (
            <Text className={s.muted}>
              File integrity monitoring needs Defender for Servers Plan 2: upgrade a subscription from its workspace on the File integrity
              monitoring page.
            </Text>
          )}
        </section>
        <section className={s.section} aria-labelledby="advanced">
          <h2 id="advanced" className={s.h2}>
            Advanced protection
          </h2>
          <div className={s.tiles}>
            <Link href="/fim" className={s.tile} aria-label={`File integrity monitoring: ${status}`}>
              <span className={s.tileHead}>
                <DocumentSearchRegular fontSize={24} color={tokens.colorBrandForeground1} />
                File integrity monitoring
              </span>
              <Badge appearance="tint" color={enabled.length ? "success" : "informative"}>
                {status}
              </Badge>
              <dl className={s.tileFacts}>
                <dt className={s.dt}>Workspaces</dt>
                <dd className={s.dd}>
                  {count(enabled.length)} of {count(workspaces.length)} enabled
                </dd>
                <dt className={s.dt}>Monitored computers</dt>
                <dd className={s.dd}>{count(monitored)}</dd>
                <dt className={s.dt}>Changes (last 7 days)</dt>
                <dd className={s.dd}>{count(changes)}</dd>
              </dl>
            </Link>
          </div>
        </section>
      </div>
    </>
  );
}
