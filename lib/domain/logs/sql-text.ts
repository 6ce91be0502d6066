// Parameterised SQL text for both dialects. Every value from the query text becomes a parameter; the SQL text is
// built only from the translator's own fragments. Parameters are written as markers while the statement is built
// (fragments nest in any order) and numbered in text order at the end.
import type { KType } from "./catalogue";

export type Dialect = "sqlite" | "postgres";

export type SqlParam = string | number | boolean | null;

export type Statement = { text: string; params: SqlParam[] };

const MARK = "\u0001";

/** SQLite stores Prisma DateTime as ISO text with "+00:00"; PostgreSQL as timestamp(3) in UTC. */
export function dateParam(dialect: Dialect, d: Date): string {
  const iso = d.toISOString();
  return dialect === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("Z", "");
}

export const PG_TYPE: Record<KType, string> = {
  string: "TEXT",
  datetime: "TIMESTAMP(3)",
  long: "BIGINT",
  int: "INTEGER",
  real: "DOUBLE PRECISION",
  bool: "BOOLEAN",
  dynamic: "TEXT",
  timespan: "BIGINT",
};

export class ParamList {
  readonly values: SqlParam[] = [];
  constructor(readonly dialect: Dialect) {}

  /** A typed parameter: PostgreSQL gets an explicit cast so the value's type never depends on context. */
  add(value: SqlParam | Date, type: KType): string {
    let v: SqlParam;
    if (value instanceof Date) v = dateParam(this.dialect, value);
    else if (typeof value === "boolean" && this.dialect === "sqlite") v = value ? 1 : 0;
    else v = value;
    this.values.push(v);
    const marker = `${MARK}${this.values.length - 1}${MARK}`;
    return this.dialect === "postgres" ? `CAST(${marker} AS ${PG_TYPE[type]})` : marker;
  }

  /** Numbers the markers in text order: `?` on SQLite, `$n` on PostgreSQL. */
  finish(text: string): Statement {
    const params: SqlParam[] = [];
    const out = text.replace(new RegExp(`${MARK}(\\d+)${MARK}`, "g"), (_m, i: string) => {
      params.push(this.values[Number(i)]);
      return this.dialect === "postgres" ? `$${params.length}` : "?";
    });
    return { text: out, params };
  }
}

/** Column alias of position i in a relation: never a user-chosen name. */
export const alias = (i: number) => `"c${i}"`;
