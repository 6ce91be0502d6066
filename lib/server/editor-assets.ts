import "server-only";
import fs from "node:fs/promises";
import path from "node:path";

// The Logs page's editor (Monaco with Microsoft's Kusto language) is served from the install, never from a CDN: its
// AMD build as it ships, under /monaco/vs/…, laid out as monaco-kusto expects (vs/language/kusto beside Monaco's vs),
// so the editor's web workers load from this origin too.
const modules = path.join(process.cwd(), "node_modules");
const ROOTS: { prefix: string; dir: string }[] = [
  { prefix: "vs/language/kusto/", dir: path.join(modules, "@kusto", "monaco-kusto", "release", "min") },
  { prefix: "vs/", dir: path.join(modules, "monaco-editor", "min", "vs") },
];
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
};

/** The file an asset path names, or null: only .js, .css and .ttf below the two roots, nothing above them. */
export function editorAssetFile(segments: readonly string[]): { file: string; type: string } | null {
  const rel = segments.join("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\") || s.includes("\0"))) return null;
  const type = TYPES[path.extname(rel)];
  if (!type) return null;
  const root = ROOTS.find((r) => rel.startsWith(r.prefix));
  if (!root) return null;
  const file = path.join(root.dir, rel.slice(root.prefix.length));
  if (!file.startsWith(root.dir + path.sep)) return null;
  return { file, type };
}

export async function serveEditorAsset(segments: readonly string[]): Promise<Response> {
  const found = editorAssetFile(segments);
  const body = found && (await fs.readFile(found.file).catch(() => null));
  if (!found || !body) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": found.type,
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    },
  });
}
