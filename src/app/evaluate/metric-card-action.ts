"use server";

import { readMetricCard } from "@/server/metrics/read-metric-card";

/**
 * A metric's card (its card.md), fetched when the user hovers or focuses the metric: the cards are
 * ~46 kB together, too much to ship with every form. Ids outside the registry get null.
 */
export async function loadMetricCard(id: string): Promise<string | null> {
  return readMetricCard(id);
}
