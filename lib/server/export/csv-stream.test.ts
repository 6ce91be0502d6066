import { describe, expect, it } from "vitest";
import { csvCell, csvStream, neutraliseFormula, type CsvColumn } from "./csv-stream";
import { csvResponse, fileName } from "./download";
import { parseCsvObjects } from "@/lib/testing/parse-csv";

type Row = { name: string; size: number | null; at: Date };
const columns: CsvColumn<Row>[] = [
  { header: "Name", value: (r) => r.name },
  { header: "Size", value: (r) => r.size },
  { header: "TimeGenerated", value: (r) => r.at },
];

async function* from<T>(rows: T[]): AsyncGenerator<T> {
  for (const r of rows) yield r;
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("formula neutralisation", () => {
  it("prefixes a single quote to text a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "\uFF1D1+1"])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it("leaves other text, empty text and numbers as they are", () => {
    expect(neutraliseFormula("/etc/passwd")).toBe("/etc/passwd");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("")).toBe("");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("csvStream", () => {
  it("writes RFC 4180: a header row, CRLF records, quoted commas, quotes, CR and LF", async () => {
    const at = new Date("2026-01-02T03:04:05Z");
    const out = await text(
      csvStream(
        columns,
        from([
          { name: 'a,"b"', size: 1, at },
          { name: "line\nbreak", size: null, at },
          { name: "cr\rinside", size: 0, at },
        ]),
      ),
    );
    expect(out).toBe(
      'Name,Size,TimeGenerated\r\n"a,""b""",1,2026-01-02T03:04:05.000Z\r\n"line\nbreak",,2026-01-02T03:04:05.000Z\r\n"cr\rinside",0,2026-01-02T03:04:05.000Z\r\n',
    );
    expect(parseCsvObjects(out)).toEqual([
      { Name: 'a,"b"', Size: "1", TimeGenerated: "2026-01-02T03:04:05.000Z" },
      { Name: "line\nbreak", Size: "", TimeGenerated: "2026-01-02T03:04:05.000Z" },
      { Name: "cr\rinside", Size: "0", TimeGenerated: "2026-01-02T03:04:05.000Z" },
    ]);
  });

  it("neutralises formulas in every text cell, the quote kept inside the field", async () => {
    const out = await text(csvStream(columns, from([{ name: '=HYPERLINK("http://evil","x")', size: -3, at: new Date(0) }])));
    const [row] = parseCsvObjects(out) as Record<string, string>[];
    expect(row.Name).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row.Size).toBe("-3");
  });

  it("writes UTF-8 without a byte-order mark, and only the header for no rows", async () => {
    const bytes = new Uint8Array(
      await new Response(csvStream(columns, from([{ name: "café 日本", size: 1, at: new Date(0) }]))).arrayBuffer(),
    );
    expect([...bytes.slice(0, 4)]).toEqual([...new TextEncoder().encode("Name")]);
    expect(new TextDecoder().decode(bytes)).toContain("café 日本");
    expect(await text(csvStream(columns, from([])))).toBe("Name,Size,TimeGenerated\r\n");
  });

  it("reads rows only as the reader takes them, and closes the rows when the reader cancels", async () => {
    let produced = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Row> {
      try {
        for (;;) {
          produced++;
          yield { name: "x", size: produced, at: new Date(0) };
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(columns, endless()).getReader();
    await reader.read();
    await reader.read();
    // Two batches read, at most one more prepared ahead: an endless source is never drained into memory.
    expect(produced).toBeLessThanOrEqual(3 * 500 + 1);
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("streams many rows in order", async () => {
    const n = 2_345;
    const rows = Array.from({ length: n }, (_, i) => ({ name: `f${i}`, size: i, at: new Date(i * 1000) }));
    const parsed = parseCsvObjects(await text(csvStream(columns, from(rows)))) as Record<string, string>[];
    expect(parsed.length).toBe(n);
    expect(parsed[n - 1]).toEqual({ Name: `f${n - 1}`, Size: String(n - 1), TimeGenerated: new Date((n - 1) * 1000).toISOString() });
  });
});

describe("download file names and headers", () => {
  it("names the list and the filter with safe characters only", () => {
    expect(fileName(["changes", "Files", "Modified", "vm-01"], "csv")).toBe("changes_Files_Modified_vm-01.csv");
    expect(fileName(["changes", 'a"b/../c\r\nd', "café"], "csv")).toBe("changes_a-b-.-c-d_cafe.csv");
    expect(fileName(["..", ""], "csv")).toBe("export.csv");
    expect(fileName(["x".repeat(400)], "csv")).toBe(`${"x".repeat(150)}.csv`);
  });

  it("answers a CSV attachment that is not cached", async () => {
    const res = csvResponse(columns, { name: "changes_Files.csv", rows: from([]) });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="changes_Files.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("Name,Size,TimeGenerated\r\n");
  });
});
