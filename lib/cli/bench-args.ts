// Command-line options of the bench scripts: `--name value` and bare `--flag`.
import type { DbKind } from "./bench-server";

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export const flag = (name: string) => process.argv.includes(`--${name}`);

/** `--db sqlite|postgres`, SQLite when left out. */
export function benchDbKind(): DbKind {
  const kind = option("db") ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error("--db is sqlite or postgres");
  return kind;
}
