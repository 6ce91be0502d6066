/** The demo tenant: what a newcomer sees on first start. Data only; seed.ts writes it. */
import type { MachineSource, OsFamily, Plan, Role } from "@/lib/generated/sqlite/enums";

export const DEMO_PASSWORD = "VigilDemo!2026";

export const DEMO_USERS: { email: string; name: string; roles: { subscription: string; role: Role }[] }[] = [
  {
    email: "owner@contoso.com",
    name: "Megan Bowen",
    roles: [
      { subscription: "Contoso Production", role: "OWNER" },
      { subscription: "Contoso Development", role: "OWNER" },
      { subscription: "Contoso Sandbox", role: "OWNER" },
    ],
  },
  {
    email: "contributor@contoso.com",
    name: "Alex Wilber",
    roles: [
      { subscription: "Contoso Production", role: "CONTRIBUTOR" },
      { subscription: "Contoso Development", role: "CONTRIBUTOR" },
      { subscription: "Contoso Sandbox", role: "CONTRIBUTOR" },
    ],
  },
  {
    email: "reader@contoso.com",
    name: "Diego Siciliani",
    roles: [
      { subscription: "Contoso Production", role: "READER" },
      { subscription: "Contoso Development", role: "READER" },
      { subscription: "Contoso Sandbox", role: "READER" },
    ],
  },
];

export const DEMO_TENANT = "Contoso";

export const DEMO_SUBSCRIPTIONS: { name: string; plan: Plan }[] = [
  { name: "Contoso Production", plan: "DEFENDER_SERVERS_P2" },
  { name: "Contoso Development", plan: "DEFENDER_SERVERS_P2" },
  { name: "Contoso Sandbox", plan: "FREE" },
];

type MachineSpec = { name: string; os: OsFamily; version: string; source: MachineSource };

export type WorkspaceSpec = {
  name: string;
  subscription: string;
  resourceGroup: string;
  location: string;
  fimEnabled: boolean;
  machines: MachineSpec[];
};

const WS2022 = "Windows Server 2022 Datacenter";
const WS2019 = "Windows Server 2019 Datacenter";
const U2204 = "Ubuntu 22.04 LTS";
const U2004 = "Ubuntu 20.04 LTS";
const RHEL9 = "Red Hat Enterprise Linux 9.4";
const RHEL8 = "Red Hat Enterprise Linux 8.10";

const win = (name: string, version: string, source: MachineSource = "AZURE_VM"): MachineSpec => ({ name, os: "WINDOWS", version, source });
const lin = (name: string, version: string, source: MachineSource = "AZURE_VM"): MachineSpec => ({ name, os: "LINUX", version, source });

export const DEMO_WORKSPACES: WorkspaceSpec[] = [
  {
    name: "contoso-prod-eastus",
    subscription: "Contoso Production",
    resourceGroup: "rg-security-prod",
    location: "East US",
    fimEnabled: true,
    machines: [
      win("dc-eus-01", WS2022),
      win("dc-eus-02", WS2022),
      win("sql-eus-01", WS2019),
      win("iis-eus-01", WS2019),
      win("iis-eus-02", WS2022),
      win("fs-onprem-01", WS2019, "AZURE_ARC"),
      lin("web-eus-01", U2204),
      lin("web-eus-02", U2204),
      lin("api-eus-01", RHEL9),
      lin("kafka-eus-01", RHEL8),
      lin("bastion-eus-01", U2204),
    ],
  },
  {
    name: "contoso-prod-westeurope",
    subscription: "Contoso Production",
    resourceGroup: "rg-security-prod-eu",
    location: "West Europe",
    fimEnabled: true,
    machines: [
      win("dc-weu-01", WS2022),
      win("sql-weu-01", WS2022),
      win("rds-weu-01", WS2019),
      lin("web-weu-01", U2204),
      lin("web-weu-02", U2204),
      lin("pg-weu-01", RHEL9),
      lin("ec2-weu-etl-01", U2004, "AWS"),
      lin("ec2-weu-etl-02", U2004, "AWS"),
    ],
  },
  {
    name: "contoso-prod-southeastasia",
    subscription: "Contoso Production",
    resourceGroup: "rg-security-prod-apac",
    location: "Southeast Asia",
    fimEnabled: false,
    machines: [
      win("iis-sea-01", WS2019),
      win("sql-sea-01", WS2019),
      lin("web-sea-01", U2004),
      lin("cache-sea-01", RHEL8),
      lin("ec2-sea-batch-01", RHEL8, "AWS"),
    ],
  },
  {
    name: "contoso-dev-westus2",
    subscription: "Contoso Development",
    resourceGroup: "rg-security-dev",
    location: "West US 2",
    fimEnabled: true,
    machines: [
      win("build-wus2-01", WS2022),
      win("test-wus2-01", WS2019),
      win("lab-onprem-01", WS2019, "AZURE_ARC"),
      lin("ci-wus2-01", U2204),
      lin("ci-wus2-02", U2204),
      lin("dev-wus2-01", RHEL9),
      lin("ec2-dev-01", U2204, "AWS"),
    ],
  },
  {
    name: "contoso-dev-uksouth",
    subscription: "Contoso Development",
    resourceGroup: "rg-security-dev-uk",
    location: "UK South",
    fimEnabled: false,
    machines: [win("qa-uks-01", WS2022), lin("qa-uks-02", U2204), lin("qa-uks-03", RHEL8, "AZURE_ARC"), lin("qa-uks-04", U2004)],
  },
  {
    name: "contoso-sandbox-centralus",
    subscription: "Contoso Sandbox",
    resourceGroup: "rg-sandbox",
    location: "Central US",
    fimEnabled: false,
    machines: [win("sbx-cus-01", WS2022), lin("sbx-cus-02", U2204), lin("sbx-cus-03", U2004)],
  },
];
