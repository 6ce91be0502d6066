import { hostReadPolicy, type HostReadPolicy } from "@/lib/server/local-host/read-policy";
import { loadHostPackages } from "@/lib/scanner/local/host-packages";
import { scanLocalFiles } from "@/lib/scanner/local/scan-files";
import { hostGuard } from "./host-guard";
import type { Agent } from "./types";

/**
 * The agent on this host: scans real files for the machine's Linux file rules. File content entities are file
 * rules with upload on. Registry and services do not exist here, so those scans report nothing. The rules are the
 * tenants' and the agent may run as root: it reads only what the host's operator allows (see hostReadPolicy),
 * read again for each scan.
 */
export function localAgent(opts: { workers?: number; forceRehash?: boolean; policy?: () => HostReadPolicy } = {}): Agent {
  return {
    async scan({ entities, changeType, previous, verify }) {
      if (changeType !== "Files") return { entries: [], errors: [], contents: new Map() };
      const rules = entities
        .filter((e) => (e.kind === "LINUX_FILE" || e.kind === "FILE_CONTENT") && e.path.startsWith("/"))
        .map((e) => ({
          entityId: e.id,
          path: e.path,
          pathType: e.pathType,
          recursion: e.recursion,
          links: e.links,
          useSudo: e.useSudo,
          uploadContent: e.uploadContent || e.kind === "FILE_CONTENT",
          verifyEveryScan: e.verifyEveryScan === true,
        }));
      const result = await scanLocalFiles(rules, {
        previous: await previous(),
        forceRehash: opts.forceRehash,
        workers: opts.workers,
        verify,
        guard: hostGuard((opts.policy ?? hostReadPolicy)()),
        packages: loadHostPackages,
      });
      const { entries, errors, contents, unreadEntityIds, removed } = result;
      return { entries, errors, contents, unreadEntityIds, removed };
    },
  };
}
