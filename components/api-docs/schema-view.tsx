"use client";

import { Fragment, type ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  not?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
};

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: "none", fontSize: tokens.fontSizeBase200 },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(160px, max-content) 1fr",
    columnGap: "16px",
    padding: "4px 0",
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  name: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  required: { color: tokens.colorPaletteRedForeground1, marginLeft: "2px" },
  type: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorPaletteBerryForeground2 },
  desc: { color: tokens.colorNeutralForeground2 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: "0.9em",
    background: tokens.colorNeutralBackground3,
    padding: "0 4px",
    borderRadius: tokens.borderRadiusSmall,
  },
  nested: { gridColumn: "1 / span 2", paddingLeft: "16px", borderLeft: `2px solid ${tokens.colorNeutralStroke2}`, marginTop: "4px" },
});

/** Text with `code` and **bold**: the document's descriptions use that much Markdown. */
export function Inline({ text }: { text: string }) {
  const s = useStyles();
  return (
    <>
      {text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) =>
        part.startsWith("`") ? (
          <code key={i} className={s.code}>
            {part.slice(1, -1)}
          </code>
        ) : part.startsWith("**") ? (
          <strong key={i}>{part.slice(2, -2)}</strong>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function resolveRef(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = schemas[s.$ref.split("/").pop()!] ?? {};
  return s;
}

/** The type of a schema in a few words: `string (date-time)`, `"Files" | "Registry"`, `array of object`, … */
export function typeLabel(s: JsonSchema, schemas: Record<string, JsonSchema>): string {
  s = resolveRef(s, schemas);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a) => typeLabel(a, schemas)).join(" | ");
  if (s.not && Object.keys(s.not).length === 0) return "never (must be left out)";
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes("array")) return `array of ${s.items ? typeLabel(s.items, schemas) : "any"}`;
  const base = types.length ? types.join(" | ") : s.properties ? "object" : "any";
  const limits: string[] = [];
  if (s.format) limits.push(s.format);
  if (s.minimum !== undefined || s.maximum !== undefined) limits.push(`${s.minimum ?? ""}…${s.maximum ?? ""}`);
  if (s.maxLength !== undefined) limits.push(`≤ ${s.maxLength} chars`);
  return limits.length ? `${base} (${limits.join(", ")})` : base;
}

/** The object inside a schema worth expanding: an object, an array of objects, or a nullable one. */
function objectOf(s: JsonSchema, schemas: Record<string, JsonSchema>, depth = 0): JsonSchema | null {
  s = resolveRef(s, schemas);
  if (depth > 3) return null;
  if (s.properties) return s;
  if (s.items) return objectOf(s.items, schemas, depth + 1);
  for (const a of s.anyOf ?? s.oneOf ?? []) {
    const o = objectOf(a, schemas, depth + 1);
    if (o) return o;
  }
  return null;
}

/** An object's fields as a nested list: name, type, required, description; nested objects indented. */
export function SchemaView({
  schema,
  schemas,
  depth = 0,
}: {
  schema: JsonSchema;
  schemas: Record<string, JsonSchema>;
  depth?: number;
}): ReactNode {
  const s = useStyles();
  const obj = objectOf(schema, schemas);
  if (!obj) return <span className={s.type}>{typeLabel(schema, schemas)}</span>;
  const required = new Set(obj.required ?? []);
  const alternatives = (resolveRef(schema, schemas).anyOf ?? []).filter((a) => resolveRef(a, schemas).properties).length;
  if (alternatives > 1) return <span className={s.type}>one of {alternatives} shapes (see the JSON document)</span>;
  return (
    <ul className={s.list}>
      {Object.entries(obj.properties ?? {}).map(([name, prop]) => {
        const nested = depth < 4 ? objectOf(prop, schemas) : null;
        return (
          <li key={name} className={s.row}>
            <span>
              <span className={s.name}>{name}</span>
              {required.has(name) && (
                <span className={s.required} title="required">
                  *
                </span>
              )}
            </span>
            <span>
              <span className={s.type}>{typeLabel(prop, schemas)}</span>
              {prop.description && (
                <span className={s.desc}>
                  {" "}
                  — <Inline text={prop.description} />
                </span>
              )}
            </span>
            {nested && (
              <div className={s.nested}>
                <SchemaView schema={prop} schemas={schemas} depth={depth + 1} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
