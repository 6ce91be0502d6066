"use client";

import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

import { THEME_COOKIE, type ThemeChoice } from "./theme-choice";

const DARK_QUERY = "(prefers-color-scheme: dark)";
const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
};

type ThemeState = { choice: ThemeChoice; dark: boolean; setChoice: (c: ThemeChoice) => void };
const ThemeContext = createContext<ThemeState>({ choice: "system", dark: false, setChoice: () => {} });

export const useThemeChoice = () => useContext(ThemeContext);

/**
 * Light or dark as the Azure portal does it: the system's setting unless the user picked one in the account
 * menu. The server knows the system's setting when the browser sends its client hint (`hintedDark`); otherwise it
 * renders light, and the browser switches on hydration.
 */
export function useThemeState(initial: ThemeChoice, hintedDark = false): { theme: Theme; state: ThemeState } {
  const [choice, setChoiceState] = useState<ThemeChoice>(initial);
  const systemDark = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(DARK_QUERY).matches,
    () => hintedDark,
  );
  const dark = choice === "dark" || (choice === "system" && systemDark);
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  }, [dark]);
  const setChoice = (c: ThemeChoice) => {
    setChoiceState(c);
    document.cookie = `${THEME_COOKIE}=${c}; path=/; max-age=31536000; samesite=lax`;
  };
  return { theme: dark ? webDarkTheme : webLightTheme, state: { choice, dark, setChoice } };
}

export const ThemeChoiceProvider = ThemeContext.Provider;
