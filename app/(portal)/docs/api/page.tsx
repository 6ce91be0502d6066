import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import { buildOpenApiDocument } from "@/lib/contracts/openapi";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return <ApiReference doc={buildOpenApiDocument()} />;
}
