import type { Metadata } from "next";
import { UpgradePage } from "@/components/onboarding/upgrade-page";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Upgrade plan" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <UpgradePage initial={await loadWorkspaceOr404((await params).id)} />;
}
