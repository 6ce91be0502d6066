// The loopback names of one machine: the default local setup is reachable at each of them.
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.includes(hostname.toLowerCase());

/**
 * The origins a browser may sign in from: the public URL's own, and when that URL is a loopback address (the
 * default local setup) every loopback name on the port the portal is served on, since users type any of them.
 */
export function servedOrigins(publicUrl: string, servedPort: number): string[] {
  const url = new URL(publicUrl);
  const origins = [url.origin];
  if (isLoopbackHost(url.hostname)) for (const host of LOOPBACK_HOSTS) origins.push(`${url.protocol}//${host}:${servedPort}`);
  return [...new Set(origins)];
}
