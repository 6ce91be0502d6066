import { describe, expect, it } from "vitest";
import { invisibleNameError, splitHidden } from "./visible-text";

describe("invisibleNameError", () => {
  it("refuses a name of only invisible or bidi characters, saying why", () => {
    expect(invisibleNameError("\u202E", "The item name")).toMatch(/has no visible character/);
    expect(invisibleNameError("\u200B\u200B ", "The item name")).toMatch(/has no visible character/);
  });
  it("refuses a bidi override inside a readable name, naming the character", () => {
    expect(invisibleNameError("abc\u202Etxt.exe", "The item name")).toMatch(/U\+202E/);
  });
  it("accepts ordinary names in any script", () => {
    for (const name of ["passwd", "Journal système", "שלום", "日本語", "a b"]) expect(invisibleNameError(name, "The item name")).toBeNull();
  });
});

describe("splitHidden", () => {
  it("keeps ordinary text whole", () => {
    expect(splitHidden("/etc/passwd")).toEqual([{ text: "/etc/passwd", hidden: false }]);
  });
  it("marks control and bidi characters with their code points", () => {
    expect(splitHidden("a\u202Eb\u0007")).toEqual([
      { text: "a", hidden: false },
      { text: "\u202E", hidden: true, code: "U+202E" },
      { text: "b", hidden: false },
      { text: "\u0007", hidden: true, code: "U+0007" },
    ]);
  });
});
