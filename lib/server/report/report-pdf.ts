import "server-only";
import type { TChangeRow } from "@/lib/contracts/changes";
import type { TEntity } from "@/lib/contracts/entities";
import type { TServerRow } from "@/lib/contracts/machines";
import { MACHINE_STATE_LABEL, MACHINE_STATES } from "@/lib/domain/machine-state";
import { ATTRIBUTION_LABEL } from "@/lib/domain/packages";
import { CHANGE_CATEGORIES, CHANGE_TYPES, ENTITY_KIND_LABEL, REVIEW_STATES } from "@/lib/domain/types";
import { timelineChart } from "./chart";
import { CATEGORY_LABEL, count, REVIEW_LABEL, TYPE_LABEL, utc } from "./labels";
import {
  contentWidth,
  figures,
  finish,
  footers,
  heading,
  INK,
  MARGIN,
  MUTED,
  newDocument,
  printable,
  table,
  type Column,
  type Doc,
} from "./pdf-layout";
import { REPORT_CHANGES, REPORT_MACHINES, type ReportData } from "./report-data";

const TITLE = "File integrity monitoring report";

function periodText(d: ReportData): string {
  const p = d.summary.period;
  const to = p.to ? utc(p.to) : `${utc(d.madeAt)} (report time)`;
  return `${p.label}: ${p.fromExclusive ? "after" : "from"} ${utc(p.from)} to ${to}`;
}

function titleBlock(doc: Doc, d: ReportData) {
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(MUTED)
    .text("Vigil  |  Microsoft Defender for Cloud  |  File integrity monitoring", MARGIN, MARGIN);
  doc.moveDown(0.6);
  doc.font("Helvetica-Bold").fontSize(20).fillColor(INK).text(TITLE);
  doc.font("Helvetica-Bold").fontSize(14).fillColor(INK).text(printable(d.workspace.name));
  doc.moveDown(0.5);
  const ws = d.workspace;
  const facts: [string, string][] = [
    ["Subscription", ws.subscription.name],
    ["Resource group", ws.resourceGroup || "-"],
    ["Location", ws.location],
    ["File integrity monitoring", ws.fimEnabled ? `Enabled${ws.fimEnabledAt ? ` since ${utc(ws.fimEnabledAt)}` : ""}` : "Disabled"],
    ["Period", periodText(d)],
    ["Made by", `${d.madeBy.name} <${d.madeBy.email}>`],
    ["Made at", utc(d.madeAt)],
  ];
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(9).fillColor(MUTED).text(k, MARGIN, y, { width: 130 });
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(INK)
      .text(printable(v), MARGIN + 135, y, { width: contentWidth(doc) - 135 });
    doc.y = Math.max(doc.y, y + 12);
  }
}

function summarySection(doc: Doc, d: ReportData) {
  const s = d.summary;
  heading(doc, "Summary");
  figures(doc, [
    { label: "Machines", value: count(s.machines) },
    { label: "Total changes", value: count(s.totalChanges) },
    { label: "Unreviewed", value: count(s.byReview.Unreviewed) },
    { label: "Suspicious", value: count(s.byReview.Suspicious) },
    { label: "Differs from package", value: count(s.byAttribution.DiffersFromPackage) },
  ]);
  type Line = { group: string; name: string; n: number };
  const lines: Line[] = [
    ...CHANGE_TYPES.map((t) => ({ group: "Change type", name: TYPE_LABEL[t], n: s.byType[t] })),
    ...CHANGE_CATEGORIES.map((c) => ({ group: "Category", name: CATEGORY_LABEL[c], n: s.byCategory[c] })),
    ...REVIEW_STATES.map((r) => ({ group: "Review state", name: REVIEW_LABEL[r], n: s.byReview[r] })),
    ...(["DiffersFromPackage", "PackageUpdate", "NoPackage"] as const).map((a) => ({
      group: "Package attribution (files)",
      name: ATTRIBUTION_LABEL[a],
      n: s.byAttribution[a],
    })),
  ];
  const share = (n: number) => (s.totalChanges ? `${((100 * n) / s.totalChanges).toFixed(1)} %` : "-");
  const w = contentWidth(doc);
  const cols: Column<Line>[] = [
    // The group's name on its first line only: the table reads as four small ones.
    { header: "Breakdown", width: w * 0.34, value: (l) => (lines[lines.indexOf(l) - 1]?.group === l.group ? "" : l.group) },
    { header: "Value", width: w * 0.34, value: (l) => l.name },
    { header: "Changes", width: w * 0.16, value: (l) => count(l.n), align: "right" },
    { header: "Share of all changes", width: w * 0.16, value: (l) => share(l.n), align: "right" },
  ];
  table(doc, cols, lines, "No changes.");
}

function machinesSection(doc: Doc, d: ReportData) {
  const more =
    d.machineCount > d.machines.length ? ` The first ${REPORT_MACHINES} by name are listed; the Servers tab's CSV holds all.` : "";
  const states = MACHINE_STATES.map((st) => [st, d.machines.filter((m) => m.state === st).length] as const)
    .filter(([, n]) => n > 0)
    .map(([st, n]) => `${count(n)} ${MACHINE_STATE_LABEL[st]}`)
    .join(", ");
  const byState = !states ? "" : d.machineCount > d.machines.length ? ` Of those listed: ${states}.` : ` By state: ${states}.`;
  heading(
    doc,
    "Machines",
    `${count(d.machineCount)} machine${d.machineCount === 1 ? "" : "s"} report to this workspace; changes are of the period.${byState}${more}`,
  );
  const cols: Column<TServerRow>[] = [
    { header: "Computer", width: 110, value: (m) => m.name },
    { header: "OS", width: 48, value: (m) => (m.osFamily === "WINDOWS" ? "Windows" : "Linux") },
    { header: "State", width: 96, value: (m) => MACHINE_STATE_LABEL[m.state] },
    { header: "Last report", width: 85, value: (m) => utc(m.lastReportAt) },
    { header: "Changes", width: 42, value: (m) => count(m.total), align: "right" },
    { header: "Unreviewed", width: 50, value: (m) => count(m.unreviewed), align: "right" },
    { header: "Entity errors", width: 84, value: (m) => (m.entityErrors.length ? m.entityErrors.map((e) => e.entity).join(", ") : "-") },
  ];
  table(doc, cols, d.machines, "No machine reports to this workspace.");
}

function changesSection(doc: Doc, d: ReportData) {
  const shown = d.needsALook.length;
  const note =
    `${count(d.needsALookCount)} change${d.needsALookCount === 1 ? "" : "s"} of the period are Unreviewed or Suspicious. ` +
    "Listed first: files that differ from the package that installed them, then Suspicious, then Unreviewed, newest first." +
    (d.needsALookCount > shown ? ` The first ${REPORT_CHANGES} are listed; the Changes tab's CSV holds all.` : "");
  heading(doc, "Changes that need a look", note);
  const cols: Column<TChangeRow>[] = [
    { header: "Time (UTC)", width: 66, value: (c) => c.timeGenerated.slice(0, 16).replace("T", " ") },
    { header: "Computer", width: 72, value: (c) => c.computer },
    { header: "Type", width: 68, value: (c) => TYPE_LABEL[c.changeType] },
    { header: "Category", width: 42, value: (c) => CATEGORY_LABEL[c.category] },
    { header: "Path, key or service", width: 145, value: (c) => c.target },
    { header: "Review state", width: 52, value: (c) => REVIEW_LABEL[c.reviewState] },
    { header: "Attribution", width: 70, value: (c) => (c.attribution ? ATTRIBUTION_LABEL[c.attribution] : "-") },
  ];
  table(doc, cols, d.needsALook, "Every change of the period has been reviewed.");
}

function entitiesSection(doc: Doc, d: ReportData) {
  heading(
    doc,
    "Tracked entities",
    `${count(d.entities.length)} entit${d.entities.length === 1 ? "y is" : "ies are"} tracked (Workspace Configuration).`,
  );
  const cols: Column<TEntity>[] = [
    { header: "Kind", width: 70, value: (e) => ENTITY_KIND_LABEL[e.kind] },
    { header: "Item name", width: 95, value: (e) => e.itemName },
    { header: "Group", width: 60, value: (e) => e.group },
    { header: "Path, key or service", width: 160, value: (e) => (e.valueName ? `${e.path} [${e.valueName}]` : e.path) },
    { header: "Enabled", width: 40, value: (e) => (e.enabled ? "Yes" : "No") },
    { header: "Machines", width: 42, value: (e) => count(e.collection.machines), align: "right" },
    { header: "Failing", width: 48, value: (e) => (e.collection.failingCount ? count(e.collection.failingCount) : "-"), align: "right" },
  ];
  table(doc, cols, d.entities, "Nothing is tracked.");
}

/** The dashboard of the period as a PDF. */
export async function renderReport(d: ReportData): Promise<Uint8Array> {
  const doc = newDocument({ title: `${TITLE}: ${d.workspace.name}`, author: d.madeBy.email, subject: periodText(d), at: d.madeAt });
  titleBlock(doc, d);
  summarySection(doc, d);
  heading(doc, "Changes over time", "Changes per interval of the period, by change type.");
  timelineChart(doc, d.summary.timeline);
  changesSection(doc, d);
  machinesSection(doc, d);
  entitiesSection(doc, d);
  footers(doc, `FIM report  |  ${d.workspace.name}  |  ${d.summary.period.label}  |  made ${utc(d.madeAt)} by ${d.madeBy.email}`);
  return finish(doc);
}
