"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  Skeleton,
  SkeletonItem,
  Tab,
  TabList,
  Text,
  tokens,
  ToolbarButton,
} from "@fluentui/react-components";
import { AddRegular, ArrowClockwiseRegular, DismissRegular, SettingsRegular } from "@fluentui/react-icons";
import type { TEntity, TEntityList } from "@/lib/contracts/entities";
import type { TWorkspaceDetails } from "@/lib/contracts/workspaces";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { ContentAddPanel } from "./content-add-panel";
import { EntityPanel, type PanelTarget } from "./entity-panel";
import { EntityTable } from "./entity-table";
import { useEntities } from "@/lib/client/entities";
import { entitiesOfTab, tabById, TABS, uploadCandidates, type TabDef, type TabId } from "./tabs";
import { LoadError } from "@/components/ui/load-error";
import { RetentionSetting } from "./retention-setting";

const useStyles = makeStyles({
  content: { padding: "12px 24px 32px", display: "flex", flexDirection: "column", gap: "12px" },
  tabs: { background: tokens.colorNeutralBackground1, padding: "0 16px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  bar: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
  about: { color: tokens.colorNeutralForeground2, flexGrow: 1, minWidth: "280px" },
  count: { color: tokens.colorNeutralForeground3, fontSize: "12px" },
});

type Panel = PanelTarget | { type: "add-content" } | null;

function matches(e: TEntity, q: string) {
  const needle = q.trim().toLowerCase();
  return needle === "" || [e.itemName, e.group, e.path, e.valueName].some((v) => v.toLowerCase().includes(needle));
}

/** Workspace Configuration: one tab per kind of tracked entity, Add and Edit for Change Tracking on the right. */
export function ConfigurationPage({
  workspace,
  initial,
  initialTab,
}: {
  workspace: TWorkspaceDetails;
  initial: TEntityList;
  initialTab: TabId;
}) {
  const s = useStyles();
  const [tab, setTab] = useState<TabDef>(() => tabById(initialTab));
  const [panel, setPanel] = useState<Panel>(null);
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const entities = useEntities(workspace.id, initial);
  const data = entities.data;
  const canEdit = data?.canEdit ?? false;
  const all = useMemo(() => data?.entities ?? [], [data]);
  const rows = useMemo(() => entitiesOfTab(tab, all).filter((e) => matches(e, query)), [tab, all, query]);
  const inTab = entitiesOfTab(tab, all);
  const disabled = inTab.filter((e) => !e.enabled).length;

  const selectTab = (id: TabId) => {
    setTab(tabById(id));
    setQuery("");
    // Keeps the tab on reload and in shared links, without a navigation.
    window.history.replaceState(null, "", `?tab=${id}`);
  };
  const saved = (message: string) => {
    setPanel(null);
    setNotice(message);
  };

  return (
    <>
      <PageHeader
        crumbs={[
          { label: "Home", href: "/" },
          { label: "File integrity monitoring", href: "/fim" },
          { label: workspace.name, href: `/fim/workspaces/${workspace.id}` },
          { label: "Workspace Configuration" },
        ]}
        title="Workspace Configuration"
        subtitle={`${workspace.name} · File integrity monitoring`}
        icon={<SettingsRegular fontSize={24} />}
      />
      <CommandBar label="Configuration commands">
        {canEdit && (
          <ToolbarButton
            icon={<AddRegular />}
            onClick={() => setPanel(tab.kind ? { type: "add", kind: tab.kind } : { type: "add-content" })}
          >
            Add
          </ToolbarButton>
        )}
        <ToolbarButton icon={<ArrowClockwiseRegular />} onClick={() => entities.refetch()}>
          Refresh
        </ToolbarButton>
      </CommandBar>
      <TabList className={s.tabs} selectedValue={tab.id} onTabSelect={(_, d) => selectTab(d.value as TabId)} aria-label="Entity types">
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div className={s.content}>
        {!workspace.fimEnabled && (
          <MessageBar intent="warning">
            <MessageBarBody>
              File integrity monitoring is not enabled on this workspace, so what is tracked cannot be changed.
              {workspace.can.enable && (
                <>
                  {" "}
                  <Link href={`/fim/workspaces/${workspace.id}/enable`}>Enable</Link>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {workspace.fimEnabled && !canEdit && (
          <MessageBar intent="info">
            <MessageBarBody>
              Your role ({workspace.role.toLowerCase()}) can view this configuration. Only Owners and Contributors can change what is
              tracked.
            </MessageBarBody>
          </MessageBar>
        )}
        {data?.hostReads && (
          <MessageBar intent="info" layout="multiline" aria-label="What the Vigil host reads">
            <MessageBarBody>
              This workspace is the Vigil host itself. Its entries read its disk only inside the folders its operator allows:{" "}
              {data.hostReads.allowed.join(", ") || "none"} (set by {data.hostReads.source}). The recommended Linux files are tracked for
              their hash anywhere; file content is uploaded only inside those folders; Vigil&apos;s own data (its data folder, database and
              secrets) is never read.
            </MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={() => setNotice(null)} />
              }
            />
          </MessageBar>
        )}
        <RetentionSetting workspace={workspace} />
        {entities.isError && <LoadError what="the configuration" error={entities.error} onRetry={() => entities.refetch()} />}
        <div className={s.bar}>
          <Text className={s.about}>{tab.about}</Text>
          <SearchBox
            placeholder="Filter by name or path"
            aria-label="Filter entities by name or path"
            value={query}
            onChange={(_, d) => setQuery(d.value)}
          />
        </div>
        {entities.isLoading ? (
          <Skeleton aria-label="Loading entities">
            <SkeletonItem size={32} />
            <SkeletonItem size={32} style={{ marginTop: 8 }} />
            <SkeletonItem size={32} style={{ marginTop: 8 }} />
          </Skeleton>
        ) : (
          <>
            <Text className={s.count}>
              {inTab.length} {inTab.length === 1 ? "entity" : "entities"}
              {disabled > 0 ? `, ${disabled} disabled` : ""}
              {query && ` · ${rows.length} shown`}
            </Text>
            <EntityTable
              tab={tab}
              rows={rows}
              emptyText={query && inTab.length > 0 ? `No entity matches "${query}".` : tab.empty}
              onSelect={(e) =>
                setPanel({ type: "edit", entity: e, fromFileContent: tab.id === "file-content" && e.kind !== "FILE_CONTENT" })
              }
            />
          </>
        )}
      </div>
      {panel?.type === "add-content" && (
        <ContentAddPanel workspaceId={workspace.id} candidates={uploadCandidates(all)} onClose={() => setPanel(null)} onSaved={saved} />
      )}
      {panel && panel.type !== "add-content" && (
        <EntityPanel
          key={panel.type === "edit" ? `${panel.entity.id}:${panel.entity.updatedAt}` : `add:${panel.kind}`}
          workspaceId={workspace.id}
          target={panel}
          canEdit={canEdit}
          onClose={() => setPanel(null)}
          onSaved={saved}
        />
      )}
    </>
  );
}
