import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/domain/safe-next";
import { publicUrl } from "@/lib/server/served-at";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  // Only paths of this portal may follow sign-in, so the page cannot bounce users to another site.
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  return <SignInForm next={next} publicUrl={publicUrl()} />;
}
