import "server-only";
import dns from "node:dns";
import net from "node:net";
import { AppError } from "../errors";

// Where the portal host may send alerts. A destination's address is chosen by a workspace Owner or Contributor, but
// the connection is made by the Vigil host, inside its network: without a policy, a webhook is a way to reach the
// cloud metadata service or internal admin ports (SSRF). The operator, not the workspace user, widens it:
// - public addresses: allowed;
// - link-local (169.254.0.0/16 and fe80::/10, cloud metadata included), unspecified, multicast and broadcast:
//   always refused;
// - loopback: refused unless VIGIL_ALERT_ALLOW_LOOPBACK=1 (tests and single-host setups set it);
// - private ranges (10/8, 172.16/12, 192.168/16, 100.64/10 CGNAT, fc00::/7): refused unless listed in
//   VIGIL_ALERT_ALLOW_CIDRS (comma-separated CIDRs, e.g. "10.20.0.0/16,192.168.1.5/32").
// The check runs on the addresses the name resolves to at connection time (the lookup the socket uses), so a name
// that resolves elsewhere after it was saved (DNS rebinding) is refused too. Redirects are never followed.

/** A block list of CIDRs ("a.b.c.d/n", "x::/n", or one address); what does not parse is skipped. */
function blockList(cidrs: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.trim().split("/");
    const type = net.isIPv6(address) ? "ipv6" : net.isIPv4(address) ? "ipv4" : null;
    if (type) list.addSubnet(address, bits ? Number(bits) : type === "ipv4" ? 32 : 128, type);
  }
  return list;
}

const always = blockList(["169.254.0.0/16", "0.0.0.0/8", "224.0.0.0/3", "fe80::/10", "ff00::/8", "::/128", "fd00:ec2::254"]);
const loopback = blockList(["127.0.0.0/8", "::1"]);
const privateRanges = blockList(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"]);

export type AddressEnv = { VIGIL_ALERT_ALLOW_LOOPBACK?: string; VIGIL_ALERT_ALLOW_CIDRS?: string; [name: string]: string | undefined };
const allowList = (env: AddressEnv) => blockList((env.VIGIL_ALERT_ALLOW_CIDRS ?? "").split(","));

/** Why the host may not connect to this IP address, or null when it may. */
export function refusal(ip: string, env: AddressEnv = process.env): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1] : ip;
  const type = net.isIPv6(address) ? "ipv6" : "ipv4";
  if (always.check(address, type)) return `${address} is a link-local, metadata, multicast or unspecified address`;
  if (loopback.check(address, type))
    return env.VIGIL_ALERT_ALLOW_LOOPBACK === "1" ? null : `${address} is a loopback address (the operator may allow it)`;
  if (privateRanges.check(address, type) && !allowList(env).check(address, type))
    return `${address} is a private address the operator has not allowed (VIGIL_ALERT_ALLOW_CIDRS)`;
  return null;
}

/** A dns.lookup for sockets that refuses addresses the policy forbids (the socket never connects to them). */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as dns.LookupAddress[];
    const refused = list.map((a) => refusal(a.address)).find((r) => r !== null);
    if (refused) return callback(Object.assign(new Error(`Refused by the alert address policy: ${refused}`), { code: "EREFUSED" }), "", 0);
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/**
 * The address to connect to for a host, checked against the policy: an IP literal as it is (sockets do not look
 * literals up, so the socket's lookup alone would not see them), a name resolved here. Throws when refused.
 */
export async function allowedAddress(host: string): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(bare) ? [{ address: bare, family: net.isIPv6(bare) ? 6 : 4 }] : await dns.promises.lookup(bare, { all: true });
  for (const a of addresses) {
    const why = refusal(a.address);
    if (why) throw Object.assign(new Error(`Refused by the alert address policy: ${why}`), { code: "EREFUSED" });
  }
  return addresses[0];
}

/** Checks a host a user names (on save and on Send test): 422 naming the field when the policy refuses it. */
export async function assertAllowedHost(host: string, field: string): Promise<void> {
  try {
    await allowedAddress(host);
  } catch (err) {
    const refused = (err as { code?: string }).code === "EREFUSED";
    const message = refused
      ? `Alerts may not be sent there: ${(err as Error).message.replace(/^Refused by the alert address policy: /, "")}.`
      : `The host ${host} does not resolve.`;
    throw new AppError("validation_failed", message, [{ field, message }]);
  }
}
