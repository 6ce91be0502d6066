import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { safeNextPath } from "@/lib/domain/safe-next";

/**
 * A cheap first gate for pages: without a session cookie, go to sign-in and come back after. The real check
 * (is the session valid?) happens on the server in every layout and route.
 */
export function proxy(req: NextRequest) {
  if (getSessionCookie(req)) return NextResponse.next();
  const url = new URL("/sign-in", req.url);
  url.searchParams.set("next", safeNextPath(req.nextUrl.pathname + req.nextUrl.search));
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api|sign-in|_next|favicon.ico|.*\\.(?:png|svg|ico)$).*)"],
};
