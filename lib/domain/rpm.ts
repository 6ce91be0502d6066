// The rpm database as one query prints it (pure: the scanner runs rpm, this reads the text). One line per file of
// every installed package: the package, its version, when it was installed or last upgraded, the path and the digest
// rpm recorded for it (empty for folders and links; MD5 on old rpm, SHA-256 on current ones).

/** rpm's query format: `[…]` repeats the line over each package's file arrays. */
export const RPM_QUERY_FORMAT = "[%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\t%{FILENAMES}\\t%{FILEDIGESTS}\\n]";

export type RpmFile = { pkg: string; version: string; installedAt: Date; path: string; digest: string | null };

export function parseRpmFiles(text: string): RpmFile[] {
  const out: RpmFile[] = [];
  for (const line of text.split("\n")) {
    const f = line.split("\t");
    if (f.length !== 5 || !f[0] || !f[3].startsWith("/")) continue;
    const seconds = Number(f[2]);
    if (!Number.isFinite(seconds)) continue;
    const digest = /^[0-9a-f]{32,128}$/.test(f[4]) ? f[4] : null;
    out.push({ pkg: f[0], version: f[1], installedAt: new Date(seconds * 1000), path: f[3], digest });
  }
  return out;
}
