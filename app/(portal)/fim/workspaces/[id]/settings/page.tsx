import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConfigurationPage } from "@/components/configuration/configuration-page";
import { tabById } from "@/components/configuration/tabs";
import { getDb } from "@/lib/server/db";
import { listEntities } from "@/lib/server/entities/list-entities";
import { currentUser } from "@/lib/server/session";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Workspace Configuration" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ params, searchParams }: Props) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const workspace = await loadWorkspaceOr404(id);
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const entities = await listEntities(await getDb(), user, id);
  return <ConfigurationPage workspace={workspace} initial={entities} initialTab={tabById(typeof tab === "string" ? tab : null).id} />;
}
