import type { TAgentScanReportWire } from "@/lib/contracts/agent";

/** Keeps a report under the server's body limit: file contents go first (reported), the inventory stays whole. */
export function fitBody(report: TAgentScanReportWire, maxBytes: number) {
  const size = () => Buffer.byteLength(JSON.stringify({ scans: [report] }));
  if (size() <= maxBytes * 0.95) return;
  if (report.contents?.length) {
    const dropped = report.contents.length;
    report.contents = [];
    report.errors = [
      ...(report.errors ?? []),
      { message: `The content of ${dropped} file(s) was not uploaded: the report was over the server's limit of ${maxBytes} bytes` },
    ];
  }
  // Removed files then go unattributed rather than the scan unsent (a delta's removed items are what it removes).
  if (size() > maxBytes * 0.95 && report.baseScanId === undefined) report.removed = undefined;
  if (size() > maxBytes) throw new Error(`the scan report is ${size()} bytes, over the server's limit of ${maxBytes}: track fewer files`);
}
