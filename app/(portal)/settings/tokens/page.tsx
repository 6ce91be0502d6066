import type { Metadata } from "next";
import { TokensPage } from "@/components/tokens/tokens-page";
import { listUserTokens } from "@/lib/server/tokens/user-tokens";
import { getDb } from "@/lib/server/db";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requireUser();
  return <TokensPage initial={{ tokens: await listUserTokens(await getDb(), user) }} />;
}
