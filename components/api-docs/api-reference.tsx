"use client";

import { useSyncExternalStore } from "react";
import Link from "next/link";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Card,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  ToolbarButton,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, BookRegular, KeyMultipleRegular } from "@fluentui/react-icons";
import type { TOpenApiDocument } from "@/lib/contracts/openapi";
import { CommandBar } from "@/components/ui/command-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Inline, SchemaView, typeLabel, type JsonSchema } from "./schema-view";

const useStyles = makeStyles({
  layout: { display: "flex", gap: "24px", padding: "16px 24px", alignItems: "flex-start", maxWidth: "1400px" },
  toc: {
    position: "sticky",
    top: "16px",
    width: "220px",
    flexShrink: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    fontSize: tokens.fontSizeBase200,
  },
  tocTag: { fontWeight: tokens.fontWeightSemibold, marginTop: "8px", color: tokens.colorNeutralForeground1, textDecoration: "none" },
  tocOp: {
    color: tokens.colorNeutralForeground2,
    textDecoration: "none",
    paddingLeft: "8px",
    ":hover": { color: tokens.colorBrandForeground1 },
  },
  main: { flexGrow: 1, minWidth: 0, display: "flex", flexDirection: "column", gap: "16px" },
  card: { padding: "16px 20px", gap: "8px" },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: "8px 0 0" },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "12px 0 4px" },
  tagDesc: { color: tokens.colorNeutralForeground3 },
  opHeader: { display: "flex", alignItems: "center", gap: "10px", minWidth: 0 },
  method: { width: "64px", justifyContent: "center", fontFamily: tokens.fontFamilyMonospace, flexShrink: 0 },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap" },
  summary: { color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  panel: { padding: "4px 8px 16px 16px", display: "flex", flexDirection: "column", gap: "4px" },
  pre: {
    background: "#1b1a19",
    color: "#f3f2f1",
    padding: "12px 14px",
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowX: "auto",
    margin: "4px 0",
    whiteSpace: "pre",
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  small: { fontSize: tokens.fontSizeBase200 },
  status: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, width: "48px", display: "inline-block" },
  responses: { display: "flex", flexDirection: "column", gap: "6px", fontSize: tokens.fontSizeBase200 },
  response: { display: "flex", flexDirection: "column", gap: "4px" },
});

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: JsonSchema };
type OperationDoc = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  "x-access": string;
  security?: unknown[];
  parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { $ref?: string; description?: string; content?: { "application/json": { schema: JsonSchema } } }>;
};

const METHOD_COLOR = { get: "brand", post: "success", patch: "warning", delete: "danger" } as const;

const noSubscription = () => () => {};

/** This portal's origin for the examples (the server renders a placeholder; the browser fills in its own). */
function useOrigin() {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "https://vigil.example.com",
  );
}

function Operation({ method, path, op, doc }: { method: string; path: string; op: OperationDoc; doc: TOpenApiDocument }) {
  const s = useStyles();
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  const errorResponses = doc.components.responses as Record<string, { description: string }>;
  const [description] = op.description.split("\n\n**Access:**");
  return (
    <AccordionItem value={op.operationId} id={op.operationId}>
      <AccordionHeader expandIconPosition="end">
        <span className={s.opHeader}>
          <Badge className={s.method} appearance="filled" color={METHOD_COLOR[method as keyof typeof METHOD_COLOR] ?? "informative"}>
            {method.toUpperCase()}
          </Badge>
          <span className={s.path}>{path}</span>
          <span className={s.summary}>{op.summary}</span>
        </span>
      </AccordionHeader>
      <AccordionPanel className={s.panel}>
        <Text>
          <Inline text={description} />
        </Text>
        <Text className={s.small}>
          <strong>Access:</strong> {op["x-access"]}
          {op.security?.length === 0 ? "" : " Authorization: Bearer token."}
        </Text>

        {op.parameters.length > 0 && (
          <>
            <h4 className={s.h3}>Parameters</h4>
            <Table size="small" aria-label={`Parameters of ${op.summary}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 160 }}>Name</TableHeaderCell>
                  <TableHeaderCell style={{ width: 70 }}>In</TableHeaderCell>
                  <TableHeaderCell style={{ width: 260 }}>Type</TableHeaderCell>
                  <TableHeaderCell>Description</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {op.parameters.map((p) => (
                  <TableRow key={`${p.in}:${p.name}`}>
                    <TableCell className={s.mono}>
                      {p.name}
                      {p.required && <span title="required"> *</span>}
                    </TableCell>
                    <TableCell className={s.small}>{p.in}</TableCell>
                    <TableCell className={s.mono}>{typeLabel(p.schema, schemas)}</TableCell>
                    <TableCell className={s.small}>{p.description ? <Inline text={p.description} /> : null}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}

        {op.requestBody && (
          <>
            <h4 className={s.h3}>Request body (application/json)</h4>
            <SchemaView schema={op.requestBody.content["application/json"].schema} schemas={schemas} />
          </>
        )}

        <h4 className={s.h3}>Responses</h4>
        <div className={s.responses}>
          {Object.entries(op.responses).map(([status, r]) => {
            const ref = r.$ref?.split("/").pop();
            const text = ref ? errorResponses[ref]?.description : r.description;
            // JSON answers show their schema; downloads (CSV, PDF) name their file type.
            const [mediaType, media] = Object.entries(r.content ?? {})[0] ?? [];
            const schema = mediaType === "application/json" ? media?.schema : undefined;
            return (
              <div key={status} className={s.response}>
                <span>
                  <span className={s.status}>{status}</span>
                  {text ? <Inline text={text} /> : null}
                  {ref && " Body: Error."}
                  {mediaType && mediaType !== "application/json" && ` Body: a ${mediaType} file, as an attachment.`}
                </span>
                {schema && status.startsWith("2") && <SchemaView schema={schema} schemas={schemas} />}
              </div>
            );
          })}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

/** The OpenAPI document as a portal page: getting started, then each tag's endpoints with their schemas. */
export function ApiReference({ doc }: { doc: TOpenApiDocument }) {
  const s = useStyles();
  const origin = useOrigin();
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, OperationDoc>).map(([method, op]) => ({ method, path, op })),
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Home", href: "/" }, { label: "API reference" }]}
        title="API reference"
        subtitle={`${doc.info.title} ${doc.info.version} · OpenAPI ${doc.openapi}`}
        icon={<BookRegular fontSize={24} />}
      />
      <CommandBar label="API reference commands">
        <ToolbarButton as="a" href="/api/v1/openapi.json" icon={<ArrowDownloadRegular />}>
          OpenAPI document (JSON)
        </ToolbarButton>
        <Link href="/settings/tokens" style={{ textDecoration: "none" }}>
          <ToolbarButton icon={<KeyMultipleRegular />}>API tokens</ToolbarButton>
        </Link>
      </CommandBar>
      <div className={s.layout}>
        <nav className={s.toc} aria-label="Endpoints">
          <a className={s.tocTag} href="#getting-started">
            Getting started
          </a>
          {doc.tags.map((tag) => (
            <div key={tag.name} style={{ display: "flex", flexDirection: "column", gap: 2 }}>
              <a className={s.tocTag} href={`#tag-${tag.name}`}>
                {tag.name}
              </a>
              {ops
                .filter((o) => o.op.tags[0] === tag.name)
                .map((o) => (
                  <a key={o.op.operationId} className={s.tocOp} href={`#${o.op.operationId}`}>
                    {o.op.summary}
                  </a>
                ))}
            </div>
          ))}
          <a className={s.tocTag} href="#errors">
            Errors
          </a>
        </nav>
        <div className={s.main}>
          <Card className={s.card} id="getting-started">
            <h2 className={s.h2}>Getting started</h2>
            <Text>
              <Inline text={doc.info.description.split("\n\n")[1] ?? ""} />
            </Text>
            <Text>
              Base URL: <code>{origin}/api/v1</code>. Create a token on the <Link href="/settings/tokens">API tokens</Link> page, then:
            </Text>
            <pre className={s.pre} tabIndex={0}>{`export VIGIL_TOKEN=vgl_…   # shown once when you create it
curl -H "Authorization: Bearer $VIGIL_TOKEN" ${origin}/api/v1/workspaces
curl -H "Authorization: Bearer $VIGIL_TOKEN" \\
  "${origin}/api/v1/workspaces/<id>/changes?period=24h&changeType=Files&limit=50"`}</pre>
          </Card>

          {doc.tags.map((tag) => (
            <section key={tag.name} id={`tag-${tag.name}`} aria-labelledby={`tag-${tag.name}-title`}>
              <h2 className={s.h2} id={`tag-${tag.name}-title`}>
                {tag.name}
              </h2>
              <Text className={s.tagDesc}>{tag.description}</Text>
              <Card className={s.card} style={{ marginTop: 8, padding: "4px 8px" }}>
                <Accordion multiple collapsible>
                  {ops
                    .filter((o) => o.op.tags[0] === tag.name)
                    .map((o) => (
                      <Operation key={o.op.operationId} method={o.method} path={o.path} op={o.op} doc={doc} />
                    ))}
                </Accordion>
              </Card>
            </section>
          ))}

          <Card className={s.card} id="errors">
            <h2 className={s.h2}>Errors</h2>
            <Text>Every error answers with the same body; the HTTP status follows from its code.</Text>
            <SchemaView schema={schemas.Error} schemas={schemas} />
            <Table size="small" aria-label="Error statuses">
              <TableBody>
                {Object.entries(doc.components.responses as Record<string, { description: string }>).map(([key, r]) => (
                  <TableRow key={key}>
                    <TableCell className={s.mono} style={{ width: 60 }}>
                      {key.slice(1)}
                    </TableCell>
                    <TableCell className={s.small}>
                      <Inline text={r.description} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
        </div>
      </div>
    </>
  );
}
