import path from "node:path";
import { describe, expect, it } from "vitest";
import { editorAssetFile, serveEditorAsset } from "./editor-assets";

const modules = path.join(process.cwd(), "node_modules");

describe("the query editor's files, served from the install", () => {
  it("maps Monaco's vs/ and monaco-kusto's vs/language/kusto/ to the installed packages", () => {
    expect(editorAssetFile(["vs", "loader.js"])?.file).toBe(path.join(modules, "monaco-editor", "min", "vs", "loader.js"));
    expect(editorAssetFile(["vs", "language", "kusto", "kustoWorker.js"])?.file).toBe(
      path.join(modules, "@kusto", "monaco-kusto", "release", "min", "kustoWorker.js"),
    );
    expect(editorAssetFile(["vs", "editor", "editor.main.css"])?.type).toMatch(/^text\/css/);
  });

  it("serves nothing outside them, and no other kind of file", () => {
    for (const segments of [
      ["vs", "..", "..", "package.json"],
      ["vs", "..", "..", "..", ".env"],
      ["vs", "language", "kusto", "..", "..", "..", "..", "..", "prisma", "schema.js"],
      ["vs", "base", "worker", "workerMain.js\u0000.png"],
      ["vs", "..\\..\\x.js"],
      ["other", "x.js"],
      ["vs", "editor", "editor.main.nls.json"],
      ["vs", "", "loader.js"],
    ]) {
      expect(editorAssetFile(segments), segments.join("/")).toBeNull();
    }
  });

  it("answers a file with its type and 404 for one that is not there", async () => {
    const loader = await serveEditorAsset(["vs", "loader.js"]);
    expect(loader.status).toBe(200);
    expect(loader.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(loader.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await serveEditorAsset(["vs", "nothing-here.js"])).status).toBe(404);
  });
});
