// Hostile values for fuzzing the API: what attackers and broken clients send. Strings go anywhere a string may;
// JSON values replace any field of a body; raw texts are whole bodies that JSON.stringify cannot produce.
import fc from "fast-check";

/** A JSON number or fragment written as is (1e309, -0, 2^63), which JSON.stringify would change or refuse. */
export class RawJson {
  constructor(readonly text: string) {}
}

const deep = (open: string, close: string, depth: number) => open.repeat(depth) + close.repeat(depth);

/** Hostile strings by kind: each kind is drawn as often as the others, however many strings it has. */
export const HOSTILE_STRINGS: Readonly<Record<string, readonly string[]>> = {
  control: ["\u0000", "a\u0000b", "/etc/hosts\u0000.txt", "\u0001\u001f\u007f", "\t\n\r", "line\r\nInjected: header", "", " "],
  unicode: ["\u202Eexe.txt", "\u202Dfile\u202C", "\u200B", "\uFEFFbom", "\uD800", "x\uDC00y", "\uD83D", "😀", "A\u0301", "ｅｔｃ", "İß"],
  traversal: ["../../../etc/passwd", "..\\..\\Windows\\win.ini", "/..", "..", ".", "%2e%2e%2f", "%ff", "%C0%AE%C0%AE/", "%00", "%"],
  injection: [
    "' OR 1=1 --",
    '\'; DROP TABLE "Workspace"; --',
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "%' ESCAPE '\\",
    "_%",
    "\\",
    "$1",
    "?",
    "| where 1==1",
    '" or true //',
    "'); print 1 //",
    "ConfigurationChange | take 1",
    "<script>alert(1)</script>",
    "${7*7}",
    "{{7*7}}",
  ],
  numeric: [
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "-1e309",
    "0x10",
    "1e2",
    "01",
    " 1",
    "1.5",
    "-1",
    "0",
    "99999999999999999999",
  ],
  dates: [
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "+275760-09-13T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-01-01T00:00:00.000000001Z",
    "2026-01-01T00:00:00+14:00",
    "1969-12-31T23:59:59.999-23:59",
    "2026-01-01",
  ],
  names: ["{}", "[]", "null", "true", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty"],
  long: [
    "a".repeat(65),
    "x".repeat(4097),
    "é".repeat(5000),
    "\uD83D\uDE00".repeat(3000),
    "A".repeat(70_000),
    "/".repeat(9000),
    "a/".repeat(3000),
    "C:\\" + "d\\".repeat(2100),
  ],
};

/** Path segments as a client writes them in the URL, including percent-encoding that does not decode. */
export const HOSTILE_SEGMENTS: readonly string[] = ["%ff", "%C0%AE", "%2e%2e", "..", "%00", "%2F", "%", "%E2%80%AE", "%ED%A0%80", "a%20b"];

/** Query fragments appended as they are to a URL. */
export const HOSTILE_QUERY_TAILS: readonly string[] = [
  "&%ff=1",
  "&limit=%C0%AE",
  "&q=%",
  "&&&",
  "&=",
  "&cursor=%00",
  "&period=7d&period=%ff",
];

/** Any string of UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

/** Short hostile strings joined: a field that accepts the result lets every one of them through at once. */
const combined = fc
  .array(fc.constantFrom(...Object.values(HOSTILE_STRINGS).flatMap((kind) => kind.filter((v) => v.length <= 40))), {
    minLength: 2,
    maxLength: 4,
  })
  .map((parts) => parts.join(""));

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(...Object.values(HOSTILE_STRINGS).map((kind) => fc.constantFrom(...kind)), codeUnits, combined);

const pollution = [
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"__proto__": null}') as unknown,
];

/** Any JSON value a field should not hold: wrong types, numbers past every bound, deep nesting, pollution keys. */
export const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileString() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(
        2 ** 63,
        -(2 ** 63),
        2 ** 53 + 2,
        Number.MAX_VALUE,
        Number.MIN_VALUE,
        1.5,
        -1,
        0,
        1e21,
        true,
        false,
        null,
        [],
        {},
        [null],
        new RawJson("-0"),
        new RawJson("1e309"),
        new RawJson("-1e309"),
        new RawJson("9223372036854775808"),
        new RawJson("123456789012345678901234567890"),
        new RawJson("1E400"),
        new RawJson(deep("[", "]", 500)),
        new RawJson('{"a":'.repeat(300) + "1" + "}".repeat(300)),
        Array.from({ length: 1000 }, (_, i) => i),
        ...pollution,
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

/** Whole bodies that are not the JSON of any value the schema takes, or not JSON at all. */
export const HOSTILE_BODIES: readonly (string | Uint8Array<ArrayBuffer>)[] = [
  "",
  "null",
  "[]",
  '"x"',
  "1e309",
  "{",
  '{"a":',
  "\uFEFF{}",
  "{} {}",
  "{'a': 1}",
  '{"a":1,}',
  deep("[", "]", 100_000),
  '{"name":"\\ud800"}',
  '{"name":"a","name":"b"}',
  '{"__proto__":{"polluted":1},"name":"x"}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  "\u0000",
  new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
];

/** JSON text of a value that may hold RawJson fragments. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : toJsonText(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const parts = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`);
    // A "__proto__" key made by JSON.parse is an own enumerable key: it is written, as an attacker would.
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
