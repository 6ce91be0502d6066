"use client";

import { VisibleText } from "@/components/ui/visible-text";
import { useLayoutEffect, useRef, useSyncExternalStore } from "react";
import {
  Badge,
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  OverlayDrawer,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { TChangeDetails } from "@/lib/contracts/changes";
import { ApiError } from "@/lib/client/fetch-json";
import { ValuesTable } from "./change-values";
import { ContentDiff } from "./content-diff";
import { ReviewSection } from "./review-section";
import { CATEGORY_COLOR, dateTime, TYPE_LABEL } from "@/components/ui/format";
import { ATTRIBUTION_LABEL } from "@/lib/domain/packages";
import { useChangeDetails } from "@/lib/client/dashboard";

const useStyles = makeStyles({
  category: { display: "inline-flex", alignItems: "center", gap: "6px" },
  dot: { width: "8px", height: "8px", borderRadius: "50%" },
  body: { display: "flex", flexDirection: "column", gap: "20px", paddingBottom: "24px" },
  target: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, overflowWrap: "anywhere", margin: 0 },
  facts: { display: "grid", gridTemplateColumns: "150px 1fr", rowGap: "6px", columnGap: "12px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: "anywhere" },
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  fields: { display: "flex", flexWrap: "wrap", gap: "4px" },
});

const KIND_LABEL: Record<string, string> = {
  WINDOWS_REGISTRY: "Windows registry",
  WINDOWS_FILE: "Windows files",
  LINUX_FILE: "Linux files",
  FILE_CONTENT: "File content",
  WINDOWS_SERVICE: "Windows services",
};

function Facts({ d }: { d: TChangeDetails }) {
  const s = useStyles();
  const rows: [string, React.ReactNode][] = [
    ["Computer", d.computer],
    ["Change type", TYPE_LABEL[d.changeType]],
    [
      "Category",
      // The category's colour as a dot beside readable text (the orange on a tint badge was below 4.5:1).
      <span key="c" className={s.category}>
        <span className={s.dot} style={{ background: CATEGORY_COLOR[d.category] }} aria-hidden />
        {d.category}
      </span>,
    ],
    ["Date and time", dateTime(d.timeGenerated)],
  ];
  if (d.changeType === "Registry")
    rows.push(["Hive", d.hive ?? "—"], ["Key", d.registryKey ?? "—"], ["Value name", d.valueName || "(whole key)"]);
  if (d.changeType === "WindowsServices") rows.push(["Service name", d.svcName ?? "—"], ["Display name", d.svcDisplayName ?? "—"]);
  if (d.changeType === "Files") rows.push(["Name", d.name]);
  if (d.attribution) rows.push(["Attribution", ATTRIBUTION_LABEL[d.attribution]]);
  if (d.package) {
    const p = d.package;
    // A removed file's package may be gone too: no installed version.
    const version = p.version ?? (d.category === "Removed" ? "(removed)" : null);
    const upgrade = p.updatedAt ? `${p.previousVersion ?? "(new install)"} → ${version ?? "?"}, ${dateTime(p.updatedAt)}` : null;
    rows.push(["Package", `${p.name}${version ? ` ${version}` : ""}`]);
    if (upgrade) rows.push(["Last package update", upgrade]);
  }
  rows.push([
    "Fields changed",
    d.fieldsChanged ? (
      <span key="f" className={s.fields}>
        {d.fieldsChanged.split(", ").map((f) => (
          <Badge key={f} appearance="outline" color="informative">
            {f}
          </Badge>
        ))}
      </span>
    ) : (
      <span key="f" className={s.muted}>
        {d.category === "Added" ? "New item: current values only" : "Removed item: previous values only"}
      </span>
    ),
  ]);
  return (
    <dl className={s.facts}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt className={s.dt}>{k}</dt>
          <dd className={s.dd}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Details({ workspaceId, d, canReview }: { workspaceId: string; d: TChangeDetails; canReview: boolean }) {
  const s = useStyles();
  return (
    <div className={s.body}>
      <div className={s.section}>
        <p className={s.target} aria-label="Path or key">
          <VisibleText text={d.target} />
        </p>
        <Facts d={d} />
      </div>
      <section className={s.section} aria-label="Review">
        <h3 className={s.h3}>Review</h3>
        {/* Keyed by the stored state: a saved review resets the form to what was saved. */}
        <ReviewSection key={`${d.id}-${d.review.state}-${d.review.at}`} workspaceId={workspaceId} d={d} canReview={canReview} />
      </section>
      <section className={s.section} aria-label="Values">
        <h3 className={s.h3}>Values</h3>
        <ValuesTable details={d} />
      </section>
      <section className={s.section} aria-label="Tracked entity">
        <h3 className={s.h3}>Tracked entity</h3>
        {d.entity ? (
          <dl className={s.facts}>
            <dt className={s.dt}>Item name</dt>
            <dd className={s.dd}>
              <VisibleText text={d.entity.itemName} />
            </dd>
            <dt className={s.dt}>Type</dt>
            <dd className={s.dd}>{KIND_LABEL[d.entity.kind] ?? d.entity.kind}</dd>
            <dt className={s.dt}>
              {d.entity.kind === "WINDOWS_SERVICE" ? "Service" : d.entity.kind === "WINDOWS_REGISTRY" ? "Key" : "Path"}
            </dt>
            <dd className={s.dd} style={{ fontFamily: tokens.fontFamilyMonospace }}>
              <VisibleText text={d.entity.path + (d.entity.valueName ? `\\${d.entity.valueName}` : "")} />
            </dd>
            <dt className={s.dt}>Group</dt>
            <dd className={s.dd}>
              <VisibleText text={d.entity.group} />
            </dd>
          </dl>
        ) : (
          <Text className={s.muted}>
            The entity that matched this change is no longer in the workspace configuration (it was deleted, or FIM was disabled).
          </Text>
        )}
      </section>
      {d.changeType === "Files" && (
        <section className={s.section} aria-label="File content">
          <h3 className={s.h3}>File content</h3>
          {d.content ? (
            <ContentDiff diff={d.content} />
          ) : (
            <Text className={s.muted}>
              No content was uploaded for this file. Turn on Upload file content for its entity to see a before/after diff of future
              changes.
            </Text>
          )}
        </section>
      )}
    </div>
  );
}

const noSubscription = () => () => {};

/** Change details: opens from a row of the Changes tab or from its search field, as a side panel. */
export function ChangeDetailsPanel({
  workspaceId,
  changeId,
  canReview,
  onClose,
}: {
  workspaceId: string;
  changeId: string | null;
  canReview: boolean;
  onClose: () => void;
}) {
  const s = useStyles();
  const q = useChangeDetails(workspaceId, changeId);
  // A link with ?change= opens the panel, but only once hydrated: the server renders no portal to hydrate.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const open = hydrated && changeId !== null;
  // Closing returns the focus to what opened the panel (a row, or the search box). The panel opens from URL state,
  // not from a trigger the drawer could know, so the opener is whatever held the focus as it opened: read in a layout
  // effect, before the drawer's own effect moves the focus inside. (A focusin listener missed a search box focused
  // before this component's effects ran.)
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const el = document.activeElement;
    opener.current = el instanceof HTMLElement && el !== document.body && !el.closest("[role=dialog]") ? el : null;
  }, [open]);
  const close = () => {
    onClose();
    const el = opener.current;
    if (el) setTimeout(() => el.isConnected && el.focus(), 0);
  };
  return (
    <OverlayDrawer position="end" size="large" open={open} onOpenChange={(_, d) => !d.open && close()} aria-label="Change details">
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={close} />}>
          Change details
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {q.isError ? (
          <MessageBar intent="error">
            <MessageBarBody>
              {q.error instanceof ApiError && q.error.status === 404
                ? "This change was not found in this workspace."
                : `Could not load this change: ${q.error.message}`}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => q.refetch()}>
                Try again
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : q.data ? (
          <Details workspaceId={workspaceId} d={q.data} canReview={canReview} />
        ) : (
          <Skeleton aria-label="Loading the change" className={s.body}>
            <SkeletonItem size={24} />
            <SkeletonItem size={16} style={{ width: "60%" }} />
            <SkeletonItem size={16} style={{ width: "70%" }} />
            <SkeletonItem style={{ height: 180 }} />
          </Skeleton>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
