"use client";

import type { ReactNode } from "react";
import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem, makeStyles, tokens, Text } from "@fluentui/react-components";
import { Fragment } from "react";

const useStyles = makeStyles({
  root: { padding: "8px 24px 0", background: tokens.colorNeutralBackground1 },
  titleRow: { display: "flex", alignItems: "center", gap: "12px", padding: "8px 0 12px" },
  icon: {
    width: "40px",
    height: "40px",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    borderRadius: "4px",
    background: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground1,
  },
  title: { fontSize: "24px", lineHeight: "32px", fontWeight: tokens.fontWeightSemibold, margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3, fontSize: "12px" },
});

export type Crumb = { label: string; href?: string };

/** Breadcrumb, icon, title and subtitle, as every blade of the Azure portal starts. */
export function PageHeader({ crumbs, title, subtitle, icon }: { crumbs: Crumb[]; title: string; subtitle?: string; icon?: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.root}>
      <Breadcrumb aria-label="Breadcrumb" size="small">
        {crumbs.map((c, i) => (
          <Fragment key={c.label}>
            <BreadcrumbItem>
              {c.href ? (
                <BreadcrumbButton href={c.href}>{c.label}</BreadcrumbButton>
              ) : (
                <BreadcrumbButton current>{c.label}</BreadcrumbButton>
              )}
            </BreadcrumbItem>
            {i < crumbs.length - 1 && <BreadcrumbDivider />}
          </Fragment>
        ))}
      </Breadcrumb>
      <div className={s.titleRow}>
        {icon && <div className={s.icon}>{icon}</div>}
        <div>
          <h1 className={s.title}>{title}</h1>
          {subtitle && <Text className={s.subtitle}>{subtitle}</Text>}
        </div>
      </div>
    </div>
  );
}
