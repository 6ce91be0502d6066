import type { Metadata } from "next";
import { DashboardPage } from "@/components/dashboard/dashboard-page";
import { AuditPanel } from "@/components/onboarding/audit-panel";
import { DisableFimCommand } from "@/components/onboarding/disable-dialog";
import { loadWorkspaceOr404 } from "./load";

export const metadata: Metadata = { title: "File integrity monitoring dashboard" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const workspace = await loadWorkspaceOr404((await params).id);
  return (
    <DashboardPage
      initial={workspace}
      commands={<DisableFimCommand workspace={workspace} />}
      activity={<AuditPanel workspaceId={workspace.id} />}
    />
  );
}
