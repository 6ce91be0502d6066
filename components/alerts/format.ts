import type { AlertSeverity, AlertStatus } from "@/lib/domain/alerts";

/** Badge colours as Defender for Cloud shows alert severity. */
export const SEVERITY_BADGE: Record<AlertSeverity, "danger" | "warning" | "informative" | "subtle"> = {
  High: "danger",
  Medium: "warning",
  Low: "informative",
  Informational: "subtle",
};
export const STATUS_BADGE: Record<AlertStatus, "brand" | "success" | "subtle"> = {
  Active: "brand",
  Resolved: "success",
  Dismissed: "subtle",
};
