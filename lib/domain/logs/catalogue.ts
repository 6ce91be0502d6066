// The two Log Analytics tables a Logs query can read, with Log Analytics' column names and Kusto types, and where
// each column lives in Vigil's schema. Only the server builds the FROM clause of a table (with the workspace filter),
// so a query can name columns, never tables or rows of another workspace.

export type KType = "string" | "datetime" | "long" | "int" | "real" | "bool" | "dynamic" | "timespan";

export type CatalogueColumn = {
  name: string;
  type: KType;
  /** SQL over the source's aliases (`r` = the record, `m` = its machine); never user text. */
  sql: string;
};

export type TableName = "ConfigurationChange" | "ConfigurationData";
export const TABLE_NAMES: readonly TableName[] = ["ConfigurationChange", "ConfigurationData"];

const text = (name: string, column: string): CatalogueColumn => ({ name, type: "string", sql: `COALESCE(r."${column}", '')` });
const long = (name: string, column: string): CatalogueColumn => ({ name, type: "long", sql: `r."${column}"` });
const date = (name: string, column: string): CatalogueColumn => ({ name, type: "datetime", sql: `r."${column}"` });

/** Enum columns are read as text so a comparison with a text parameter works on PostgreSQL too. */
const enumText = (name: string, sqlExpr: string): CatalogueColumn => ({ name, type: "string", sql: `CAST(${sqlExpr} AS TEXT)` });

const CHANGE_COLUMNS: CatalogueColumn[] = [
  date("TimeGenerated", "timeGenerated"),
  { name: "Computer", type: "string", sql: `r."computer"` },
  enumText("ConfigChangeType", `r."changeType"`),
  enumText("ChangeCategory", `r."category"`),
  text("FieldsChanged", "fieldsChanged"),
  { name: "FileSystemPath", type: "string", sql: `CASE WHEN r."changeType" = 'Files' THEN r."target" ELSE '' END` },
  text("Name", "name"),
  long("Size", "size"),
  long("PreviousSize", "previousSize"),
  text("FileContentChecksum", "sha256"),
  text("PreviousFileContentChecksum", "previousSha256"),
  text("Acls", "acls"),
  text("PreviousAcls", "previousAcls"),
  text("Attributes", "attributes"),
  text("PreviousAttributes", "previousAttributes"),
  date("DateCreated", "dateCreated"),
  date("PreviousDateCreated", "previousDateCreated"),
  date("DateModified", "dateModified"),
  date("PreviousDateModified", "previousDateModified"),
  text("RegistryKey", "registryKey"),
  text("Hive", "hive"),
  text("ValueName", "valueName"),
  text("ValueType", "valueType"),
  text("PreviousValueType", "previousValueType"),
  text("ValueData", "valueData"),
  text("PreviousValueData", "previousValueData"),
  text("SvcName", "svcName"),
  text("SvcDisplayName", "svcDisplayName"),
  text("SvcState", "svcState"),
  text("SvcPreviousState", "svcPreviousState"),
  text("SvcStartupType", "svcStartupType"),
  text("SvcPreviousStartupType", "svcPreviousStartupType"),
  text("SvcPath", "svcPath"),
  text("SvcPreviousPath", "svcPreviousPath"),
  text("SvcAccount", "svcAccount"),
  text("SvcPreviousAccount", "svcPreviousAccount"),
  { name: "SourceComputerId", type: "string", sql: `r."machineId"` },
];

const DATA_COLUMNS: CatalogueColumn[] = [
  date("TimeGenerated", "updatedAt"),
  { name: "Computer", type: "string", sql: `m."name"` },
  enumText("ConfigDataType", `r."changeType"`),
  { name: "FileSystemPath", type: "string", sql: `CASE WHEN r."changeType" = 'Files' THEN r."itemKey" ELSE '' END` },
  long("Size", "size"),
  text("FileContentChecksum", "sha256"),
  text("Acls", "acls"),
  text("Attributes", "attributes"),
  date("DateCreated", "dateCreated"),
  date("DateModified", "dateModified"),
  text("RegistryKey", "registryKey"),
  text("ValueName", "valueName"),
  text("ValueType", "valueType"),
  text("ValueData", "valueData"),
  text("SvcName", "svcName"),
  text("SvcDisplayName", "svcDisplayName"),
  text("SvcState", "svcState"),
  text("SvcStartupType", "svcStartupType"),
  text("SvcPath", "svcPath"),
  text("SvcAccount", "svcAccount"),
  { name: "SourceComputerId", type: "string", sql: `r."machineId"` },
];

export type TableSource = {
  columns: CatalogueColumn[];
  /** FROM … with the workspace predicate; `$ws` stands for the workspace id parameter. */
  from: string;
  workspacePredicate: string;
  /** The time column's SQL, for the query's time range. */
  time: string;
  /**
   * Whether the table has SQLite's rowid, by which a per-row check can be taken on one row in 1,024 (the inventory is
   * a WITHOUT ROWID table, clustered by its key: its check runs on every row).
   */
  rowid: boolean;
};

export const TABLES: Record<TableName, TableSource> = {
  ConfigurationChange: {
    columns: CHANGE_COLUMNS,
    from: `"ChangeRecord" r`,
    workspacePredicate: `r."workspaceId"`,
    time: `r."timeGenerated"`,
    rowid: true,
  },
  ConfigurationData: {
    columns: DATA_COLUMNS,
    from: `"InventoryItem" r JOIN "Machine" m ON m."id" = r."machineId"`,
    workspacePredicate: `m."workspaceId"`,
    time: `r."updatedAt"`,
    rowid: false,
  },
};

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}
