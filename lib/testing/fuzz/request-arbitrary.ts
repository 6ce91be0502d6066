// Random and hostile requests for one operation of the OpenAPI document: who calls (each role, no token, a bogus
// token, an agent token), every path segment as written in the URL, every query parameter, and the body.
import fc from "fast-check";
import { HOSTILE_BODIES, HOSTILE_QUERY_TAILS, HOSTILE_SEGMENTS, hostileJson, hostileString, toJsonText } from "./hostile";
import { mutatedArbitrary, validArbitrary, type JsonSchema } from "./schema-arbitrary";

export const CALLERS = ["owner", "contributor", "reader", "stranger", "agent", "none", "bogus"] as const;
export type Caller = (typeof CALLERS)[number];

export type FuzzRequest = {
  caller: Caller;
  /** Path parameters as written in the URL (percent-encoded, possibly badly). */
  segments: Record<string, string>;
  query: [string, string][];
  /** Appended to the query string as is. */
  queryTail: string;
  body: { data: string | Uint8Array<ArrayBuffer>; contentType: string | null } | null;
};

export type DocOperation = {
  operationId: string;
  parameters: { name: string; in: "path" | "query"; schema: JsonSchema }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
};

export type RequestArbitraryOptions = {
  components: Record<string, JsonSchema>;
  /**
   * Real values of a path segment, query parameter or body property, by name (array items: `name[]`); `body` is a
   * whole realistic body and `query` a whole realistic query (`[name, value][]`).
   */
  hints: Record<string, fc.Arbitrary<unknown>>;
  /** Longest generated string and array of a body: small for the agent's scans. */
  maxLength?: number;
  maxItems?: number;
  /** How often each caller is drawn (1 unless said): an agent endpoint is mostly called by the agent. */
  callerWeights?: Partial<Record<Caller, number>>;
};

/** Lone surrogates cannot travel in a URL: a client's URL encoder writes them as U+FFFD. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
const encode = (v: unknown) => encodeURIComponent(wellFormed(String(v)));

/** A path segment as a client would write it: real (hinted) or just matching its schema. */
function segment(name: string, schema: JsonSchema, o: RequestArbitraryOptions): fc.Arbitrary<string> {
  const hint = o.hints[name];
  const valid = validArbitrary(schema, o).map(encode);
  return hint ? fc.oneof({ weight: 4, arbitrary: hint.map(encode) }, { weight: 1, arbitrary: valid }) : valid;
}

const hostileSegment = fc.oneof(hostileString().map(encode), fc.constantFrom(...HOSTILE_SEGMENTS));

function queryValue(name: string, schema: JsonSchema, o: RequestArbitraryOptions): fc.Arbitrary<string> {
  const hint = o.hints[name];
  const valid = validArbitrary(schema, o).map(String);
  return hint ? fc.oneof(hint.map(String), valid) : valid;
}

const CONTENT_TYPES = [null, "text/plain", "application/json; charset=utf-8", "application/x-www-form-urlencoded"];

type Body = NonNullable<FuzzRequest["body"]>;

/** A body the operation takes: a hinted realistic one or one its schema gives; `{}` where it declares none. */
function validBody(op: DocOperation, o: RequestArbitraryOptions): fc.Arbitrary<unknown> {
  const schema = op.requestBody?.content["application/json"].schema;
  return schema ? validArbitrary(schema, o, "body") : fc.constant({});
}

/** A body with something wrong: one hostile spot, a hostile JSON value, bytes that are not JSON, another type. */
function hostileBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const json = (data: fc.Arbitrary<unknown>) => data.map((v): Body => ({ data: toJsonText(v), contentType: "application/json" }));
  return fc.oneof(
    { weight: 6, arbitrary: json(mutatedArbitrary(valid)) },
    { weight: 1, arbitrary: json(hostileJson()) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_BODIES).map((data): Body => ({ data, contentType: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES)).map(([v, contentType]): Body => ({ data: toJsonText(v), contentType })),
    },
  );
}

/** One thing made hostile in an otherwise sound request, so that the hostile part is what the server judges. */
type Mutation =
  | { at: "none" }
  | { at: "segment"; name: string; value: string }
  | { at: "query"; name: string; value: string }
  | { at: "tail"; value: string }
  | { at: "body"; value: Body | null };

/**
 * Requests of one operation: a sound request (a caller, real or schema-valid segments, a few valid query parameters,
 * a realistic body) with at most one part made hostile. The method is the operation's; the caller varies.
 */
export function requestArbitrary(op: DocOperation, method: string, o: RequestArbitraryOptions): fc.Arbitrary<FuzzRequest> {
  const path = op.parameters.filter((p) => p.in === "path");
  const query = op.parameters.filter((p) => p.in === "query");
  const takesBody = method !== "GET";
  const declaresBody = !!op.requestBody;
  const valid = validBody(op, o);
  // Each parameter is left out two times in three: with all of them present, nearly every list is a 422.
  const randomPairs = fc
    .tuple(
      ...query.map((p) =>
        fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: queryValue(p.name, p.schema, o) }),
      ),
    )
    .map((values) => query.flatMap((p, i): [string, string][] => (values[i] === undefined ? [] : [[p.name, values[i]]])));
  // A hinted query (real combinations, such as from with to) competes with the random one.
  const hintedQuery = o.hints.query as fc.Arbitrary<[string, string][]> | undefined;
  const queryPairs = hintedQuery ? fc.oneof(hintedQuery, randomPairs) : randomPairs;
  const base = fc.record({
    caller: fc.oneof(...CALLERS.map((c) => ({ weight: o.callerWeights?.[c] ?? 1, arbitrary: fc.constant(c) }))),
    segments: fc.record(Object.fromEntries(path.map((p) => [p.name, segment(p.name, p.schema, o)]))),
    query: queryPairs,
    body:
      takesBody && declaresBody
        ? valid.map((v): Body | null => ({ data: toJsonText(v), contentType: "application/json" }))
        : fc.constant(null),
  });
  const names = (ps: typeof path) => fc.constantFrom(...ps.map((p) => p.name));
  const mutations: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 2, arbitrary: fc.constant({ at: "none" }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_QUERY_TAILS).map((value): Mutation => ({ at: "tail", value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("__proto__", "constructor", "page", "x"), hostileString().map(wellFormed))
        .map(([name, value]): Mutation => ({ at: "query", name, value })),
    },
  ];
  if (path.length) {
    mutations.push({
      weight: 3,
      arbitrary: fc.tuple(names(path), hostileSegment).map(([name, value]): Mutation => ({ at: "segment", name, value })),
    });
  }
  if (query.length) {
    // Free text (no enum, pattern or format) is what reaches the SQL as it is: it is aimed at more often.
    const free = (s: JsonSchema) => s.type === "string" && !s.enum && !s.pattern && !s.format;
    const name = fc.oneof(...query.map((p) => ({ weight: free(p.schema) ? 4 : 1, arbitrary: fc.constant(p.name) })));
    mutations.push({
      weight: 5,
      arbitrary: fc.tuple(name, hostileString().map(wellFormed)).map(([n, value]): Mutation => ({ at: "query", name: n, value })),
    });
  }
  if (takesBody) {
    const none = declaresBody ? [fc.constant(null)] : [];
    mutations.push({
      weight: declaresBody ? 8 : 2,
      arbitrary: fc.oneof(hostileBody(valid), ...none).map((value): Mutation => ({ at: "body", value })),
    });
  }
  return fc.tuple(base, fc.oneof(...mutations)).map(([b, m]): FuzzRequest => {
    const r: FuzzRequest = { ...b, segments: { ...b.segments }, query: [...b.query], queryTail: "" };
    if (m.at === "segment") r.segments[m.name] = m.value;
    else if (m.at === "query") r.query = [...r.query.filter(([k]) => k !== m.name), [m.name, m.value]];
    else if (m.at === "tail") r.queryTail = m.value;
    else if (m.at === "body") r.body = m.value;
    return r;
  });
}
