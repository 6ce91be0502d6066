import type { Metadata } from "next";
import { WorkloadProtectionsPage } from "@/components/fim/workload-protections-page";
import { getDb } from "@/lib/server/db";
import { requireUser } from "@/lib/server/session";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

export const metadata: Metadata = { title: "Workload protections" };

/** The portal's home: Defender for Cloud's Workload protections dashboard, where the walkthrough starts. */
export default async function Home() {
  const user = await requireUser();
  return <WorkloadProtectionsPage workspaces={await listWorkspaces(await getDb(), user)} />;
}
