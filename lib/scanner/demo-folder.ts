import fs from "node:fs";
import path from "node:path";

// What the demo folder holds at first: a small app's configuration and scripts, the kind of files FIM guards.
const INITIAL: Record<string, string> = {
  "app.conf": "listen_port = 8443\ntls = on\nlog_level = info\nadmin_users = alice\n",
  "users.allow": "alice\nbob\n",
  "scripts/deploy.sh": "#!/bin/sh\nset -e\nsystemctl restart app\n",
  "scripts/backup.sh": "#!/bin/sh\ntar czf /var/backups/app.tgz /srv/app\n",
  "cron/nightly": "0 2 * * * root /srv/app/scripts/backup.sh\n",
};

/** Creates the demo folder with its first files (no-op when it exists). */
export function prepareDemoFolder(dir: string): void {
  if (fs.existsSync(dir)) return;
  for (const [rel, text] of Object.entries(INITIAL)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { mode: rel.endsWith(".sh") ? 0o755 : 0o644 });
  }
}

type Step = (dir: string, n: number) => string;

// Each step is something an administrator (or an intruder) does; they rotate so every kind of change shows up.
const STEPS: Step[] = [
  (dir, n) => {
    // Rewritten, not appended: the demo may run for weeks and its files must stay small.
    fs.writeFileSync(path.join(dir, "app.conf"), `${INITIAL["app.conf"]}worker_threads = ${2 + (n % 6)}\n`);
    return "edited app.conf";
  },
  (dir, n) => {
    fs.writeFileSync(path.join(dir, "cron", `job-${n}`), `*/${5 + (n % 10)} * * * * root /tmp/.cache/run-${n}\n`);
    return `added cron/job-${n}`;
  },
  (dir) => {
    fs.chmodSync(path.join(dir, "scripts/deploy.sh"), (fs.statSync(path.join(dir, "scripts/deploy.sh")).mode & 0o777) ^ 0o022);
    return "changed permissions of scripts/deploy.sh";
  },
  (dir) => {
    const cron = path.join(dir, "cron");
    const jobs = fs.readdirSync(cron).filter((f) => f.startsWith("job-"));
    if (jobs.length) fs.rmSync(path.join(cron, jobs[0]));
    return jobs.length ? `removed cron/${jobs[0]}` : "nothing to remove";
  },
  (dir, n) => {
    fs.writeFileSync(path.join(dir, "users.allow"), `${INITIAL["users.allow"]}user${n % 7}\n`);
    return "added a user to users.allow";
  },
];

/** Changes the demo folder every `everyMs`, so a newcomer sees real changes arrive. Returns a stop function. */
export function startDemoActivity(dir: string, everyMs: number, onStep?: (what: string) => void): () => void {
  prepareDemoFolder(dir);
  let n = 0;
  const timer = setInterval(() => {
    try {
      onStep?.(STEPS[n % STEPS.length](dir, n));
    } catch (err) {
      onStep?.(`demo step failed: ${(err as Error).message}`);
    }
    n += 1;
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
