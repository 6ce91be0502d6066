"use client";

import { useState, type FormEvent } from "react";
import { Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from "@fluentui/react-components";
import { ShieldCheckmarkFilled } from "@fluentui/react-icons";
import { authClient } from "@/lib/client/auth-client";
import { safeNextPath } from "@/lib/domain/safe-next";

const useStyles = makeStyles({
  page: {
    minHeight: "100vh",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    background: `linear-gradient(135deg, ${tokens.colorBrandBackground2} 0%, ${tokens.colorNeutralBackground3} 55%, ${tokens.colorNeutralBackground4} 100%)`,
  },
  card: {
    width: "440px",
    maxWidth: "calc(100vw - 32px)",
    boxSizing: "border-box",
    background: tokens.colorNeutralBackground1,
    padding: "44px",
    boxShadow: tokens.shadow16,
    display: "flex",
    flexDirection: "column",
    gap: "16px",
  },
  brand: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    fontSize: "17px",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  title: { fontSize: "24px", fontWeight: tokens.fontWeightSemibold, margin: "8px 0 0" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: "13px" },
  actions: { display: "flex", justifyContent: "flex-end", marginTop: "8px" },
  footer: {
    color: tokens.colorNeutralForeground3,
    fontSize: "12px",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: "12px",
  },
});

// better-auth's codes for a request from a page of an origin it does not accept.
const REFUSED_ORIGIN = new Set(["INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN"]);

/** `publicUrl`: where the portal is served, offered instead when this address is refused. */
export function SignInForm({ next, publicUrl }: { next: string; publicUrl: string }) {
  const s = useStyles();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [refusedOrigin, setRefusedOrigin] = useState(false);
  const [busy, setBusy] = useState(false);
  const signInThere = `${publicUrl}/sign-in?next=${encodeURIComponent(next)}`;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setRefusedOrigin(false);
    if (!email.trim() || !password) {
      setError("Enter your email address and your password.");
      return;
    }
    setBusy(true);
    const { error: err } = await authClient.signIn.email({ email: email.trim(), password });
    if (err) {
      setBusy(false);
      if (err.status === 403 && err.code && REFUSED_ORIGIN.has(err.code)) {
        setRefusedOrigin(true);
        return;
      }
      setError(
        err.status === 429
          ? err.code === "TOO_MANY_FAILED_SIGN_INS" && err.message
            ? err.message
            : "Too many sign-in attempts. Wait a minute, then try again."
          : err.status === 401 || err.status === 400
            ? "Your email address or password is incorrect."
            : (err.message ?? "Sign-in failed. Try again."),
      );
      return;
    }
    // A full load, so every server component renders with the new session; the path is checked again here.
    window.location.assign(safeNextPath(next));
  }

  return (
    <main className={s.page}>
      <form className={s.card} onSubmit={onSubmit} noValidate aria-label="Sign in">
        <div className={s.brand}>
          <ShieldCheckmarkFilled fontSize={24} color={tokens.colorBrandForeground1} /> Vigil
        </div>
        <h1 className={s.title}>Sign in</h1>
        <Text className={s.hint}>to continue to File integrity monitoring</Text>
        {refusedOrigin && (
          <MessageBar intent="error">
            <MessageBarBody>
              Vigil does not accept sign-in at this address. Open <Link href={signInThere}>{publicUrl}</Link> instead.
            </MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Field label="Email">
          <Input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(_, d) => setEmail(d.value)}
            placeholder="someone@example.com"
          />
        </Field>
        <Field label="Password">
          <Input type="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} />
        </Field>
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
            Sign in
          </Button>
        </div>
        <Text className={s.footer}>Demo accounts are listed in the README (Owner, Contributor and Reader).</Text>
      </form>
    </main>
  );
}
