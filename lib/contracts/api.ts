// The one API surface: every endpoint of /api/v1, by resource. The portal, the remote agent and scripts all call
// these; the OpenAPI document lists exactly these.
import { z } from "zod";
import { agentEndpoints } from "./agent";
import { alertEndpoints } from "./alerts";
import { destinationEndpoints } from "./destinations";
import { changeEndpoints } from "./changes";
import { endpoint, type AnyEndpoint } from "./endpoint";
import { entityEndpoints } from "./entities";
import { exportEndpoints } from "./exports";
import { machineEndpoints } from "./machines";
import { queryEndpoints } from "./query";
import { reviewEndpoints } from "./reviews";
import { recentQueryEndpoints, savedQueryEndpoints } from "./saved-queries";
import { ruleEndpoints } from "./expected-rules";
import { summaryEndpoints } from "./summary";
import { tokenEndpoints } from "./tokens";
import { workspaceEndpoints } from "./workspaces";

export const documentEndpoints = {
  openapi: endpoint({
    operationId: "getOpenApiDocument",
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Document",
    summary: "This document",
    description: "The OpenAPI 3.1 document of this API, generated from the schemas the server validates with.",
    access: { kind: "public" },
    response: z.object({ openapi: z.string() }).loose(),
    responseName: "OpenApiDocument",
    errors: [],
  }),
};

export const API = {
  workspaces: workspaceEndpoints,
  summary: summaryEndpoints,
  entities: entityEndpoints,
  machines: machineEndpoints,
  changes: changeEndpoints,
  reviews: reviewEndpoints,
  rules: ruleEndpoints,
  alerts: alertEndpoints,
  query: queryEndpoints,
  destinations: destinationEndpoints,
  savedQueries: savedQueryEndpoints,
  recentQueries: recentQueryEndpoints,
  tokens: tokenEndpoints,
  agent: agentEndpoints,
  exports: exportEndpoints,
  document: documentEndpoints,
};

/** Every endpoint, in the order the reference lists them. */
export const ENDPOINTS: readonly AnyEndpoint[] = Object.values(API).flatMap((group) => Object.values(group) as AnyEndpoint[]);
