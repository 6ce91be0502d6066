import type { ChangeCategory, ChangeType, ReviewState } from "@/lib/domain/types";

export const TYPE_LABEL: Record<ChangeType, string> = { Files: "Files", Registry: "Registry", WindowsServices: "Windows services" };
export const CATEGORY_LABEL: Record<ChangeCategory, string> = { Modified: "Modified", Added: "Added", Removed: "Removed" };

// Azure portal chart colours: brand blue, purple and teal for the types; amber, green and red for the categories.
export const TYPE_COLOR: Record<ChangeType, string> = { Files: "#0078d4", Registry: "#8764b8", WindowsServices: "#038387" };
export const CATEGORY_COLOR: Record<ChangeCategory, string> = { Modified: "#ca5010", Added: "#107c10", Removed: "#d13438" };

export const REVIEW_LABEL: Record<ReviewState, string> = { Unreviewed: "Unreviewed", Expected: "Expected", Suspicious: "Suspicious" };
/** Badge colours of the review states: Suspicious stands out, Expected recedes. */
export const REVIEW_BADGE: Record<ReviewState, "informative" | "success" | "danger"> = {
  Unreviewed: "informative",
  Expected: "success",
  Suspicious: "danger",
};

export const count = (n: number) => n.toLocaleString("en-US");

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  });

/** A bucket's label on the time axis: the time of day for short periods, the date for long ones. */
export function bucketLabel(iso: string, bucketMs: number): string {
  const d = new Date(iso);
  if (bucketMs < 86_400_000 && bucketMs < 3 * 3_600_000) return d.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });
  if (bucketMs < 86_400_000) return d.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric" });
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric" });
}

export const bytes = (n: number | null) =>
  n === null ? null : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
