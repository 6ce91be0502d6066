import "server-only";
import type { DownloadType } from "@/lib/contracts/endpoint";
import { csvStream, type CsvColumn } from "./csv-stream";

// A download's answer: its type, a file name that says what it holds (the list and the filter it was made with), and
// no caching (the rows are the workspace's and change).

const CONTENT_TYPE: Record<DownloadType, string> = {
  "text/csv": "text/csv; charset=utf-8; header=present",
  "application/pdf": "application/pdf",
};

const MAX_NAME = 150;

/**
 * A file name safe on every system and in a header: letters, digits, dot, dash and underscore only (anything else
 * becomes a dash, runs of dashes one), no leading dot, at most 150 characters before the extension.
 * `fileName(["changes", "Files", "vm-01"], "csv")` → `changes_Files_vm-01.csv`.
 */
export function fileName(parts: readonly (string | null | undefined)[], extension: string): string {
  const clean = parts
    .filter((p): p is string => !!p && p.trim() !== "")
    .map((p) =>
      p
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/\.{2,}/g, ".")
        .replace(/^[-.]+|[-.]+$/g, ""),
    )
    .filter((p) => p !== "");
  const base = (clean.join("_") || "export").slice(0, MAX_NAME).replace(/[-._]+$/, "");
  return `${base}.${extension}`;
}

/** The download's headers: the type, `attachment` with the (already safe) file name, and no caching. */
export function downloadHeaders(type: DownloadType, name: string): Record<string, string> {
  return {
    "content-type": CONTENT_TYPE[type],
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}

/** A streamed CSV download: see csv-stream.ts for the format and the formula neutralisation. */
export function csvResponse<T>(columns: readonly CsvColumn<T>[], file: { name: string; rows: AsyncIterable<T> }): Response {
  return new Response(csvStream(columns, file.rows), { status: 200, headers: downloadHeaders("text/csv", file.name) });
}

/** A file made whole in memory (the PDF report). */
export function fileResponse(type: DownloadType, file: { name: string; bytes: Uint8Array }): Response {
  return new Response(file.bytes as BodyInit, { status: 200, headers: downloadHeaders(type, file.name) });
}
