import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Alerts" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ params, searchParams }: Props) {
  const [{ id }, { alert }] = await Promise.all([params, searchParams]);
  const workspace = await loadWorkspaceOr404(id);
  return <AlertsPage workspace={{ id: workspace.id, name: workspace.name }} openAlertId={typeof alert === "string" ? alert : undefined} />;
}
