import "server-only";
import PDFDocument from "pdfkit";

// The report's page furniture on pdfkit's built-in Helvetica (no font file is read or downloaded): headings, key
// figures, tables that continue on the next page with their header row, and the running footer with page numbers.

export type Doc = PDFKit.PDFDocument;

export const MARGIN = 40;
const FOOTER_SPACE = 28;
export const INK = "#201f1e";
export const MUTED = "#605e5c";
export const RULE = "#c8c6c4";
const BAND = "#f3f2f1";

export function newDocument(info: { title: string; author: string; subject: string; at: Date }): Doc {
  return new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: "Vigil", CreationDate: info.at },
  });
}

/** The bytes of a finished document. */
export function finish(doc: Doc): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.end();
  });
}

/** Helvetica's encoding (WinAnsi) has Latin-1 and a few typographic marks; anything else would print as garbage. */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, "?");
}

export const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** The text cut to `width` with an ellipsis, in the current font and size. */
export function fit(doc: Doc, text: string, width: number): string {
  const t = printable(text);
  if (doc.widthOfString(t) <= width) return t;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${t.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${t.slice(0, lo)}…`;
}

/** A section heading, kept on one page with its note and the first rows of what follows. */
export function heading(doc: Doc, text: string, note?: string) {
  ensureRoom(doc, 110);
  doc.moveDown(0.8);
  doc.font("Helvetica-Bold").fontSize(13).fillColor(INK).text(printable(text), MARGIN, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 6;
  if (note) paragraph(doc, note);
}

export function paragraph(doc: Doc, text: string, color = MUTED) {
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor(color)
    .text(printable(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

/** A row of labelled figures (the summary's tiles). */
export function figures(doc: Doc, items: { label: string; value: string }[]) {
  ensureRoom(doc, 44);
  const w = contentWidth(doc) / items.length;
  const y = doc.y;
  items.forEach((item, i) => {
    const x = MARGIN + i * w;
    doc.rect(x + 2, y, w - 4, 40).fill(BAND);
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(MUTED)
      .text(fit(doc, item.label, w - 16), x + 8, y + 6, { lineBreak: false });
    doc
      .font("Helvetica-Bold")
      .fontSize(15)
      .fillColor(INK)
      .text(fit(doc, item.value, w - 16), x + 8, y + 19, { lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = y + 48;
}

export type Column<T> = { header: string; width: number; value: (row: T) => string; align?: "left" | "right" };

const ROW_HEIGHT = 13;

function tableHeader<T>(doc: Doc, columns: readonly Column<T>[]) {
  const y = doc.y;
  doc.rect(MARGIN, y, contentWidth(doc), ROW_HEIGHT + 2).fill(BAND);
  doc.font("Helvetica-Bold").fontSize(7.5).fillColor(INK);
  let x = MARGIN;
  for (const c of columns) {
    doc.text(fit(doc, c.header, c.width - 6), x + 3, y + 4, { width: c.width - 6, align: c.align ?? "left", lineBreak: false });
    x += c.width;
  }
  doc.y = y + ROW_HEIGHT + 2;
}

/** A table; on a page break it goes on under its header row again. Cells are one line, cut with an ellipsis. */
export function table<T>(doc: Doc, columns: readonly Column<T>[], rows: readonly T[], empty: string) {
  ensureRoom(doc, ROW_HEIGHT * 3);
  tableHeader(doc, columns);
  if (rows.length === 0) {
    doc
      .font("Helvetica-Oblique")
      .fontSize(8)
      .fillColor(MUTED)
      .text(empty, MARGIN + 3, doc.y + 3);
    doc.y += 4;
    return;
  }
  rows.forEach((row, i) => {
    if (doc.y + ROW_HEIGHT > bottom(doc)) {
      doc.addPage();
      tableHeader(doc, columns);
    }
    const y = doc.y;
    if (i % 2 === 1) doc.rect(MARGIN, y, contentWidth(doc), ROW_HEIGHT).fill("#faf9f8");
    doc.font("Helvetica").fontSize(7.5).fillColor(INK);
    let x = MARGIN;
    for (const c of columns) {
      doc.text(fit(doc, c.value(row), c.width - 6), x + 3, y + 3.5, { width: c.width - 6, align: c.align ?? "left", lineBreak: false });
      x += c.width;
    }
    doc
      .moveTo(MARGIN, y + ROW_HEIGHT)
      .lineTo(MARGIN + contentWidth(doc), y + ROW_HEIGHT)
      .lineWidth(0.25)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + ROW_HEIGHT;
  });
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

/** The running footer on every page: what the report is, and page n of N. */
export function footers(doc: Doc, left: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    // Below the bottom margin pdfkit would start a new page: lift the margin while writing the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(doc.page.width - MARGIN, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font("Helvetica").fontSize(7.5).fillColor(MUTED);
    doc.text(fit(doc, left, contentWidth(doc) - 80), MARGIN, y, { lineBreak: false });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN, y, { width: contentWidth(doc), align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
