import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const APP = { group: ["@/app/*", "@/app/**"], message: "lib/ and components/ never import app/ (routes and pages)." };
const SERVER = {
  group: ["@/lib/server/*", "@/lib/server/**"],
  message: "Code the browser loads (and contracts shared with it) never imports lib/server.",
};
const UI = { group: ["@/components/*", "@/components/**"], message: "Only routes and other components import components/." };
const CLIENT = { group: ["@/lib/client/*"], message: "Only components import the browser's fetchers and hooks." };
const CONTRACTS_FROM_DOMAIN = { group: ["@/lib/contracts/*"], message: "The domain knows no HTTP contract." };
const SERVER_FROM_AGENT = { group: ["@/lib/server/*", "@/lib/server/**"], message: "The remote agent talks to the server only over HTTP." };
const FEATURES = {
  group: ["@/components/*/*", "!@/components/ui/*"],
  message: "A feature imports shared UI from components/ui and data from lib/, not another feature's internals.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "lib/generated/**",
      "data/**",
      "next-env.d.ts",
      "test-results/**",
      "test-results-postgres/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The layers of ../shared/design: nothing imports upward, and nothing the browser loads imports lib/server.
  // One rule per folder (a later no-restricted-imports replaces an earlier one for the same file, so none overlap).
  ...layers({
    "components/**": [APP, SERVER, FEATURES],
    "lib/client/**": [APP, SERVER, UI],
    "lib/contracts/**": [APP, SERVER, UI, CLIENT],
    "lib/domain/**": [APP, SERVER, UI, CLIENT, CONTRACTS_FROM_DOMAIN],
    "lib/server/**": [APP, UI, CLIENT],
    "lib/scanner/**": [APP, UI, CLIENT],
    "lib/agent/**": [APP, UI, CLIENT, SERVER_FROM_AGENT],
    "lib/cli/**": [APP, UI, CLIENT],
  }),
];

/** A no-restricted-imports rule per folder; test files may reach across layers to set up what they test. */
function layers(byFolder) {
  return Object.entries(byFolder).map(([files, patterns]) => ({
    files: [files],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns }] },
  }));
}

export default config;
