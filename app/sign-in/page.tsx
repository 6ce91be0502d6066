import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths may follow sign-in, so the page cannot be used to bounce users elsewhere. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/fim";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const next = safeNext((await searchParams).next);
  if (await currentUser()) redirect(next);
  return <SignInForm next={next} />;
}
