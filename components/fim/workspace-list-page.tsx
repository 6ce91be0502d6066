"use client";

import { useDeferredValue, useState } from "react";
import { makeStyles, MessageBar, MessageBarBody, SearchBox, Spinner, Text, tokens, ToolbarButton } from "@fluentui/react-components";
import { ArrowClockwiseRegular, DocumentSearchRegular } from "@fluentui/react-icons";
import type { TWorkspaceList } from "@/lib/contracts/workspaces";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { useWorkspaces } from "@/lib/client/workspaces";
import { downloadHref } from "@/lib/client/api";
import { exportEndpoints } from "@/lib/contracts/exports";
import { DownloadButton } from "@/components/ui/download-button";
import { WorkspaceTable } from "./workspace-table";
import { LoadError } from "@/components/ui/load-error";

const useStyles = makeStyles({
  content: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1400px" },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: "880px" },
  controls: { display: "flex", alignItems: "center", gap: "16px" },
  count: { color: tokens.colorNeutralForeground3 },
});

export function WorkspaceListPage({ initial }: { initial: TWorkspaceList }) {
  const s = useStyles();
  const query = useWorkspaces(initial);
  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim().toLowerCase());
  const all = query.data?.workspaces ?? [];
  const rows = term ? all.filter((w) => w.name.toLowerCase().includes(term)) : all;

  return (
    <>
      <PageHeader
        crumbs={[
          { label: "Home", href: "/" },
          { label: "Microsoft Defender for Cloud", href: "/" },
          { label: "File integrity monitoring" },
        ]}
        title="File integrity monitoring"
        subtitle="Microsoft Defender for Cloud"
        icon={<DocumentSearchRegular fontSize={24} />}
      />
      <CommandBar label="File integrity monitoring commands">
        <ToolbarButton icon={query.isFetching ? <Spinner size="extra-tiny" /> : <ArrowClockwiseRegular />} onClick={() => query.refetch()}>
          Refresh
        </ToolbarButton>
        <DownloadButton toolbar href={downloadHref(exportEndpoints.workspaces)} />
      </CommandBar>
      <div className={s.content}>
        <Text className={s.intro}>
          File integrity monitoring examines operating system files, Windows registries, application software and Linux system files for
          changes that might indicate an attack. Select a workspace to audit its changes, or enable monitoring on all the machines reporting
          to it.
        </Text>
        <MessageBar intent="info">
          <MessageBarBody>
            If there&apos;s no enable or upgrade button, and the space is blank, it means that FIM is already enabled on the workspace.
          </MessageBarBody>
        </MessageBar>
        <div className={s.controls}>
          <SearchBox
            placeholder="Search workspaces by name"
            aria-label="Search workspaces by name"
            value={search}
            onChange={(_, d) => setSearch(d.value)}
            style={{ width: 320 }}
          />
          <Text className={s.count}>
            {rows.length === all.length ? `${all.length} workspaces` : `Showing ${rows.length} of ${all.length} workspaces`}
          </Text>
        </div>
        {query.isError ? (
          <LoadError what="the workspaces" error={query.error} onRetry={() => query.refetch()} />
        ) : (
          <WorkspaceTable rows={rows} emptyText={term ? `No workspace name contains "${search.trim()}".` : "You have no workspaces yet."} />
        )}
      </div>
    </>
  );
}
