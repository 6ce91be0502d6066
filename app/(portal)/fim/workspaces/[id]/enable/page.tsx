import type { Metadata } from "next";
import { EnablePage } from "@/components/onboarding/enable-page";
import { loadWorkspaceOr404 } from "../load";

export const metadata: Metadata = { title: "Enable file integrity monitoring" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <EnablePage initial={await loadWorkspaceOr404((await params).id)} />;
}
