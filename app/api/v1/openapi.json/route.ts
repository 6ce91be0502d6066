import { API } from "@/lib/contracts/api";
import { buildOpenApiDocument } from "@/lib/contracts/openapi";
import { handle } from "@/lib/server/route";

// The document is the same for everyone and needs no token: built once per server process.
let document: string | null = null;

export const GET = handle(API.document.openapi, async () => {
  document ??= JSON.stringify(buildOpenApiDocument());
  return new Response(document, {
    headers: { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "public, max-age=300" },
  });
});
