import "server-only";
import type { TSummary } from "@/lib/contracts/summary";
import { CHANGE_TYPES } from "@/lib/domain/types";
import { contentWidth, ensureRoom, fit, INK, MARGIN, MUTED, RULE, type Doc } from "./pdf-layout";
import { TYPE_COLOR, TYPE_LABEL } from "./labels";

// Changes over time as the dashboard draws it (bars per bucket, stacked by change type), in vector strokes.

const HEIGHT = 170;
const AXIS_W = 34;
const LABEL_H = 14;

/** A round top for the y axis (1, 2 or 5 times a power of ten) and its step, for four or five gridlines. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough)!;
  const whole = Math.max(1, step);
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

function bucketText(iso: string, bucketMs: number): string {
  const d = new Date(iso);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const hm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  if (bucketMs < 3 * 3_600_000) return hm;
  if (bucketMs < 86_400_000) return `${month} ${d.getUTCDate()} ${hm}`;
  return `${month} ${d.getUTCDate()}`;
}

export function timelineChart(doc: Doc, timeline: TSummary["timeline"]) {
  ensureRoom(doc, HEIGHT + LABEL_H + 30);
  const top = doc.y + 4;
  const left = MARGIN + AXIS_W;
  const width = contentWidth(doc) - AXIS_W;
  const buckets = timeline.buckets;
  const totals = buckets.map((b) => b.Files + b.Registry + b.WindowsServices);
  const { top: yTop, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => top + HEIGHT - (v / yTop) * HEIGHT;

  doc.font("Helvetica").fontSize(7).lineWidth(0.4);
  for (let v = 0; v <= yTop; v += step) {
    doc
      .moveTo(left, y(v))
      .lineTo(left + width, y(v))
      .strokeColor(v === 0 ? MUTED : RULE)
      .stroke();
    doc.fillColor(MUTED).text(v.toLocaleString("en-US"), MARGIN, y(v) - 3, { width: AXIS_W - 4, align: "right", lineBreak: false });
  }

  const slot = buckets.length ? width / buckets.length : width;
  const bar = Math.max(1, slot * 0.7);
  buckets.forEach((b, i) => {
    let base = 0;
    for (const type of CHANGE_TYPES) {
      const v = b[type];
      if (v > 0) doc.rect(left + i * slot + (slot - bar) / 2, y(base + v), bar, y(base) - y(base + v)).fill(TYPE_COLOR[type]);
      base += v;
    }
  });

  // About eight time labels, evenly spread, whatever the bucket count.
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  doc.fillColor(MUTED).fontSize(7);
  buckets.forEach((b, i) => {
    if (i % every !== 0) return;
    const text = bucketText(b.start, timeline.bucketMs);
    const cx = left + i * slot + slot / 2;
    doc.text(fit(doc, text, slot * every), cx - (slot * every) / 2, top + HEIGHT + 4, {
      width: slot * every,
      align: "center",
      lineBreak: false,
    });
  });

  // Legend.
  let lx = left;
  const ly = top + HEIGHT + LABEL_H + 6;
  for (const type of CHANGE_TYPES) {
    doc.rect(lx, ly, 8, 8).fill(TYPE_COLOR[type]);
    doc
      .fillColor(INK)
      .fontSize(8)
      .text(TYPE_LABEL[type], lx + 12, ly, { lineBreak: false });
    lx += 12 + doc.widthOfString(TYPE_LABEL[type]) + 18;
  }
  doc.fillColor(MUTED).text("Times in UTC", left, ly, { width, align: "right", lineBreak: false });
  doc.x = MARGIN;
  doc.y = ly + 18;
}
