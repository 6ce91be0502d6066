import "server-only";
import type { ChangeCategory, ChangeType, ReviewState } from "@/lib/domain/types";

// The portal's words and chart colours for the report (the same as the dashboard's in components/ui/format.ts).

export const TYPE_LABEL: Record<ChangeType, string> = { Files: "Files", Registry: "Registry", WindowsServices: "Windows services" };
export const TYPE_COLOR: Record<ChangeType, string> = { Files: "#0078d4", Registry: "#8764b8", WindowsServices: "#038387" };
export const CATEGORY_LABEL: Record<ChangeCategory, string> = { Added: "Added", Modified: "Modified", Removed: "Removed" };
export const REVIEW_LABEL: Record<ReviewState, string> = { Unreviewed: "Unreviewed", Expected: "Expected", Suspicious: "Suspicious" };

/** 2026-12-05 01:30 UTC: an auditor reads one zone, whatever the viewer's. */
export function utc(iso: string | Date | null): string {
  if (!iso) return "-";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export const count = (n: number) => n.toLocaleString("en-US");
