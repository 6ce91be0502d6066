// The measuring half of `npm run bench:api`: timed HTTP requests against the running production build, and the
// table and summary line it prints.

export type Sample = { endpoint: "summary" | "servers" | "changes" | "search"; filter: string; detail: string; ms: number[] };

const PERIODS = ["1h", "24h", "7d", "30d"] as const;
/** Searches a user would type: a path fragment, a computer name, a registry value; and one that finds nothing. */
export const SEARCH_TERMS = ["drv12", "lnx-0421", "\\App7"] as const;
export const NO_MATCH_TERM = "no-such-path";

type Options = { base: string; cookie: string; workspaceId: string; say: (m: string) => void; samples?: number };

async function timed(url: string, cookie: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, accept: "application/json" } });
  const body = await res.json();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

export async function measureEndpoints(o: Options): Promise<Sample[]> {
  const n = o.samples ?? 30;
  const api = `${o.base}/api/v1/workspaces/${o.workspaceId}`;
  const out: Sample[] = [];
  const run = async (endpoint: Sample["endpoint"], filter: string, detail: string, urls: () => string) => {
    for (let i = 0; i < 3; i++) await timed(urls(), o.cookie); // warm-up: compiled routes, prepared statements
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push((await timed(urls(), o.cookie)).ms);
    out.push({ endpoint, filter, detail, ms });
  };

  for (const period of PERIODS) {
    o.say(`measuring period ${period}`);
    await run("summary", period, "", () => `${api}/summary?period=${period}`);
    await run("servers", period, "sorted by total changes", () => `${api}/machines?period=${period}`);
    await run("servers", period, "sorted by name", () => `${api}/machines?period=${period}&sort=name`);

    // Changes: pages 1 … n+3 in a row, each found from the previous page's cursor (keyset), as Next does.
    let cursor: string | null = null;
    const pages: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const url: string = `${api}/changes?period=${period}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const { ms, body } = await timed(url, o.cookie);
      if (i >= 3) pages.push(ms);
      cursor = (body as { nextCursor: string | null }).nextCursor;
      if (!cursor) cursor = null;
    }
    out.push({ endpoint: "changes", filter: period, detail: "pages 1…n, newest first", ms: pages });
    await run("changes", period, "first page, sorted by machine", () => `${api}/changes?period=${period}&sort=machine`);

    let k = 0;
    await run(
      "search",
      period,
      SEARCH_TERMS.join(" | "),
      () => `${api}/changes?period=${period}&q=${encodeURIComponent(SEARCH_TERMS[k++ % SEARCH_TERMS.length])}`,
    );
    await run("search", period, `no match ("${NO_MATCH_TERM}")`, () => `${api}/changes?period=${period}&q=${NO_MATCH_TERM}`);
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function printResults(samples: Sample[], o: { db: string; records: number }) {
  const lines = [["endpoint", "filter", "what", "n", "p50_ms", "p95_ms", "max_ms"]];
  const worst: Record<Sample["endpoint"], number> = { summary: 0, servers: 0, changes: 0, search: 0 };
  for (const s of samples) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    lines.push([
      s.endpoint,
      s.filter,
      s.detail,
      String(sorted.length),
      percentile(sorted, 50).toFixed(1),
      p95.toFixed(1),
      sorted[sorted.length - 1].toFixed(1),
    ]);
    // The summary line takes the worst filter of each endpoint's default view; the no-match search and the
    // alternative sorts are in the table.
    const primary = !s.detail.startsWith("no match") && !s.detail.includes("sorted by name") && !s.detail.includes("sorted by machine");
    if (primary) worst[s.endpoint] = Math.max(worst[s.endpoint], p95);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const l of lines) console.log(l.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  "));
  console.log(
    `bench:api db=${o.db} records=${o.records} summary_p95_ms=${Math.round(worst.summary)} servers_p95_ms=${Math.round(worst.servers)} ` +
      `changes_p95_ms=${Math.round(worst.changes)} search_p95_ms=${Math.round(worst.search)}`,
  );
}
