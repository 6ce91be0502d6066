import "server-only";
import type { KType } from "@/lib/domain/logs/catalogue";

/** A database value as Log Analytics writes it: datetimes as ISO 8601 UTC, numbers as numbers, bools as bools. */
export function cellOf(type: KType, v: unknown): string | number | boolean | null | unknown[] | Record<string, unknown> {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "datetime": {
      const d = v instanceof Date ? v : new Date(String(v));
      return Number.isNaN(d.getTime()) ? null : d.toISOString();
    }
    case "long":
    case "int":
    case "real":
    case "timespan":
      return typeof v === "number" ? v : Number(v);
    case "bool":
      return v === true || v === 1 || v === 1n || v === "1" || v === "true";
    case "dynamic":
      if (typeof v !== "string") return v as Record<string, unknown>;
      try {
        return JSON.parse(v) as unknown[] | Record<string, unknown>;
      } catch {
        return v;
      }
    default:
      return v instanceof Date ? v.toISOString() : String(v);
  }
}
