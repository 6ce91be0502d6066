import type { Metadata } from "next";
import { DashboardPage } from "@/components/dashboard/dashboard-page";
import { loadWorkspaceOr404 } from "./load";

export const metadata: Metadata = { title: "File integrity monitoring dashboard" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <DashboardPage initial={await loadWorkspaceOr404((await params).id)} />;
}
