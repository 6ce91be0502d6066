import type { Metadata } from "next";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Alerts" };

export default async function Page() {
  await requireUser();
  return <AlertsPage workspace={null} />;
}
