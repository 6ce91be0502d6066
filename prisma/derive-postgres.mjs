#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma (the one source of truth):
// the datasource provider becomes postgresql and each generator output moves from …/sqlite to
// …/postgres, re-based for the derived file's folder. Nothing else changes: the schema uses only
// types both databases share.
//   node prisma/derive-postgres.mjs          write the file
//   node prisma/derive-postgres.mjs --check  exit 1 when the file on disk is not what would be written
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = path.join(prismaDir, "schema.prisma");
export const TARGET = path.join(prismaDir, "postgres", "schema.prisma");

const HEADER = [
  "// generated from prisma/schema.prisma — do not edit.",
  "// Regenerate with `node prisma/derive-postgres.mjs` (the migrate and generate scripts do it for you).",
  "",
].join("\n");

/** The PostgreSQL variant of a SQLite schema text. Throws when the source does not have the expected shape. */
export function derivePostgresSchema(source) {
  let providers = 0;
  let outputs = 0;
  const text = source.replace(/^(datasource|generator)\s+(\w+)\s*\{([^}]*)\}/gm, (block, kind, name, body) => {
    if (kind === "datasource") {
      const next = body.replace(/^(\s*provider\s*=\s*)"sqlite"/m, (_m, lead) => {
        providers++;
        return `${lead}"postgresql"`;
      });
      return `datasource ${name} {${next}}`;
    }
    const next = body.replace(/^(\s*output\s*=\s*)"([^"]+)"/m, (_m, lead, out) => {
      const abs = path.resolve(prismaDir, out);
      if (path.basename(abs) !== "sqlite") throw new Error(`generator ${name}: output "${out}" does not end in /sqlite`);
      outputs++;
      const rel = path
        .relative(path.dirname(TARGET), path.join(path.dirname(abs), "postgres"))
        .split(path.sep)
        .join("/");
      return `${lead}"${rel}"`;
    });
    return `generator ${name} {${next}}`;
  });
  if (providers !== 1) throw new Error(`expected one datasource with provider = "sqlite", found ${providers}`);
  if (outputs < 1) throw new Error("expected a generator with an output path");
  return HEADER + text;
}

/** Writes the derived schema; returns true when the file changed. */
export function writePostgresSchema() {
  const next = derivePostgresSchema(fs.readFileSync(SOURCE, "utf8"));
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : null;
  if (current === next) return false;
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, next);
  return true;
}

/** True when prisma/postgres/schema.prisma is what derivePostgresSchema makes of prisma/schema.prisma. */
export function postgresSchemaIsCurrent() {
  const next = derivePostgresSchema(fs.readFileSync(SOURCE, "utf8"));
  return fs.existsSync(TARGET) && fs.readFileSync(TARGET, "utf8") === next;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    if (!postgresSchemaIsCurrent()) {
      console.error("prisma/postgres/schema.prisma is out of date: run node prisma/derive-postgres.mjs");
      process.exit(1);
    }
  } else {
    const changed = writePostgresSchema();
    console.log(`${path.relative(process.cwd(), TARGET)} ${changed ? "written" : "already up to date"}`);
  }
}
