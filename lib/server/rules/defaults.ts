import "server-only";

/** The rule every workspace starts with (also written for existing workspaces by the expected_rules migration). */
export const DEFAULT_EXPECTED_RULE = { name: "Package updates", attribution: "PackageUpdate", isDefault: true } as const;

/** For `workspace.create({ data: { …, ...withDefaultRule } })`. */
export const withDefaultRule = { expectedRules: { create: [DEFAULT_EXPECTED_RULE] } };
