// Types for tools.mjs (imported by the TypeScript tests).
export declare const ROOT: string;
export declare const TEST_PG_URL: string;
export type DbKind = "sqlite" | "postgres";
export declare const TARGETS: Record<DbKind, { schema: string; migrations: string; provider: string }>;
export type PrismaRun = { code: number; stdout: string; stderr: string };
export declare function runPrisma(
  args: string[],
  opts?: { env?: Record<string, string | undefined>; inherit?: boolean; cwd?: string },
): Promise<PrismaRun>;
export declare function withDatabase(url: string, database: string): string;
export declare function pgReachable(url?: string): Promise<boolean>;
export declare function withTempPgDatabase<T>(baseUrl: string, purpose: string, fn: (url: string) => Promise<T>): Promise<T>;
export declare function diffMigrationsToSchema(
  kind: DbKind,
  opts?: { pgUrl?: string; script?: boolean },
): Promise<{ changed: boolean; output: string }>;
export declare function checkDrift(kind: DbKind, opts?: { pgUrl?: string }): Promise<{ kind: DbKind; drifted: boolean; details: string }>;
export declare function migrationTimestamp(date?: Date): string;
export declare function createMigration(kind: DbKind, folder: string, opts?: { pgUrl?: string }): Promise<string | null>;
export declare function writePostgresSchema(): boolean;
