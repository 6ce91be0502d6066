import "server-only";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { currentUser } from "@/lib/server/session";
import { getWorkspace } from "@/lib/server/workspaces/get-workspace";

/** The workspace for a page, or the 404 page when it does not exist or the user has no role on it. */
export async function loadWorkspaceOr404(id: string) {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  try {
    return await getWorkspace(await getDb(), user, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}
