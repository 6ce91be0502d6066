import type { Metadata } from "next";
import { WorkspaceListPage } from "@/components/fim/workspace-list-page";
import { getDb } from "@/lib/server/db";
import { requireUser } from "@/lib/server/session";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

export const metadata: Metadata = { title: "File integrity monitoring" };

export default async function FimPage() {
  const user = await requireUser();
  const workspaces = await listWorkspaces(await getDb(), user);
  return <WorkspaceListPage initial={{ workspaces }} />;
}
