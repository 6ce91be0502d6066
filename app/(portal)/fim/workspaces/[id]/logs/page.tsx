import type { Metadata } from "next";
import { LogsPage } from "@/components/logs/logs-page";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Logs" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?query=` (and `timespan=`) open the page with that query, as Open in Logs on the Servers tab does. */
export default async function Page({ params, searchParams }: Props) {
  const [{ id }, { query, timespan }] = await Promise.all([params, searchParams]);
  const workspace = await loadWorkspaceOr404(id);
  return (
    <LogsPage
      workspace={{ id: workspace.id, name: workspace.name }}
      initialQuery={typeof query === "string" && query.trim() ? query.slice(0, 20_000) : null}
      initialTimespan={typeof timespan === "string" && /^P[0-9DTHMS]{1,30}$/.test(timespan) ? timespan : null}
    />
  );
}
