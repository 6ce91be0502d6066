import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { safeNextPath } from "@/lib/domain/safe-next";
import { newNonce, pageSecurityHeaders } from "@/lib/domain/security-headers";

// Set by the browser's TLS connection to a trusted proxy; lib/cli/web-server.ts drops it from anyone else.
const overHttps = (req: NextRequest) =>
  req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";

/**
 * Before every page: its security headers, with a fresh CSP nonce that Next.js (from the request's CSP) and the
 * root layout (from x-nonce, for Fluent UI's styles) put on what they render. And a cheap first gate: without a
 * session cookie, go to sign-in and come back after; the real check (is the session valid?) happens on the server
 * in every layout and route.
 */
export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const headers = pageSecurityHeaders(nonce, { https: overHttps(req), dev: process.env.NODE_ENV === "development" });
  let res: NextResponse;
  if (req.nextUrl.pathname !== "/sign-in" && !getSessionCookie(req)) {
    const url = new URL("/sign-in", req.url);
    url.searchParams.set("next", safeNextPath(req.nextUrl.pathname + req.nextUrl.search));
    res = NextResponse.redirect(url);
  } else {
    const forward = new Headers(req.headers);
    forward.set("x-nonce", nonce);
    forward.set("Content-Security-Policy", headers["Content-Security-Policy"]);
    res = NextResponse.next({ request: { headers: forward } });
  }
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

// Every page, sign-in included; API answers get theirs from next.config.ts, build assets need none.
export const config = {
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"],
};
