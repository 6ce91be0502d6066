import { buildOpenApiDocument } from "@/lib/server/api-v1/openapi";

// The document is the same for everyone and needs no token: built once per server process.
let document: string | null = null;

export function GET() {
  document ??= JSON.stringify(buildOpenApiDocument());
  return new Response(document, {
    headers: { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "public, max-age=300" },
  });
}
