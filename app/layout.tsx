import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { Providers } from "@/components/providers";
import { parseThemeChoice, THEME_COOKIE } from "@/components/theme-choice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "File integrity monitoring - Vigil", template: "%s - Vigil" },
  description: "File integrity monitoring for Windows and Linux machines",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // This request's CSP nonce (proxy.ts): Fluent UI's style elements must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const themeChoice = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" style={themeChoice === "system" ? undefined : { colorScheme: themeChoice }}>
      <body>
        <Providers nonce={nonce} themeChoice={themeChoice}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
