// A syslog listener on loopback for tests: TCP with RFC 6587 octet counting, and UDP, keeping each message.
import dgram from "node:dgram";
import net from "node:net";
import type { AddressInfo } from "node:net";

export type SyslogListener = { tcpPort: number; udpPort: number; messages: string[]; close: () => Promise<void> };

export async function startSyslogListener(): Promise<SyslogListener> {
  const messages: string[] = [];
  const tcp = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buffer.subarray(0, space).toString());
        if (buffer.length < space + 1 + length) return;
        messages.push(buffer.subarray(space + 1, space + 1 + length).toString("utf8"));
        buffer = buffer.subarray(space + 1 + length);
      }
    });
  });
  const udp = dgram.createSocket("udp4");
  udp.on("message", (m) => messages.push(m.toString("utf8")));
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  return {
    tcpPort: (tcp.address() as AddressInfo).port,
    udpPort: udp.address().port,
    messages,
    close: async () => {
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
