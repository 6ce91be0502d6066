// A strict RFC 4180 reader for tests: records end with CRLF, a quoted field may hold commas, quotes (doubled), CR and
// LF. It throws on anything else (a bare quote in an unquoted field, an unterminated quote, a lone LF between records),
// so a test that reads a download with it also checks the download is well-formed CSV.
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`Not RFC 4180 CSV at ${i}: ${why}`);
  };
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') fail("quote in an unquoted field");
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    fail("expected a comma or CRLF");
  }
  if (record.length) fail("the last record does not end with CRLF");
  return records;
}

/** The records as objects keyed by the header row. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error("No header row");
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`A record has ${r.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, n) => [h, r[n]]));
  });
}
