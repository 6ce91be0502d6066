/** What each role may do. Pure: the server decides with it, the UI hides controls with it. */
export const ROLES = ["OWNER", "CONTRIBUTOR", "READER"] as const;
export type TRole = (typeof ROLES)[number];
/** A role as a database row spells it (null: no assignment). */
export const isRole = (r: string | null | undefined): r is TRole => r != null && (ROLES as readonly string[]).includes(r);

export type TAction =
  | "workspace.read"
  | "plan.upgrade"
  | "fim.enable"
  | "fim.disable"
  | "entity.edit"
  | "change.review"
  | "retention.set"
  | "alert.manage"
  | "alert.edit"
  | "query.run"
  | "query.save";

const ALLOWED: Record<TRole, ReadonlySet<TAction>> = {
  OWNER: new Set<TAction>([
    "workspace.read",
    "plan.upgrade",
    "fim.enable",
    "fim.disable",
    "entity.edit",
    "change.review",
    "retention.set",
    "alert.manage",
    "alert.edit",
    "query.run",
    "query.save",
  ]),
  // Contributors tune what is tracked, but enabling and disabling FIM stays with owners (as in Defender). Alerting
  // likewise: Contributors edit alert rules and handle alerts; creating rules and choosing where alerts go (a
  // destination is an address the Vigil host connects to, with a secret) is the Owner's.
  CONTRIBUTOR: new Set<TAction>(["workspace.read", "entity.edit", "change.review", "alert.edit", "query.run", "query.save"]),
  // Readers run Logs queries (read-only, inside their workspace) but do not save them for the team.
  READER: new Set<TAction>(["workspace.read", "query.run"]),
};

const RANK: Record<TRole, number> = { READER: 1, CONTRIBUTOR: 2, OWNER: 3 };

export function roleAllows(role: TRole | null | undefined, action: TAction): boolean {
  return role ? ALLOWED[role].has(action) : false;
}

/** The strongest of several assignments (a subscription role is inherited by its workspaces). */
export function strongestRole(roles: Iterable<TRole>): TRole | null {
  let best: TRole | null = null;
  for (const r of roles) if (!best || RANK[r] > RANK[best]) best = r;
  return best;
}

export const ROLE_LABEL: Record<TRole, string> = { OWNER: "Owner", CONTRIBUTOR: "Contributor", READER: "Reader" };
