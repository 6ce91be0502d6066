import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "File integrity monitoring - Vigil", template: "%s - Vigil" },
  description: "File integrity monitoring for Windows and Linux machines",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // This request's CSP nonce (proxy.ts): Fluent UI's style elements must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <body>
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
