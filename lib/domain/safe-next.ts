/** Where sign-in goes when the requested page is missing or not a page of this portal. */
export const SIGN_IN_FALLBACK = "/";

// Any origin works as a stand-in for the portal's own: a value belongs to the portal when it resolves against it.
const PORTAL = "http://portal.invalid";
// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\t/x" and "/\x" mean "//x": another host.
const UNSAFE_CHARS = /[\\\u0000-\u001f\u007f]/;

/**
 * The page to open after sign-in: a path of this portal (path, query and fragment, as the URL parser writes it),
 * or SIGN_IN_FALLBACK for anything that would resolve elsewhere (absolute or protocol-relative URLs, `javascript:`,
 * backslashes, control characters, dot segments collapsing into `//`).
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || UNSAFE_CHARS.test(value)) return SIGN_IN_FALLBACK;
  let url: URL;
  try {
    url = new URL(value, PORTAL);
  } catch {
    return SIGN_IN_FALLBACK;
  }
  if (url.origin !== PORTAL) return SIGN_IN_FALLBACK;
  const path = url.pathname + url.search + url.hash;
  // "/.//x" resolves to the path "//x", which the browser would read as the host x.
  return path.startsWith("//") ? SIGN_IN_FALLBACK : path;
}
