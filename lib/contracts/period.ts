import { z } from "zod";
import { MAX_CUSTOM_RANGE_MS } from "@/lib/domain/dashboard-period";
import { PRESET_PERIODS } from "@/lib/domain/kql";

/** No change is older than 1970 (nor can PostgreSQL take year 0, a 500 before this bound): a range starts after it. */
const EARLIEST_MS = Date.UTC(1970, 0, 1);
const EARLIEST_MESSAGE = "A custom range cannot reach before 1970-01-01T00:00:00Z: no change is that old.";
/** Judged only on a valid date-time: the format's own message covers the rest. */
const notBefore1970 = (v: string) => {
  const t = Date.parse(v);
  return Number.isNaN(t) || t >= EARLIEST_MS;
};

/**
 * The dashboard's time filter as every dashboard endpoint takes it: `period=1h|24h|7d|30d`, or a custom range
 * `from` and `to` (ISO 8601). Nothing means the default (last 7 days).
 */
export const ZPeriodQuery = z
  .object({
    period: z
      .enum(PRESET_PERIODS as ["1h", "24h", "7d", "30d"], { message: "Choose a period of 1h, 24h, 7d or 30d." })
      .optional()
      .meta({ description: "A preset period up to now; the default is 7d. Leave out when giving from and to." }),
    from: z.iso
      .datetime({ offset: true, message: "Give the start of the range as an ISO 8601 date and time." })
      .refine(notBefore1970, EARLIEST_MESSAGE)
      .optional()
      .meta({ description: "Start of a custom range (ISO 8601 with Z or an offset); needs `to`." }),
    to: z.iso
      .datetime({ offset: true, message: "Give the end of the range as an ISO 8601 date and time." })
      .refine(notBefore1970, EARLIEST_MESSAGE)
      .optional()
      .meta({ description: "End of a custom range, at most 366 days after `from`." }),
  })
  .superRefine((q, ctx) => {
    if (!q.from !== !q.to) {
      ctx.addIssue({
        code: "custom",
        path: [q.from ? "to" : "from"],
        message: "A custom range needs both a start (from) and an end (to).",
      });
      return;
    }
    if (q.from && q.to) {
      const span = Date.parse(q.to) - Date.parse(q.from);
      if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end of the range must not be before its start." });
      else if (span > MAX_CUSTOM_RANGE_MS)
        ctx.addIssue({ code: "custom", path: ["to"], message: "A custom range can span at most 366 days." });
    }
  });
export type TPeriodQuery = z.infer<typeof ZPeriodQuery>;

/** The period a response covers, as resolved on the server (presets are relative to its clock). */
export const ZResolvedPeriod = z.object({
  /** "1h" … "30d", or "custom". */
  key: z.string(),
  label: z.string(),
  from: z.string(),
  fromExclusive: z.boolean(),
  /** null for presets: `TimeGenerated > ago(…)` has no upper bound. */
  to: z.string().nullable(),
});
export type TResolvedPeriod = z.infer<typeof ZResolvedPeriod>;

/** How the period is given, for the API reference. */
export const PERIOD_TEXT =
  "The period is `period=1h|24h|7d|30d` (default 7d), or a custom range `from` and `to` (ISO 8601 with an offset, at most 366 days).";
