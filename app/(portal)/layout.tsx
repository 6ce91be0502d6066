import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { PortalShell } from "@/components/shell/portal-shell";
import { currentUser } from "@/lib/server/session";
import { tenantNameOf } from "@/lib/server/workspaces/tenant";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return <PortalShell user={{ name: user.name, email: user.email, tenant: await tenantNameOf(user) }}>{children}</PortalShell>;
}
