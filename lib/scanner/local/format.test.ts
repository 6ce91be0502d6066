import { constants } from "node:fs";
import { describe, expect, it } from "vitest";
import { aclString, describeError, fileTypeName, modeString, readsAnyFile } from "./format";

const { S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK } = constants;

describe("modeString", () => {
  it.each([
    [S_IFREG | 0o644, "-rw-r--r--"],
    [S_IFREG | 0o4755, "-rwsr-xr-x"],
    [S_IFREG | 0o4644, "-rwSr--r--"],
    [S_IFREG | 0o2755, "-rwxr-sr-x"],
    [S_IFREG | 0o2745, "-rwxr-Sr-x"],
    [S_IFDIR | 0o1777, "drwxrwxrwt"],
    [S_IFDIR | 0o1776, "drwxrwxrwT"],
    [S_IFLNK | 0o777, "lrwxrwxrwx"],
    [S_IFIFO | 0o600, "prw-------"],
    [S_IFSOCK | 0o755, "srwxr-xr-x"],
    [S_IFCHR | 0o666, "crw-rw-rw-"],
    [S_IFBLK | 0o660, "brw-rw----"],
    [S_IFREG | 0, "----------"],
  ])("renders %o as %s", (mode, text) => {
    expect(modeString(mode)).toBe(text);
  });
});

describe("aclString and fileTypeName", () => {
  it("puts the mode, uid and gid in the Acls column", () => {
    expect(aclString(S_IFREG | 0o640, 0, 42)).toBe("-rw-r----- uid=0 gid=42");
    expect(aclString(S_IFREG | 0o640, 1000n, 1000n)).toBe("-rw-r----- uid=1000 gid=1000");
  });
  it("names each file type", () => {
    expect([S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK].map(fileTypeName)).toEqual([
      "file",
      "directory",
      "symlink",
      "fifo",
      "socket",
      "character device",
      "block device",
    ]);
  });
});

describe("describeError", () => {
  it("turns errno codes into sentences and keeps unknown ones visible", () => {
    expect(describeError("EACCES", "x")).toBe("Permission denied");
    expect(describeError("ENOENT", "x")).toBe("The file vanished during the scan");
    expect(describeError("EXDEV", "cross-device")).toBe("cross-device (EXDEV)");
    expect(describeError(undefined, "something broke")).toBe("something broke");
  });
});

describe("readsAnyFile", () => {
  const status = (capEff: string) => `Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t${capEff}\nCapBnd:\t000001ffffffffff\n`;
  it("is true with CAP_DAC_READ_SEARCH or CAP_DAC_OVERRIDE in the effective set, false without", () => {
    expect(readsAnyFile(status("0000000000000004"))).toBe(true); // CAP_DAC_READ_SEARCH alone (the README's unit)
    expect(readsAnyFile(status("0000000000000002"))).toBe(true); // CAP_DAC_OVERRIDE
    expect(readsAnyFile(status("000001ffffffffff"))).toBe(true); // root
    expect(readsAnyFile(status("0000000000000000"))).toBe(false);
    expect(readsAnyFile(status("0000000000000400"))).toBe(false); // CAP_NET_BIND_SERVICE only
    expect(readsAnyFile("Name:\tnode\n")).toBe(false);
  });
});
