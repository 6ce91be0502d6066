// The portal's theme choice, read by the server (the root layout renders in it) and the client alike.

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The cookie the choice is kept in: the server renders the page in it, so a dark page does not flash light. */
export const THEME_COOKIE = "vigil-theme";

export function parseThemeChoice(v: string | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(v ?? "") ? (v as ThemeChoice) : "system";
}

/**
 * The browser's system setting as a client hint: proxy.ts asks for it (Accept-CH, and Critical-CH so that Chromium
 * sends it on the first request too), so a page of a dark system renders dark on the server instead of flashing light.
 * Browsers without the hint render light and switch on hydration.
 */
export const COLOR_SCHEME_HINT = "Sec-CH-Prefers-Color-Scheme";

export const systemDarkFromHint = (value: string | null | undefined): boolean => value?.trim().replace(/"/g, "") === "dark";
