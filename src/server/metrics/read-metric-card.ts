import { readFile } from "node:fs/promises";
import path from "node:path";
import { isMetricId } from "./index";

/**
 * A metric's card (its card.md, markdown), or null for an id outside the registry. Cards live next
 * to the metric code; the web app and the CLI run from the project root.
 */
export async function readMetricCard(id: string): Promise<string | null> {
  if (!isMetricId(id)) return null;
  return readFile(path.join(process.cwd(), "src/server/metrics", id, "card.md"), "utf8").catch(() => null);
}
