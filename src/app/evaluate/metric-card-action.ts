"use server";

import { readFile } from "node:fs/promises";
import path from "node:path";
import { METRIC_IDS } from "@/server/metrics";

/**
 * A metric's card (its card.md), fetched when the user hovers or focuses the metric: the cards are
 * ~46 kB together, too much to ship with every form. Ids outside the registry get null.
 */
export async function loadMetricCard(id: string): Promise<string | null> {
  if (!(METRIC_IDS as readonly string[]).includes(id)) return null;
  // Cards live next to the metric code; `next start` runs from the project root.
  return readFile(path.join(process.cwd(), "src/server/metrics", id, "card.md"), "utf8").catch(() => null);
}
