// Expected-change rules: declared criteria (attribution, path or key pattern, machines, category, change type, time
// window); a change that meets all of them is marked Expected as it arrives, naming the rule.
import { z } from "zod";
import { ZAttribution, ZChangeCategory, ZChangeType } from "./changes";
import { ZId, ZText } from "./common";
import { endpoint } from "./endpoint";

const edit = { kind: "workspace", action: "change.review" } as const;
const read = { kind: "workspace", action: "workspace.read" } as const;

const minute = (label: string, max: number) =>
  z
    .number({ message: `${label} is a number of minutes after midnight (UTC).` })
    .int(`${label} is a whole number of minutes.`)
    .min(0, `${label} is at least 0.`)
    .max(max, `${label} is at most ${max}.`);
const instant = (label: string) => z.iso.datetime({ offset: true, message: `${label} is an ISO 8601 date and time.` });

export const ZRuleWindow = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("NONE") }),
    z.object({ kind: z.literal("ONCE"), start: instant("The window's start"), end: instant("The window's end") }),
    z.object({
      kind: z.literal("WEEKLY"),
      days: z
        .array(z.number().int().min(0).max(6), { message: "days lists days of the week, 0 (Sunday) to 6." })
        .min(1, "Choose at least one day of the week.")
        .max(7),
      startMinute: minute("startMinute", 1439),
      endMinute: minute("endMinute", 1440),
    }),
  ],
  { message: "The window is NONE, ONCE (start, end) or WEEKLY (days, startMinute, endMinute)." },
);
export type TRuleWindow = z.infer<typeof ZRuleWindow>;

/** What a rule matches: every criterion given must hold; at least one is needed (a rule cannot match everything). */
export const CRITERIA = {
  attribution: ZAttribution.nullable().optional().meta({ description: "Only file changes of this package attribution." }),
  pathPattern: ZText("The path pattern", 1024)
    .trim()
    .min(1, "The path pattern is empty: leave it out to match any path.")
    .nullable()
    .optional()
    .meta({ description: "The path or key, with wildcards * and ? (case-insensitive), e.g. /srv/app/*." }),
  machineIds: z.array(ZId("machine id")).max(500, "Name at most 500 machines.").optional().meta({ description: "Empty: every machine." }),
  category: ZChangeCategory.nullable().optional(),
  changeType: ZChangeType.nullable().optional(),
  window: ZRuleWindow.optional().meta({ description: "When the change happened (UTC): always, a one-off window, or weekly." }),
};
type CriteriaInput = {
  attribution?: unknown;
  pathPattern?: unknown;
  machineIds?: readonly unknown[];
  category?: unknown;
  changeType?: unknown;
  window?: TRuleWindow;
};
const hasCriterion = (r: CriteriaInput) =>
  r.attribution != null ||
  r.pathPattern != null ||
  (r.machineIds?.length ?? 0) > 0 ||
  r.category != null ||
  r.changeType != null ||
  (r.window !== undefined && r.window.kind !== "NONE");

function checkCriteria(r: CriteriaInput, ctx: z.RefinementCtx) {
  if (!hasCriterion(r))
    ctx.addIssue({
      code: "custom",
      path: ["attribution"],
      message: "Give the rule at least one criterion: attribution, path pattern, machines, category, type or time window.",
    });
  if (r.window?.kind === "ONCE" && Date.parse(r.window.end) <= Date.parse(r.window.start))
    ctx.addIssue({ code: "custom", path: ["window", "end"], message: "The window must end after it starts." });
}

const ZName = ZText("The name", 100).trim().min(1, "Name the rule.");

export const ZRuleCriteria = z.object(CRITERIA).superRefine(checkCriteria);
export type TRuleCriteria = z.infer<typeof ZRuleCriteria>;
export const ZRuleCreateBody = z
  .object({
    name: ZName,
    enabled: z.boolean({ message: "enabled is true or false." }).optional(),
    ...CRITERIA,
    applyToRecent: z.boolean({ message: "applyToRecent is true or false." }).optional().meta({
      description:
        "Also mark the Unreviewed changes of the last 7 days that meet the criteria as Expected (as the preview counts them), naming the rule: one bulk review in the audit trail.",
    }),
  })
  .superRefine(checkCriteria);
export type TRuleCreateBody = z.infer<typeof ZRuleCreateBody>;
/** Only the fields sent change; the criteria that result are checked as a whole on the server. */
export const ZRulePatchBody = z.object({
  name: ZName.optional(),
  enabled: z.boolean({ message: "enabled is true or false." }).optional(),
  ...CRITERIA,
});
export type TRulePatchBody = z.infer<typeof ZRulePatchBody>;

export const ZRule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  attribution: ZAttribution.nullable(),
  pathPattern: z.string().nullable(),
  machineIds: z.array(z.string()),
  category: ZChangeCategory.nullable(),
  changeType: ZChangeType.nullable(),
  window: ZRuleWindow,
  updatedAt: z.string(),
});
export type TRule = z.infer<typeof ZRule>;
export const ZRuleCreated = ZRule.extend({
  markedExpected: z
    .number()
    .int()
    .meta({ description: "Changes of the last 7 days this request marked Expected (applyToRecent); 0 without it." }),
});
export type TRuleCreated = z.infer<typeof ZRuleCreated>;

export const ZRuleList = z.object({ rules: z.array(ZRule), canEdit: z.boolean() });
export const ZRulePreview = z.object({
  matched: z.number().int().meta({ description: "Changes of the last 7 days the rule would have marked Expected." }),
  unreviewed: z
    .number()
    .int()
    .meta({ description: "Of the matched changes, those still Unreviewed: what saving with applyToRecent would mark Expected." }),
  total: z.number().int().meta({ description: "Every change of the last 7 days." }),
  from: z.string(),
  to: z.string(),
});
export type TRulePreview = z.infer<typeof ZRulePreview>;

const ws = z.object({ id: ZId("workspace id") });
const one = z.object({ id: ZId("workspace id"), ruleId: ZId("rule id") });
const base = "/api/v1/workspaces/{id}/expected-rules" as const;

export const ruleEndpoints = {
  list: endpoint({
    operationId: "listExpectedRules",
    method: "GET",
    path: base,
    tag: "Rules",
    summary: "List expected-change rules",
    description: "The workspace's expected-change rules, oldest first (the first rule a change matches names itself on it).",
    access: read,
    params: ws,
    response: ZRuleList,
    responseName: "RuleList",
    errors: [404, 422],
  }),
  create: endpoint({
    operationId: "createExpectedRule",
    method: "POST",
    path: base,
    tag: "Rules",
    summary: "Create an expected-change rule",
    description:
      "From now on, changes that meet every criterion are marked Expected as they arrive. Changes already recorded are not, unless `applyToRecent` asks to mark the matching Unreviewed changes of the last 7 days too.",
    access: edit,
    params: ws,
    body: ZRuleCreateBody,
    bodyName: "RuleCreateBody",
    response: ZRuleCreated,
    responseName: "RuleCreated",
    status: 201,
    errors: [400, 404, 413, 422],
  }),
  update: endpoint({
    operationId: "updateExpectedRule",
    method: "PATCH",
    path: `${base}/{ruleId}`,
    tag: "Rules",
    summary: "Update an expected-change rule",
    description: "Changes the fields sent (switch it off with `enabled: false`).",
    access: edit,
    params: one,
    body: ZRulePatchBody,
    bodyName: "RulePatchBody",
    response: ZRule,
    responseName: "Rule",
    errors: [400, 404, 413, 422],
  }),
  delete: endpoint({
    operationId: "deleteExpectedRule",
    method: "DELETE",
    path: `${base}/{ruleId}`,
    tag: "Rules",
    summary: "Delete an expected-change rule",
    description: "Changes it marked keep their state and its name.",
    access: edit,
    params: one,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    responseName: "RuleDeleted",
    errors: [404, 422],
  }),
  preview: endpoint({
    operationId: "previewExpectedRule",
    method: "POST",
    path: `${base}/preview`,
    tag: "Rules",
    summary: "Preview a rule against the last 7 days",
    description: "How many of the last 7 days' changes the criteria would have marked Expected. Saves nothing.",
    access: edit,
    params: ws,
    body: ZRuleCriteria,
    bodyName: "RuleCriteria",
    response: ZRulePreview,
    responseName: "RulePreview",
    errors: [400, 404, 413, 422],
  }),
};
