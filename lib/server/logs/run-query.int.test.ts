// KQL in → rows out, on a real database (SQLite, or PostgreSQL with TEST_DB=postgres): the fixture's changes and
// inventory in two workspaces, each query checked against what Prisma reads for the same question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDashboardFixture, SSHD_AFTER, SSHD_BEFORE, type DashboardFixture } from "@/lib/server/changes/dashboard-fixture";
import { AppError } from "@/lib/server/errors";
import { createTestDb, type TestDb } from "@/lib/testing/test-db";
import { runQuery } from "./run-query";

let t: TestDb;
let fx: DashboardFixture;
let other: DashboardFixture;
const now = new Date();

beforeAll(async () => {
  t = await createTestDb();
  const tenant = await t.db.tenant.create({ data: { name: "Logs tests" } });
  const sub = await t.db.subscription.create({ data: { tenantId: tenant.id, name: "Logs" } });
  fx = await seedDashboardFixture(t.db, sub.id, "logs-a", now);
  other = await seedDashboardFixture(t.db, sub.id, "logs-b", now);
}, 120_000);
afterAll(async () => t?.drop());

const run = (query: string, timespan?: string) => runQuery(t.db, fx.workspaceId, { query, timespan }, now);
const rowsOf = async (query: string, timespan?: string) => (await run(query, timespan)).tables[0].rows;

async function changes(where: object = {}) {
  return t.db.changeRecord.findMany({
    where: { workspaceId: fx.workspaceId, ...where },
    orderBy: [{ timeGenerated: "desc" }, { id: "asc" }],
  });
}

describe("Logs queries", () => {
  it("answers in Log Analytics' shape with Kusto types", async () => {
    const res = await run("ConfigurationChange | project TimeGenerated, Computer, Size | take 1");
    expect(res.tables[0].name).toBe("PrimaryResult");
    expect(res.tables[0].columns).toEqual([
      { name: "TimeGenerated", type: "datetime" },
      { name: "Computer", type: "string" },
      { name: "Size", type: "long" },
    ]);
    const [row] = res.tables[0].rows;
    expect(row[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("where / project / order by / take over ConfigurationChange", async () => {
    const files = await t.db.changeRecord.findMany({
      where: { workspaceId: fx.workspaceId, changeType: "Files" },
      orderBy: [{ timeGenerated: "desc" }, { target: "asc" }],
    });
    const expected = files.slice(0, 3);
    const rows = await rowsOf(
      'ConfigurationChange | where ConfigChangeType == "Files" | order by TimeGenerated desc, FileSystemPath asc | project TimeGenerated, Computer, FileSystemPath | take 3',
    );
    expect(rows.map((r) => r[2])).toEqual(expected.map((c) => c.target));
    expect(rows.map((r) => r[0])).toEqual(expected.map((c) => c.timeGenerated.toISOString()));
  });

  const cases: [string, string, (rows: unknown[][]) => Promise<void> | void][] = [
    [
      "==, !=, and, or",
      'ConfigurationChange | where Computer == "web-fim-01" and (ChangeCategory != "Removed" or Name == "x") | count',
      async (rows) => {
        const n = (await changes({ computer: "web-fim-01", NOT: { category: "Removed" } })).length;
        expect(rows).toEqual([[n]]);
      },
    ],
    [
      "=~ and !~",
      'ConfigurationChange | where Computer =~ "WEB-FIM-01" and ConfigChangeType !~ "registry" | count',
      async (rows) => {
        expect(rows).toEqual([[(await changes({ computer: "web-fim-01" })).length]]);
      },
    ],
    [
      "in and !in",
      'ConfigurationChange | where ConfigChangeType in ("Registry", "Files") and ChangeCategory !in ("Removed") | count',
      async (rows) => {
        expect(rows).toEqual([[(await changes({ changeType: { in: ["Registry", "Files"] }, NOT: { category: "Removed" } })).length]]);
      },
    ],
    [
      "has, contains, startswith, endswith",
      'ConfigurationChange | where FileSystemPath has "SSH" or FileSystemPath contains "new.c" or RegistryKey startswith "hkey_local" or FileSystemPath endswith "HOSTS" | summarize dcount(FileSystemPath), count()',
      async (rows) => {
        const n = (
          await changes({
            OR: [
              { target: { contains: "ssh" } },
              { target: "/etc/new.conf" },
              { changeType: "Registry" },
              { target: { endsWith: "hosts" } },
            ],
          })
        ).length;
        expect(rows[0][1]).toBe(n);
      },
    ],
    [
      "between, ago(), now()",
      "ConfigurationChange | where TimeGenerated between (ago(7d) .. now()) | count",
      async (rows) => {
        expect(rows).toEqual([[(await changes({ timeGenerated: { gte: new Date(now.getTime() - 7 * 86_400_000) } })).length]]);
      },
    ],
    [
      "isempty / isnotempty",
      "ConfigurationChange | where isnotempty(RegistryKey) and isempty(FileSystemPath) | count",
      async (rows) => {
        expect(rows).toEqual([[(await changes({ changeType: "Registry" })).length]]);
      },
    ],
    [
      "extend with arithmetic and string functions",
      'ConfigurationChange | where FileSystemPath == "/etc/ssh/sshd_config" | extend Grew = Size - PreviousSize, Upper = toupper(Computer), Both = strcat(Computer, ":", Name) | project Grew, Upper, Both, Len = strlen(Computer)',
      (rows) => {
        expect(rows).toEqual([[SSHD_AFTER.length - SSHD_BEFORE.length, "WEB-FIM-01", "web-fim-01:sshd_config", 10]]);
      },
    ],
    [
      "summarize count() by Computer, bin(TimeGenerated, 1d)",
      "ConfigurationChange | summarize n = count() by Computer, bin(TimeGenerated, 1d) | order by n desc, Computer asc | take 1",
      async (rows) => {
        expect(rows[0][2]).toBeGreaterThanOrEqual(1);
        expect(String(rows[0][1])).toMatch(/T00:00:00\.000Z$/);
      },
    ],
    [
      "min, max, sum, avg, make_set",
      'ConfigurationChange | where ConfigChangeType == "Files" | summarize min(Size), max(Size), sum(Size), avg(Size), make_set(Computer)',
      async (rows) => {
        const sizes = (await changes({ changeType: "Files", size: { not: null } })).map((c) => Number(c.size));
        expect(rows[0].slice(0, 3)).toEqual([Math.min(...sizes), Math.max(...sizes), sizes.reduce((a, b) => a + b, 0)]);
        expect(rows[0][3]).toBeCloseTo(sizes.reduce((a, b) => a + b, 0) / sizes.length);
        expect([...(rows[0][4] as string[])].sort()).toEqual(["dc-fim-01", "web-fim-01"]);
      },
    ],
    [
      "arg_max by Computer",
      "ConfigurationChange | summarize arg_max(TimeGenerated, FileSystemPath) by Computer | order by Computer asc",
      async (rows) => {
        const latest = await Promise.all(["dc-fim-01", "web-fim-01"].map(async (c) => (await changes({ computer: c }))[0]));
        expect(rows.map((r) => [r[0], r[1]])).toEqual(latest.map((c) => [c.computer, c.timeGenerated.toISOString()]));
      },
    ],
    [
      "distinct, sort by asc",
      "ConfigurationChange | distinct Computer | sort by Computer asc",
      (rows) => {
        expect(rows).toEqual([["dc-fim-01"], ["web-fim-01"]]);
      },
    ],
    [
      "top",
      "ConfigurationChange | top 2 by TimeGenerated",
      async (rows) => {
        expect(rows.length).toBe(2);
        expect(rows[0][0]).toBe((await changes())[0].timeGenerated.toISOString());
      },
    ],
    [
      "project-away and project-rename",
      "ConfigurationChange | project Computer, Name, Size | project-away Size | project-rename Machine = Computer | take 1",
      (rows) => {
        expect(rows[0].length).toBe(2);
      },
    ],
    [
      "let scalars",
      'let machine = "dc-fim-01"; let since = ago(30d); ConfigurationChange | where Computer == machine and TimeGenerated > since | count',
      async (rows) => {
        expect(rows).toEqual([
          [(await changes({ computer: "dc-fim-01", timeGenerated: { gt: new Date(now.getTime() - 30 * 86_400_000) } })).length],
        ]);
      },
    ],
    [
      "join kind=inner with ConfigurationData",
      'ConfigurationChange | where ConfigChangeType == "Files" | join kind=inner (ConfigurationData | project Computer, FileSystemPath, CurrentSize = Size) on Computer, FileSystemPath | where FileSystemPath == "/etc/ssh/sshd_config" | project Computer, CurrentSize',
      (rows) => {
        expect(rows).toEqual([["web-fim-01", SSHD_AFTER.length]]);
      },
    ],
    [
      "join kind=leftouter keeps unmatched rows",
      'ConfigurationChange | where ChangeCategory == "Removed" | join kind=leftouter (ConfigurationData) on Computer, FileSystemPath | project FileSystemPath, FileSystemPath1',
      (rows) => {
        expect(rows).toEqual([["/etc/ntp.conf", null]]);
      },
    ],
    [
      "union of the two tables",
      "union ConfigurationChange, ConfigurationData | summarize count()",
      async (rows) => {
        const inv = await t.db.inventoryItem.count({ where: { machine: { workspaceId: fx.workspaceId } } });
        expect(rows).toEqual([[(await changes()).length + inv]]);
      },
    ],
  ];
  it.each(cases)("%s", async (_name, query, check) => {
    await check(await rowsOf(query));
  });

  it.each([
    'ConfigurationChange | where Computer in~ ("WEB-FIM-01") and Computer !in~ ("b") and Name !has "z" and Name startswith_cs "s" and Name !startswith "w" and Name endswith_cs "g"',
    "ConfigurationChange | filter isnull(Size) or isnotnull(PreviousSize) | limit 3 | project-rename N = Name",
    'ConfigurationChange | extend d = startofday(TimeGenerated), s = substring(Name, 1, 2), r = replace_string(Name, "s", "z"), c = coalesce(Name, "x"), i = iff(Size > 1, "big", "small"), t = toint(Size), u = toreal(Size), l = tolong("5"), z = tostring(Size), w = TimeGenerated - 1h, b = bin(Size, 10)',
    "ConfigurationChange | summarize countif(Size > 10), n = count() by ConfigChangeType",
    "ConfigurationChange | summarize arg_min(TimeGenerated, *) by Computer",
    "ConfigurationChange | join kind=leftouter (ConfigurationData) on $left.FileSystemPath == $right.FileSystemPath",
    "union (ConfigurationChange | take 1), ConfigurationData",
    "ConfigurationChange | sort by Size asc nulls last | take 2",
    "ConfigurationChange | where Size between (1 .. 500) and Size !between (2 .. 3) and not(Size == 4)",
    "ConfigurationChange | extend x = -Size % 3 * 2 / 1 + 1, y = Size * 1.5 | where x > 0 or y > 0",
  ])("runs %s", async (query) => {
    const res = await run(query);
    expect(res.tables[0].columns.length).toBeGreaterThan(0);
  });

  it("computes startswith_cs, substring and iff as Kusto does", async () => {
    const rows = await rowsOf(
      'ConfigurationChange | where FileSystemPath == "/etc/ssh/sshd_config" | project a = substring(Name, 0, 4), b = iff(Size > 1, "big", "small"), c = Name startswith_cs "SSHD", d = Name startswith_cs "sshd"',
    );
    expect(rows).toEqual([["sshd", "big", false, true]]);
  });

  it("answers count() summaries from the hourly counts with the rows counting the records gives", async () => {
    const sshd = (
      await changes({ target: "/etc/ssh/sshd_config", timeGenerated: { gt: new Date(now.getTime() - 3_600_000) } })
    )[0].timeGenerated.toISOString();
    const hour = new Date(Math.floor((now.getTime() - 50 * 3_600_000) / 3_600_000) * 3_600_000).toISOString();
    const cases: [string, string | undefined][] = [
      ["where TimeGenerated > ago(40d) | summarize count() by Computer, bin(TimeGenerated, 1h)", undefined],
      ["where TimeGenerated between (ago(36d) .. ago(4h)) | summarize n = count() by ConfigChangeType, ChangeCategory", undefined],
      [
        `where TimeGenerated >= datetime(${hour}) and ConfigChangeType in ("Files", "Registry") | summarize count() by bin(TimeGenerated, 1d)`,
        undefined,
      ],
      ["summarize count() by Computer", "P30D"],
      ['where TimeGenerated > ago(4d) and Computer == "dc-fim-01" | summarize count() by ChangeCategory', undefined],
      ["where TimeGenerated > ago(25m) | summarize count() by Computer", undefined],
      [`where TimeGenerated >= datetime(${sshd}) | summarize count()`, undefined],
      [`where TimeGenerated > datetime(${sshd}) | summarize count()`, undefined],
      [`where TimeGenerated > ago(30d) and TimeGenerated <= datetime(${sshd}) | summarize count() by bin(TimeGenerated, 2h)`, undefined],
    ];
    for (const [tail, timespan] of cases) {
      const [filter, summary] = tail.includes("| summarize") ? tail.split(" | ") : ["", tail];
      const fast = await rowsOf(`ConfigurationChange | ${tail}`, timespan);
      // "and true" is outside what the counts can answer: the records are counted.
      const slow = await rowsOf(`ConfigurationChange | ${filter ? `${filter} and true` : "where true"} | ${summary}`, timespan);
      expect([...fast].sort(), tail).toEqual([...slow].sort());
    }
  });

  it("applies the timespan unless the query filters on TimeGenerated", async () => {
    const day = (await changes({ timeGenerated: { gte: new Date(now.getTime() - 86_400_000) } })).length;
    expect(await rowsOf("ConfigurationChange | count", "P1D")).toEqual([[day]]);
    expect(await rowsOf("ConfigurationChange | where TimeGenerated > ago(400d) | count", "P1D")).toEqual([[(await changes()).length]]);
  });

  it("reads only the caller's workspace, through joins and unions too", async () => {
    const mine = (await changes()).length;
    expect(await rowsOf("ConfigurationChange | count")).toEqual([[mine]]);
    const joined = await rowsOf("ConfigurationChange | join kind=inner (ConfigurationData) on Computer | distinct SourceComputerId1");
    const ids = new Set(joined.map((r) => r[0]));
    expect([...ids].every((id) => Object.values(fx.machines).includes(id as string))).toBe(true);
    const unioned = await rowsOf("ConfigurationChange | union ConfigurationData | distinct SourceComputerId");
    expect(unioned.length).toBeGreaterThan(0);
    expect(unioned.some((r) => Object.values(other.machines).includes(r[0] as string))).toBe(false);
  });

  it("refuses what it does not support with the operator's position, never running it", async () => {
    const err = await run("ConfigurationChange\n| mv-expand Name").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toContain("mv-expand");
    expect((err as AppError).position).toEqual({ line: 2, column: 3, offset: 22, length: 14 });
    const unknown = (await run("ConfigurationChange | where Nope == 1").catch((e: unknown) => e)) as AppError;
    expect(unknown.position).toMatchObject({ line: 1, column: 29, length: 4 });
    const table = (await run("Users | take 1").catch((e: unknown) => e)) as AppError;
    expect(table.message).toContain("Unknown table");
    const syntax = (await run("ConfigurationChange | where").catch((e: unknown) => e)) as AppError;
    expect(syntax.status).toBe(400);
  });

  it("keeps user text out of the SQL", async () => {
    const rows = await rowsOf(`ConfigurationChange | where Computer == "x'); DROP TABLE \\"ChangeRecord\\"; --" | count`);
    expect(rows).toEqual([[0]]);
    expect(await t.db.changeRecord.count()).toBeGreaterThan(0);
  });
});
