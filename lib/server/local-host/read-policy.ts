import "server-only";
// What the Vigil host's own disk may be read for, on behalf of the portal's users. The scanner worker runs with the
// rights of its user (often root), so a tenant's tracked entity must not become a way to read the host. The operator
// sets an allow-list of folders (VIGIL_LOCAL_ALLOW=/srv/app:/etc/nginx and/or a file named by VIGIL_LOCAL_ALLOW_FILE,
// one folder a line; by default only the demo folder, data/local-demo). It governs, for the vigil-local-host workspace:
// - every read of any entity that is not one of the recommended Linux files: walking, hashing, metadata;
// - content upload, for every entity, the recommended ones included;
// - Preview against the disk (elsewhere Preview uses what the machines reported).
// The recommended Linux files (/etc/passwd, /usr/bin, ...) are scanned for hash and metadata wherever they are, as
// the operator's own seed set them up. Vigil's own data (the data folder, the database, the auth secret, .env files)
// is never read, whatever a rule or the allow-list says. Every decision is made on real paths (symbolic links
// resolved), so a link cannot lead a rule out of the allow-list or into the data folder.
import fs from "node:fs";
import path from "node:path";
import { RECOMMENDED_LINUX_FILES } from "@/lib/domain/recommended";
import type { LinksMode, PathType } from "@/lib/domain/types";
import { splitPattern } from "@/lib/domain/wildcard";

export type HostReadPolicy = {
  /** Real paths of the allowed folders. */
  allowed: readonly string[];
  /** Real paths never read: Vigil's data folder (but `exempt`), and its database, secret and .env files anywhere. */
  protectedDirs: readonly string[];
  protectedFiles: readonly string[];
  /** Real paths inside a protected folder that hold no secret: the demo folder the worker itself writes. */
  exempt: readonly string[];
  /** The allow-list as the operator wrote it, and where, for messages. */
  shown: readonly string[];
  source: string;
};

export type HostRule = { path: string; pathType: PathType | null; recursion: boolean; links: LinksMode | null; uploadContent: boolean };

/** What a rule may do on the host: `read` its files (allow-listed, or a recommended file), `upload` their content. */
export type RuleDecision = { read: boolean; upload: boolean; allowListed: boolean; reason: string | null };

const ENV_FILES = [".env", ".env.local", ".env.production", ".env.production.local", ".env.development", ".env.development.local"];

/** The real path of `p`; for a path that does not exist (yet), its nearest existing ancestor's real path + the rest. */
export function realOf(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(/*turbopackIgnore: true*/ realOf(parent), path.basename(abs));
  }
}

export const within = (p: string, root: string) => p === root || p.startsWith(root.endsWith("/") ? root : `${root}/`);

function sqliteFile(url: string | undefined, cwd: string): string | null {
  const u = url || "file:./data/vigil.db";
  return u.startsWith("file:") ? path.resolve(cwd, u.slice("file:".length).split("?")[0]) : null;
}

/** The environment it reads: VIGIL_LOCAL_ALLOW, VIGIL_LOCAL_ALLOW_FILE, VIGIL_DATA_DIR, DATABASE_URL. */
export type PolicyEnv = Record<string, string | undefined>;

function allowListOf(env: PolicyEnv, cwd: string, demo: string): { shown: string[]; source: string } {
  const fromEnv = env.VIGIL_LOCAL_ALLOW;
  const file = env.VIGIL_LOCAL_ALLOW_FILE;
  if (fromEnv === undefined && !file) return { shown: [demo], source: "the default" };
  const shown = (fromEnv ?? "").split(":").filter((p) => p.trim() !== "");
  if (file) {
    try {
      const lines = fs.readFileSync(path.resolve(cwd, file), "utf8").split("\n");
      shown.push(...lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")));
    } catch {
      // An unreadable allow-list allows nothing (fail closed); the messages name the file.
    }
  }
  const source = [fromEnv !== undefined && "VIGIL_LOCAL_ALLOW", file && file].filter(Boolean).join(" and ");
  return { shown: shown.map((p) => path.resolve(cwd, p)), source };
}

/** The policy from the environment the web server and the worker share (read again on each use: it is cheap). */
export function hostReadPolicy(env: PolicyEnv = process.env, cwd = process.cwd()): HostReadPolicy {
  const dataDir = path.resolve(cwd, env.VIGIL_DATA_DIR ?? "data");
  const demo = path.join(dataDir, "local-demo");
  const { shown, source } = allowListOf(env, cwd, demo);
  const db = sqliteFile(env.DATABASE_URL, cwd);
  const files = [path.join(dataDir, "auth-secret"), ...ENV_FILES.map((f) => path.join(/*turbopackIgnore: true*/ cwd, f))];
  if (db) files.push(db, `${db}-wal`, `${db}-shm`, `${db}-journal`);
  return {
    allowed: shown.map(realOf),
    protectedDirs: [realOf(dataDir)],
    protectedFiles: files.map(realOf),
    exempt: [realOf(demo)],
    shown,
    source,
  };
}

export function isProtected(policy: HostReadPolicy, real: string): boolean {
  if (policy.protectedFiles.some((f) => within(real, f))) return true;
  return policy.protectedDirs.some((d) => within(real, d)) && !policy.exempt.some((e) => within(real, e));
}

export const isAllowed = (policy: HostReadPolicy, real: string) =>
  !isProtected(policy, real) && policy.allowed.some((a) => within(real, a));

/** One of the recommended Linux files exactly as the operator's seed tracks it. */
export const isRecommendedRule = (rule: HostRule) =>
  RECOMMENDED_LINUX_FILES.some(
    (r) => r.path === rule.path && r.pathType === rule.pathType && r.recursion === rule.recursion && r.links === (rule.links ?? "FOLLOW"),
  );

const folders = (policy: HostReadPolicy) => `${policy.shown.join(", ") || "none"}, set by ${policy.source}`;

export const protectedReason = (p: string) =>
  `${p} is Vigil's own data (its data folder, database or secrets): it is never scanned, uploaded or previewed, whatever the rule says.`;

export const outsideReason = (policy: HostReadPolicy, p: string) =>
  `${p} is outside the folders the operator of the Vigil host allows tenants' entries to read (${folders(policy)}). Track a path inside them or one of the recommended Linux files, or ask the operator to add the folder to VIGIL_LOCAL_ALLOW.`;

export const uploadReason = (policy: HostReadPolicy, p: string) =>
  `File content is not uploaded for ${p}: on the Vigil host, content is uploaded only under the folders its operator allows (${folders(policy)}). Its hash and attributes are still tracked; turn off Upload file content, or ask the operator to add the folder to VIGIL_LOCAL_ALLOW.`;

/** The decision for a whole rule, from the real path of the folder it starts from (or its one file). */
export function decideRule(policy: HostReadPolicy, rule: HostRule): RuleDecision {
  const root = realOf(splitPattern(rule.path).dir);
  if (isProtected(policy, root)) return { read: false, upload: false, allowListed: false, reason: protectedReason(rule.path) };
  if (isAllowed(policy, root)) return { read: true, upload: true, allowListed: true, reason: null };
  if (isRecommendedRule(rule))
    return { read: true, upload: false, allowListed: false, reason: rule.uploadContent ? uploadReason(policy, rule.path) : null };
  return { read: false, upload: false, allowListed: false, reason: outsideReason(policy, rule.path) };
}
