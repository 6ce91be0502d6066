// The Log Analytics tables a workspace's Logs page queries, with their column names and Kusto types exactly as the
// query engine knows them (lib/domain/logs/catalogue.ts), without how they are stored: what the query editor
// completes. ConfigurationChange holds changes, ConfigurationData the inventory.
import { TABLE_NAMES, TABLES, type KType } from "@/lib/domain/logs/catalogue";

export type LogColumnType = KType;
export type LogColumn = { name: string; type: LogColumnType };
export type LogTable = { name: string; description: string; columns: readonly LogColumn[] };

const DESCRIPTIONS: Record<(typeof TABLE_NAMES)[number], string> = {
  ConfigurationChange: "Changes to tracked files, registry keys and services: one row per change.",
  ConfigurationData: "The inventory: the current state of every tracked item, one row per machine and item.",
};

export const LOG_TABLES: readonly LogTable[] = TABLE_NAMES.map((name) => ({
  name,
  description: DESCRIPTIONS[name],
  columns: TABLES[name].columns.map((c) => ({ name: c.name, type: c.type })),
}));
