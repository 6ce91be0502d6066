"use client";

import { useRef, useState, type ReactNode } from "react";
import { useServerInsertedHTML } from "next/navigation";
import { FluentProvider, RendererProvider, SSRProvider, createDOMRenderer, renderToStyleElements } from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { z } from "zod";
import { ThemeChoiceProvider, useThemeState } from "./theme";
import type { ThemeChoice } from "./theme-choice";

// Zod compiles faster parsers with `new Function` where eval is allowed, and probes for it with Function(""): the
// page's CSP refuses eval, and the browser reports each probe as a violation. Parsing works the same without.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * Fluent UI (with its CSS-in-JS styles rendered on the server, so pages do not flash) and react-query. `nonce` is
 * the page's CSP nonce: Griffel and FluentProvider put it on every <style> element they render or insert.
 */
export function Providers({
  children,
  nonce,
  themeChoice,
  systemDark,
}: {
  children: ReactNode;
  nonce?: string;
  themeChoice: ThemeChoice;
  /** The system's setting as the browser hinted it to the server (false when it did not). */
  systemDark: boolean;
}) {
  const { theme, state } = useThemeState(themeChoice, systemDark);
  const [renderer] = useState(() =>
    createDOMRenderer(typeof document === "undefined" ? undefined : document, nonce ? { styleElementAttributes: { nonce } } : {}),
  );
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  const stylesInserted = useRef(false);

  useServerInsertedHTML(() => {
    if (stylesInserted.current) return null;
    stylesInserted.current = true;
    return <>{renderToStyleElements(renderer)}</>;
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={theme} style={{ height: "100%", background: theme.colorNeutralBackground2 }}>
          <ThemeChoiceProvider value={state}>
            <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
          </ThemeChoiceProvider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
