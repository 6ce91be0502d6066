import { BlockList, isIP } from "node:net";
import type { IncomingHttpHeaders } from "node:http";

/** The reverse proxies whose X-Forwarded-* headers are believed (VIGIL_TRUSTED_PROXIES: IPs and CIDR ranges). */
export type TrustedProxies = { entries: string[]; includes(address: string): boolean };

const familyName = (family: number) => (family === 4 ? "ipv4" : "ipv6");

/** Parses "10.0.0.5, 192.168.0.0/24, fd00::/8"; a typo fails loudly rather than trusting nothing or too much. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const maxBits = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? maxBits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || rest.length > 0 || !(bits <= maxBits))
      throw new Error(`VIGIL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)`);
    list.addSubnet(address, bits, familyName(family));
  }
  return {
    entries,
    includes(address) {
      const family = isIP(address);
      // IPv4-mapped IPv6 peers ("::ffff:10.0.0.5") match IPv4 ranges: BlockList maps them.
      return family !== 0 && list.check(address, familyName(family));
    },
  };
}

// Headers only a proxy may set; from anyone else they are dropped, and the server works them out itself.
const PROXY_ONLY = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/**
 * Makes a request's forwarding headers trustworthy before the app sees them, given the socket's peer address:
 * from a trusted proxy, the peer is appended to X-Forwarded-For (as every proxy hop does), so better-auth, told the
 * same proxies, walks the chain from the right to the first untrusted address; from anyone else, X-Forwarded-For
 * is the peer alone and the other X-Forwarded-* headers are dropped. A client cannot choose its rate-limit key.
 */
export function trustForwardedHeaders(headers: IncomingHttpHeaders, peer: string | undefined, proxies: TrustedProxies): void {
  if (peer && proxies.includes(peer)) {
    const chain = [headers["x-forwarded-for"] ?? []].flat().join(", ");
    headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
    return;
  }
  for (const name of PROXY_ONLY) delete headers[name];
  if (peer) headers["x-forwarded-for"] = peer;
  else delete headers["x-forwarded-for"];
}
