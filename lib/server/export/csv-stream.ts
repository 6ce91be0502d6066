import "server-only";
import { stringify } from "csv-stringify/sync";

// Every CSV download (workspaces, machines, changes, query results) is written here: RFC 4180 (comma, CRLF, fields
// with a comma, quote, CR or LF quoted, quotes doubled), UTF-8 without a byte-order mark, one header row, and every
// text cell neutralised against formula injection. Rows are pulled from an async iterable only as fast as the
// reader takes them (a web ReadableStream's pull), so a million rows export in the memory of a few batches.

/** A cell as the caller hands it over; dates are written as ISO 8601 in UTC, null and undefined as an empty cell. */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

/** What a spreadsheet reads as the start of a formula (also their full-width forms, which some normalise to ASCII). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `-1+2`, `@SUM(…)`, or one starting with a
 * tab or CR) is prefixed with a single quote, which Excel, LibreOffice and Google Sheets show as text. The quote is
 * part of the value a CSV parser reads back. Numbers are written as numbers: a negative number is no formula.
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]) ? `'${text}` : text;
}

/** One cell's text: the only place values become CSV text. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  return neutraliseFormula(value);
}

const CSV_OPTIONS = { record_delimiter: "windows", quote_record_delimiter: true } as const;

/** Records in CSV, each ended by CRLF. */
export function csvLines(records: string[][]): string {
  return records.length === 0 ? "" : stringify(records, CSV_OPTIONS);
}

/** Rows are encoded this many at a time: big enough that stringify's per-call cost vanishes, small enough to stay cheap. */
const BATCH_ROWS = 500;

/**
 * The header row, then one record per row, as a byte stream. Each pull encodes the next batch of rows; the stream
 * asks for more only when its reader has taken what it had, so a slow client slows the database reads down rather
 * than filling memory. Cancelling the stream (the client went away) closes the row iterator, which ends its query.
 */
export function csvStream<T>(columns: readonly CsvColumn<T>[], rows: AsyncIterable<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const records: string[][] = [];
        if (!headerSent) {
          records.push(columns.map((c) => neutraliseFormula(c.header)));
          headerSent = true;
        }
        let done = false;
        while (records.length < BATCH_ROWS) {
          const next = await iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          records.push(columns.map((c) => csvCell(c.value(next.value))));
        }
        if (records.length > 0) controller.enqueue(encoder.encode(csvLines(records)));
        if (done) controller.close();
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One encoded batch waiting at a time: the rest of the back-pressure is the reader's.
    { highWaterMark: 1 },
  );
}
