import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { Providers } from "@/components/providers";
import { COLOR_SCHEME_HINT, parseThemeChoice, systemDarkFromHint, THEME_COOKIE } from "@/components/theme-choice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "File integrity monitoring - Vigil", template: "%s - Vigil" },
  description: "File integrity monitoring for Windows and Linux machines",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // This request's CSP nonce (proxy.ts): Fluent UI's style elements must carry it.
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const themeChoice = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  const systemDark = systemDarkFromHint(requestHeaders.get(COLOR_SCHEME_HINT));
  const dark = themeChoice === "dark" || (themeChoice === "system" && systemDark);
  return (
    <html lang="en" style={themeChoice === "system" && !systemDark ? undefined : { colorScheme: dark ? "dark" : "light" }}>
      <body>
        <Providers nonce={nonce} themeChoice={themeChoice} systemDark={systemDark}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
