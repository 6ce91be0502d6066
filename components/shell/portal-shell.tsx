"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { CounterBadge, makeStyles, tokens, Text } from "@fluentui/react-components";
import { AlertUrgentRegular, ShieldCheckmarkFilled, DocumentSearchRegular, ShieldCheckmarkRegular } from "@fluentui/react-icons";
import { useActiveAlertCount } from "@/lib/client/alerts";
import { UserMenu } from "./user-menu";

const NARROW = "@media (max-width: 1200px)";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", height: "100vh" },
  header: {
    display: "flex",
    alignItems: "center",
    gap: "12px",
    height: "40px",
    flexShrink: 0,
    padding: "0 8px 0 16px",
    background: "#1b1a19",
    color: "#fff",
  },
  brand: { display: "flex", alignItems: "center", gap: "8px", color: "#fff", textDecoration: "none" },
  brandName: { fontWeight: tokens.fontWeightSemibold, fontSize: "15px" },
  brandProduct: { color: "#c8c6c4", fontSize: "13px", borderLeft: "1px solid #605e5c", paddingLeft: "12px" },
  spacer: { flexGrow: 1 },
  body: { display: "flex", flexGrow: 1, minHeight: 0 },
  nav: {
    width: "232px",
    flexShrink: 0,
    background: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "12px 0",
    overflowY: "auto",
    // Narrow screens keep the page's width: the menu folds to its icons, as the Azure portal's does.
    [NARROW]: { width: "48px" },
  },
  navLabel: { [NARROW]: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)" } },
  navSection: {
    padding: "12px 16px 4px",
    [NARROW]: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)" },
    fontSize: "12px",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  navItem: {
    display: "flex",
    alignItems: "center",
    gap: "10px",
    padding: "7px 16px",
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    fontSize: "14px",
    borderLeft: "3px solid transparent",
    position: "relative",
    ":hover": { background: tokens.colorNeutralBackground1Hover },
    "& > svg": { flexShrink: 0 },
    // Folded: the icon alone, centred in the 48 px menu, at its full size.
    [NARROW]: { padding: "7px 0", justifyContent: "center", gap: 0 },
  },
  // Folded, the count sits on the icon's corner instead of beside a label.
  navBadge: { [NARROW]: { position: "absolute", top: "1px", right: "4px" } },
  navItemActive: {
    background: tokens.colorNeutralBackground1Selected,
    borderLeft: `3px solid ${tokens.colorBrandBackground}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  main: { flexGrow: 1, minWidth: 0, overflowY: "auto" },
});

export type ShellUser = { name: string; email: string; tenant: string };

/** The Azure-portal-like frame: a dark top bar, the Defender for Cloud menu, and the page. */
export function PortalShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const s = useStyles();
  const pathname = usePathname();
  const homeActive = pathname === "/";
  const alertsActive = pathname === "/fim/alerts" || /^\/fim\/workspaces\/[^/]+\/alerts/.test(pathname);
  const fimActive = !alertsActive && pathname.startsWith("/fim");
  const activeAlerts = useActiveAlertCount();
  return (
    <div className={s.root}>
      <header className={s.header}>
        <Link href="/" className={s.brand}>
          <ShieldCheckmarkFilled fontSize={20} color="#50e6ff" />
          <span className={s.brandName}>Vigil</span>
        </Link>
        <span className={s.brandProduct}>Microsoft Defender for Cloud · File integrity monitoring</span>
        <span className={s.spacer} />
        <UserMenu user={user} />
      </header>
      <div className={s.body}>
        <nav className={s.nav} aria-label="Defender for Cloud">
          <Text as="h2" block className={s.navSection}>
            Cloud Security
          </Text>
          <Link
            href="/"
            title="Workload protections"
            className={`${s.navItem} ${homeActive ? s.navItemActive : ""}`}
            aria-current={homeActive ? "page" : undefined}
          >
            <ShieldCheckmarkRegular fontSize={18} color={tokens.colorBrandForeground1} />
            <span className={s.navLabel}>Workload protections</span>
          </Link>
          <Link
            href="/fim"
            title="File integrity monitoring"
            className={`${s.navItem} ${fimActive ? s.navItemActive : ""}`}
            aria-current={fimActive ? "page" : undefined}
          >
            <DocumentSearchRegular fontSize={18} color={tokens.colorBrandForeground1} />
            <span className={s.navLabel}>File integrity monitoring</span>
          </Link>
          <Link
            href="/fim/alerts"
            title="Alerts"
            className={`${s.navItem} ${alertsActive ? s.navItemActive : ""}`}
            aria-current={alertsActive ? "page" : undefined}
            aria-label={`Alerts, ${activeAlerts} active`}
          >
            <AlertUrgentRegular fontSize={18} color={tokens.colorBrandForeground1} />
            <span className={s.navLabel}>Alerts</span>
            {activeAlerts > 0 && (
              <CounterBadge className={s.navBadge} count={activeAlerts} overflowCount={999} size="small" color="danger" />
            )}
          </Link>
        </nav>
        <main className={s.main}>{children}</main>
      </div>
    </div>
  );
}
