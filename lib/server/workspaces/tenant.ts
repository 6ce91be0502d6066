import "server-only";
import { getDb } from "../db";
import type { TCurrentUser } from "../session";

/** The directory (tenant) the user works in, for the header: the tenant of their first role. */
export async function tenantNameOf(user: TCurrentUser): Promise<string> {
  const db = await getDb();
  const a = await db.roleAssignment.findFirst({
    where: { userId: user.id },
    select: { subscription: { select: { tenant: true } }, workspace: { select: { subscription: { select: { tenant: true } } } } },
  });
  return a?.subscription?.tenant.name ?? a?.workspace?.subscription.tenant.name ?? "";
}
