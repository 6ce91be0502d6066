// What the simulator knows about one machine: OS, distribution, roles (read from its name, as admins name
// servers), cloud, time zone and Windows environment. Pure function of the machine row.
import { hash32, Rng } from "./prng";

export type SimMachine = { id: string; name: string; osFamily: "WINDOWS" | "LINUX"; osVersion: string; simSeed: number };

export type Distro = "ubuntu" | "rhel" | "windows";

export interface Profile {
  /** Cache key: everything the state depends on. */
  key: string;
  name: string;
  seed: number;
  os: "WINDOWS" | "LINUX";
  distro: Distro;
  /** "22.04", "20.04", "9", "8", "2022", "2019". */
  release: string;
  roles: ReadonlySet<string>;
  cloud: "azure" | "arc" | "aws";
  /** Hours east of UTC: activity follows the machine's local working day and maintenance night. */
  tz: number;
  /** When the machine was built (before the simulation epoch). */
  installedAt: number;
  /** Windows environment variables the file paths expand with. */
  env: Readonly<Record<string, string>>;
  /** Accounts that log on interactively (Windows) or administer the machine (Linux). */
  users: readonly string[];
  /** Rare incidents are staged on a few machines only, so the fleet's story stays believable. */
  incidents: { persistence: boolean; userinitTamper: boolean; cronMalware: boolean };
}

/** The simulation starts from each machine's base state at this instant; events accumulate after it. */
export const SIM_EPOCH = Date.UTC(2026, 0, 1);
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const TZ_BY_REGION: Record<string, number> = { eus: -5, weu: 1, sea: 8, wus2: -8, uks: 0, cus: -6 };

const DEMO_PEOPLE = [
  "adele.vance",
  "alex.wilber",
  "diego.siciliani",
  "grady.archie",
  "henrietta.mueller",
  "isaiah.langer",
  "johanna.lorenz",
  "joni.sherman",
  "lee.gu",
  "lidia.holloway",
  "lynne.robbins",
  "megan.bowen",
  "miriam.graham",
  "nestor.wilke",
  "patti.fernandez",
  "pradeep.gupta",
];

function distroOf(m: SimMachine): { distro: Distro; release: string } {
  if (m.osFamily === "WINDOWS") return { distro: "windows", release: /2019/.test(m.osVersion) ? "2019" : "2022" };
  if (/red hat|rhel|centos|rocky|alma|oracle|fedora/i.test(m.osVersion)) {
    return { distro: "rhel", release: /\b8(\.\d+)?\b/.test(m.osVersion) ? "8" : "9" };
  }
  return { distro: "ubuntu", release: /20\.04/.test(m.osVersion) ? "20.04" : "22.04" };
}

function windowsEnv(name: string): Record<string, string> {
  const sys = "C:\\Windows\\system32\\config\\systemprofile";
  return {
    ALLUSERSPROFILE: "C:\\ProgramData",
    APPDATA: `${sys}\\AppData\\Roaming`,
    CommonProgramFiles: "C:\\Program Files\\Common Files",
    "CommonProgramFiles(x86)": "C:\\Program Files (x86)\\Common Files",
    CommonProgramW6432: "C:\\Program Files\\Common Files",
    COMPUTERNAME: name.toUpperCase(),
    ComSpec: "C:\\Windows\\system32\\cmd.exe",
    DriverData: "C:\\Windows\\System32\\Drivers\\DriverData",
    LOCALAPPDATA: `${sys}\\AppData\\Local`,
    NUMBER_OF_PROCESSORS: "4",
    OS: "Windows_NT",
    // Defined but not a folder: a path built on it passes validation and fails at inventory time.
    PATHEXT: ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
    PROCESSOR_ARCHITECTURE: "AMD64",
    ProgramData: "C:\\ProgramData",
    ProgramFiles: "C:\\Program Files",
    "ProgramFiles(x86)": "C:\\Program Files (x86)",
    ProgramW6432: "C:\\Program Files",
    PUBLIC: "C:\\Users\\Public",
    SystemDrive: "C:",
    SystemRoot: "C:\\Windows",
    TEMP: "C:\\Windows\\TEMP",
    TMP: "C:\\Windows\\TEMP",
    USERPROFILE: sys,
    windir: "C:\\Windows",
  };
}

/** Everything a machine's simulated state depends on. */
export const profileKey = (m: SimMachine) => `${m.osFamily}|${m.osVersion}|${m.name}|${m.simSeed >>> 0}`;

export function profileOf(m: SimMachine): Profile {
  const { distro, release } = distroOf(m);
  const tokens = m.name
    .toLowerCase()
    .split(/[-_.]/)
    .filter((t) => /^[a-z][a-z0-9]*$/.test(t));
  const roles = new Set(tokens);
  const cloud = roles.has("ec2") ? "aws" : roles.has("onprem") ? "arc" : "azure";
  const tz = tokens.map((t) => TZ_BY_REGION[t]).find((v) => v !== undefined) ?? 0;
  const seed = m.simSeed >>> 0;
  const rng = new Rng(hash32(seed, "profile"));
  const installedAt = SIM_EPOCH - Math.round(rng.range(90, 700)) * DAY_MS - rng.int(86_400) * 1000;
  const people = rng.sample(DEMO_PEOPLE, roles.has("rds") ? 12 : 3);
  const users =
    m.osFamily === "WINDOWS"
      ? [
          ...people.map((p) => `CONTOSO\\${roles.has("rds") ? p : `adm-${p.split(".")[0]}`}`),
          cloud === "arc" ? "Administrator" : "azureadmin",
        ]
      : [cloud === "aws" ? (distro === "ubuntu" ? "ubuntu" : "ec2-user") : "azureuser", ...people.slice(0, 2).map((p) => p.split(".")[0])];
  return {
    key: profileKey(m),
    name: m.name,
    seed,
    os: m.osFamily,
    distro,
    release,
    roles,
    cloud,
    tz,
    installedAt,
    env: m.osFamily === "WINDOWS" ? windowsEnv(m.name) : {},
    users,
    // About one machine in 8, 12 and 10; the salts are picked so the demo fleet has one or two of each among
    // its FIM-enabled workspaces (dc-eus-01 and lab-onprem-01, dc-weu-01, ci-wus2-01).
    incidents: {
      persistence: m.osFamily === "WINDOWS" && hash32(seed, "persistence") % 8 === 0,
      userinitTamper: m.osFamily === "WINDOWS" && hash32(seed, "userinit") % 12 === 0,
      cronMalware: m.osFamily === "LINUX" && hash32(seed, "cron-malware-3") % 10 === 0,
    },
  };
}

export const hasRole = (p: Profile, ...roles: string[]) => roles.some((r) => p.roles.has(r));
