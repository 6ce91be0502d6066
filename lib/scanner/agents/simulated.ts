import { simulateScan } from "@/lib/scanner/sim";
import type { Agent } from "./types";

/** The simulated fleet: the inventory is the machine's simulated state at the scan's instant. */
export const simulatedAgent: Agent = {
  async scan({ machine, entities, changeType, at }) {
    return simulateScan(machine, entities, changeType, at);
  },
};
