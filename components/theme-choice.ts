// The portal's theme choice, read by the server (the root layout renders in it) and the client alike.

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The cookie the choice is kept in: the server renders the page in it, so a dark page does not flash light. */
export const THEME_COOKIE = "vigil-theme";

export function parseThemeChoice(v: string | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(v ?? "") ? (v as ThemeChoice) : "system";
}
