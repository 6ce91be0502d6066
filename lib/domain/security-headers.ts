// The security headers of Vigil's answers. Pages get a Content-Security-Policy with a per-request nonce (set in
// proxy.ts); API answers, which are JSON and never rendered, get a policy that allows nothing.

export type HeaderMap = Record<string, string>;

/** A year; browsers ignore it on plain http, so it is only sent over https. No includeSubDomains: not ours to say. */
export const HSTS = "max-age=31536000";

const COMMON: HeaderMap = {
  "X-Content-Type-Options": "nosniff",
  // No referrer leaves the portal: its URLs name workspaces, machines and search terms.
  "Referrer-Policy": "same-origin",
  // frame-ancestors 'none' for browsers that predate it.
  "X-Frame-Options": "DENY",
};

/**
 * The policy of a page. Scripts: only Next.js's own, which carry the nonce ('strict-dynamic' lets them load their
 * chunks). Style elements: the nonce too; Fluent UI's Griffel renderer and FluentProvider put it on every <style>
 * they create (components/providers.tsx). Style attributes ('unsafe-inline' in style-src-attr only): Fluent UI,
 * recharts and React render inline `style` attributes on the server; an attribute style cannot hold selectors or
 * @import, and images it could load are held to img-src 'self', so this does not open a way to read the page.
 */
export function pageContentSecurityPolicy(nonce: string, opts: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function pageSecurityHeaders(nonce: string, opts: { https: boolean; dev: boolean }): HeaderMap {
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(nonce, opts),
    ...COMMON,
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** API answers: nothing in them may load, run or be framed. HSTS is added over https (next.config.ts). */
export const API_SECURITY_HEADERS: HeaderMap = { "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'", ...COMMON };

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
