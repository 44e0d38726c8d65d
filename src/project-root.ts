import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The project's root folder, found by walking up to our package.json, so paths to project files
 * (migrations, data) hold whether code runs from src/ through tsx or bundled into dist/.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "evalhub") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the evalhub project root above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);
