import { describe, expect, it } from "vitest";
import type { TEntity } from "@/lib/contracts/entities";
import { draftErrors, emptyDraft, entitiesOfTab, frequencyText, tabById, TABS, uploadCandidates } from "./tabs";

const entity = (over: Partial<TEntity>): TEntity => ({
  id: over.path ?? "id",
  kind: "LINUX_FILE",
  enabled: true,
  itemName: "x",
  group: "Custom",
  path: "/etc/x",
  pathType: "FILE",
  recursion: false,
  useSudo: false,
  links: "FOLLOW",
  uploadContent: false,
  verifyEveryScan: false,
  valueName: "",
  frequencySec: null,
  recommended: false,
  updatedAt: "2026-01-01T00:00:00.000Z",
  collection: { machines: 0, items: 0, lastScanAt: null, failing: [], failingCount: 0 },
  ...over,
});

describe("Workspace Configuration tabs", () => {
  it("are the walkthrough's five, in its order, with a fallback to the first", () => {
    expect(TABS.map((t) => t.label)).toEqual(["Windows registry", "Windows files", "Linux Files", "File content", "Windows services"]);
    expect(tabById("nonsense").id).toBe("registry");
    expect(tabById("services").kind).toBe("WINDOWS_SERVICE");
  });

  it("list entities by kind, and on File content the files whose content is uploaded", () => {
    const all = [
      entity({ path: "/a", uploadContent: true }),
      entity({ path: "/b" }),
      entity({ path: "C:\\c.ini", kind: "WINDOWS_FILE", uploadContent: true, links: null }),
      entity({ path: "wuauserv", kind: "WINDOWS_SERVICE", pathType: null, links: null }),
      entity({ path: "/etc/legacy", kind: "FILE_CONTENT", uploadContent: true, links: null }),
    ];
    expect(entitiesOfTab(tabById("linux-files"), all).map((e) => e.path)).toEqual(["/a", "/b"]);
    expect(entitiesOfTab(tabById("file-content"), all).map((e) => e.path)).toEqual(["/a", "C:\\c.ini", "/etc/legacy"]);
    expect(uploadCandidates(all).map((e) => e.path)).toEqual(["/b"]);
  });

  it("validate drafts with the server's messages, field by field", () => {
    const linux = emptyDraft("LINUX_FILE");
    expect(draftErrors(linux)).toMatchObject({
      itemName: expect.stringMatching(/Enter an item name/),
      path: expect.stringMatching(/Enter a path/),
    });
    expect(draftErrors({ ...linux, itemName: "conf", path: "/etc/*.conf" })).toEqual({});
    expect(draftErrors({ ...linux, itemName: "x", path: "/etc/*/x" }).path).toMatch(/only in the last segment/);
    const svc = { ...emptyDraft("WINDOWS_SERVICE"), itemName: "wu", path: "wuauserv" };
    expect(svc.frequencySec).toBe(1800);
    expect(draftErrors({ ...svc, frequencySec: 5 }).frequencySec).toMatch(/10 to 1800 seconds/);
  });

  it("write frequencies as people read them", () => {
    expect(frequencyText(10)).toBe("10 seconds");
    expect(frequencyText(60)).toBe("1 minute");
    expect(frequencyText(1800)).toBe("30 minutes");
    expect(frequencyText(90)).toBe("1 min 30 s");
    expect(frequencyText(null)).toBe("30 minutes");
  });
});
