import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Alerts" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const workspace = await loadWorkspaceOr404((await params).id);
  return <AlertsPage workspace={{ id: workspace.id, name: workspace.name }} />;
}
