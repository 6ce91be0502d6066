import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { parseTrustedProxies } from "@/lib/domain/trusted-proxies";
import type { Db } from "./db";
import { databaseKind, getDb } from "./db";
import { authSecret } from "./secret";
import { acceptedOrigins, publicUrl } from "./served-at";
import { accountSignInLimit } from "./sign-in-limit";

function createAuth(db: Db) {
  return betterAuth({
    appName: "Vigil",
    baseURL: publicUrl(),
    secret: authSecret(),
    database: prismaAdapter(db, { provider: databaseKind(db) === "postgres" ? "postgresql" : "sqlite" }),
    // Accounts are provisioned by administrators (and the seed), not by self-service sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      enabled: process.env.VIGIL_DISABLE_RATE_LIMIT !== "1",
      window: 60,
      max: 300,
      // Sign-in is where passwords get guessed: 10 tries a minute per client unless configured otherwise.
      customRules: { "/sign-in/email": { window: 60, max: Number(process.env.VIGIL_SIGNIN_RATE_MAX ?? 10) } },
    },
    advanced: {
      // better-auth skips the origin check when NODE_ENV is "test": checked always, so tests see what users get.
      disableOriginCheck: false,
      // The client address (rate limits, sessions) comes from X-Forwarded-For, which the web server in front
      // (lib/cli/web-server.ts) makes trustworthy: the socket's peer, or a chain ending in trusted proxies.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: parseTrustedProxies(process.env.VIGIL_TRUSTED_PROXIES).entries },
    },
    // Requests that carry a session or fetch metadata must come from a page of one of these origins.
    trustedOrigins: acceptedOrigins(),
    plugins: [accountSignInLimit(), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { vigilAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.vigilAuth ??= getDb().then(createAuth);
  return globalForAuth.vigilAuth;
}
