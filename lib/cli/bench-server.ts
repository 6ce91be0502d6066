// Shared by the HTTP benchmarks: a fresh SQLite or PostgreSQL database, the production build in its own
// NEXT_DIST_DIR, web instances (`npm start`'s web process) on free ports, and a signed-in session. (bench-api.ts has the same steps
// inline; it may move onto this module.)
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { DEMO_PASSWORD } from "@/lib/server/seed/demo-tenant";
import { buildIsStale } from "./build-state";
import { run, webProcess } from "./proc";

export type DbKind = "sqlite" | "postgres";
export type Fresh = { url: string; drop: () => Promise<void> };

const root = process.cwd();
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function freshDatabase(kind: DbKind, prefix = "vigil_bench"): Promise<Fresh> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`));
    return { url: `file:${path.join(dir, "vigil.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function migrate(url: string) {
  await run(process.execPath, [path.join(root, "prisma/migrate.mjs"), "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Builds the production app into distDir when sources are newer (or always when forced); tsconfig.json is left as it was. */
export async function buildIfStale(distDir: string, say: (m: string) => void, opts: { skip?: boolean } = {}) {
  const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "" };
  const hasBuild = fs.existsSync(path.join(root, distDir, "BUILD_ID"));
  if (opts.skip && hasBuild) {
    say(`using the existing build in ${distDir} (--no-build)`);
    return;
  }
  const prev = process.env.NEXT_DIST_DIR;
  process.env.NEXT_DIST_DIR = distDir;
  const stale = buildIsStale(root);
  process.env.NEXT_DIST_DIR = prev;
  if (!stale) return;
  say(`building the production app into ${distDir}`);
  // next build adds its output folder to tsconfig.json's include list; the checkout's file stays as it was.
  const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"), "utf8");
  try {
    await run(path.join(root, "node_modules/.bin/next"), ["build"], { env, stdio: "ignore" });
  } finally {
    fs.writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  }
}

export type Instance = { base: string; child: ChildProcess };

/**
 * The portal's web process as `npm start` runs it (lib/cli/web.ts: Next.js behind our server) on the build in distDir,
 * on a free port, in its own process group (stopped as a whole).
 */
export async function startServer(distDir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const web = webProcess(root, String(port));
  const child = spawn(process.execPath, [...nodeArgs, ...web.args], {
    cwd: root,
    env: {
      ...process.env,
      ...web.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: "",
      BETTER_AUTH_URL: base,
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitFor(`${base}/sign-in`, child);
  return { base, child };
}

export function stopServer(i: Instance | null | undefined) {
  if (i?.child.pid && i.child.exitCode === null) {
    try {
      process.kill(-i.child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

/** CPU seconds (user + system) used so far by every process of a process group (Linux /proc). */
export function groupCpuSeconds(pgid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // pgrp
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

export async function signIn(base: string, email = "owner@contoso.com"): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type ProbeSample = { summary: number[]; servers: number[]; changes: number[] };

/** Times the dashboard's summary, Servers and Changes endpoints over and over until `until()` (as a user's refresh). */
export async function probeDashboard(
  base: string,
  cookie: string,
  workspaceId: string,
  period: string,
  until: () => boolean,
  onError: (what: string) => void,
): Promise<ProbeSample> {
  const api = `${base}/api/v1/workspaces/${workspaceId}`;
  const out: ProbeSample = { summary: [], servers: [], changes: [] };
  const urls: [keyof ProbeSample, string][] = [
    ["summary", `${api}/summary?period=${period}`],
    ["servers", `${api}/machines?period=${period}`],
    ["changes", `${api}/changes?period=${period}`],
  ];
  while (!until()) {
    for (const [k, url] of urls) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie, accept: "application/json" } });
        await res.arrayBuffer();
        if (res.ok) out[k].push(performance.now() - t0);
        else onError(`dashboard ${res.status}`);
      } catch {
        onError("dashboard network");
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}
