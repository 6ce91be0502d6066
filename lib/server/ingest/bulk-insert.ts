import "server-only";
import crypto from "node:crypto";
import { join, raw, sql, type Sql } from "../changes/sql";
import type { RawTx, SqlValue } from "../raw-tx";

// Multi-row INSERTs for the scan commit's bulk writes, on the driver (raw-tx.ts). Prisma's createMany costs close to a
// millisecond per row (every value travels through the query compiler); one INSERT of many rows a few microseconds a
// value.
// Statements of rows stay under SQLite's bound-variable limit (32,766 in the SQLite that better-sqlite3 12 ships).

const MAX_VARIABLES = 30_000;

const quoted = (name: string) => `"${name}"`;

/** Inserts `rows` (values in `columns` order) into `table` in as few statements as the variable limit allows. */
export async function insertRows(tx: RawTx, table: string, allColumns: readonly string[], allRows: readonly SqlValue[][]) {
  if (!allRows.length) return;
  // Columns null in every row are left out (NULL is what they get anyway: the tables' defaults are all on NOT NULL
  // columns): a file change fills about a third of a change record's columns, so most values need not travel.
  const used = allColumns.flatMap((_, i) => (allRows.some((r) => r[i] != null) ? [i] : []));
  const columns = used.map((i) => allColumns[i]);
  const rows = used.length === allColumns.length ? allRows : allRows.map((r) => used.map((i) => r[i]));
  if (tx.takesArrays) return insertUnnested(tx, table, columns, rows);
  const perStatement = Math.max(1, Math.floor(MAX_VARIABLES / columns.length));
  const head = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(", ")}) VALUES `;
  // SQLite's placeholders are the same for every row of a shape: its text (and prepared statement) is reused.
  const sqliteTuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const args: SqlValue[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      if (tx.dialect === "postgres") {
        // PostgreSQL gives each untyped parameter of an INSERT … VALUES the type of its target column, enums included.
        tuples.push(`(${row.map((v) => `$${args.push(v)}`).join(", ")})`);
      } else {
        for (const v of row) args.push(v);
        tuples.push(sqliteTuple);
      }
    }
    await tx.executeText(head + tuples.join(", "), args);
  }
}

/**
 * A few rows as one INSERT … VALUES statement, to run with others (RawTx.executeAll): for the scan's small writes,
 * where insertRows's prepared statements buy nothing.
 */
export function valuesInsert(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Sql {
  const tuples = rows.map((r) => sql`(${join([...r])})`);
  return sql`INSERT INTO ${raw(quoted(table))} (${raw(columns.map(quoted).join(", "))}) VALUES ${join(tuples, ", ")}`;
}

/**
 * PostgreSQL: each column's values travel as one array, unnested into rows, so a statement has a parameter per column
 * whatever the number of rows: the server parses and plans it once per connection (a prepared statement) instead of a
 * statement of a parameter per value on every scan.
 */
async function insertUnnested(tx: RawTx, table: string, columns: readonly string[], rows: readonly SqlValue[][]) {
  const types = await columnTypes(tx, table);
  const arrays = columns.map((c) => {
    const type = types.get(c);
    if (!type) throw new Error(`insertRows: ${table}.${c} is not a column`);
    return `${type}[]`;
  });
  const text =
    `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(", ")}) ` +
    `SELECT * FROM unnest(${arrays.map((a, j) => `$${j + 1}::${a}`).join(", ")})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_UNNEST) {
    const chunk = rows.slice(i, i + ROWS_PER_UNNEST);
    await tx.executeText(
      text,
      columns.map((_, j) => chunk.map((r) => r[j])),
      { prepare: true },
    );
  }
}

/** Bounds one statement's arrays (a change record is a few hundred bytes, a content blob up to 5 MB). */
const ROWS_PER_UNNEST = 5_000;

// A table's column types, read once per process: the schema is the migrations', the same in every database.
const columnTypeCache = new Map<string, Promise<Map<string, string>>>();

function columnTypes(tx: RawTx, table: string): Promise<Map<string, string>> {
  let types = columnTypeCache.get(table);
  if (!types) {
    types = tx
      .query<{ name: string; type: string }>(
        sql`SELECT "column_name" AS "name",
          CASE WHEN "data_type" = 'USER-DEFINED' THEN quote_ident("udt_name") ELSE "udt_name" END AS "type"
          FROM information_schema.columns WHERE "table_schema" = current_schema() AND "table_name" = ${table}`,
      )
      .then((rows) => new Map(rows.map((r) => [r.name, r.type])));
    types.catch(() => columnTypeCache.delete(table));
    columnTypeCache.set(table, types);
  }
  return types;
}

// Ids in the shape of Prisma's cuid() default ("c", time, counter, fingerprint, randomness: 25 characters), rising
// within a process, so the records of one scan sort by id in their order as Prisma's own ids did.
const FINGERPRINT = crypto.randomBytes(4).readUInt32BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = crypto.randomBytes(2).readUInt16BE(0);
const base36 = (n: number, width: number) => n.toString(36).padStart(width, "0").slice(-width);

// Random bytes drawn 6 KB at a time: a scan takes a few hundred ids, and a call of randomBytes each cost more than
// the rest of the id.
let pool = Buffer.alloc(0);
let pooled = 0;
function random48(): number {
  if (pooled + 6 > pool.length) {
    pool = crypto.randomBytes(6 * 1024);
    pooled = 0;
  }
  pooled += 6;
  return pool.readUIntBE(pooled - 6, 6);
}

export function newId(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const random = random48();
  return `c${base36(Date.now(), 8)}${base36(counter, 4)}${FINGERPRINT}${base36(random, 8)}`;
}
