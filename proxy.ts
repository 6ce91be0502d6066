import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { COLOR_SCHEME_HINT } from "@/components/theme-choice";
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
  const malformed = refuseMalformedAddress(req);
  if (malformed) return malformed;
  // API answers get their headers from next.config.ts; the proxy only checks their address.
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
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
  // The system's light or dark setting, so that the page renders in it (the root layout).
  res.headers.set("Accept-CH", COLOR_SCHEME_HINT);
  res.headers.set("Critical-CH", COLOR_SCHEME_HINT);
  res.headers.append("Vary", COLOR_SCHEME_HINT);
  return res;
}

/**
 * An address whose percent-encoding is not valid UTF-8 (`%ff`, `%C0%AE`, a lone `%`) names no route: Next.js would
 * fail to decode its dynamic segments with a plain-text 500. Answer 400 here, with the API's one error body.
 */
function refuseMalformedAddress(req: NextRequest): NextResponse | null {
  try {
    decodeURIComponent(new URL(req.url).pathname);
    return null;
  } catch {
    const requestId = crypto.randomUUID();
    const message = "The address is not valid: a part of it is not valid percent-encoding.";
    return NextResponse.json(
      { error: { code: "bad_request", message, requestId } },
      { status: 400, headers: { "x-request-id": requestId } },
    );
  }
}

// Every page, sign-in included, and the API (for the address check); build assets need none, nor the Logs editor's
// library files (/monaco/vs/…, public and served from the install): its web workers run under their own answer's
// policy, and the page's nonce-based one would refuse the scripts they import.
export const config = {
  matcher: ["/((?!_next/static|_next/image|monaco/vs/|favicon.ico|.*\\.(?:png|svg|ico)$).*)"],
};
