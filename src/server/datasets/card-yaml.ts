import { parse as parseYaml } from "yaml";
import { AppError } from "@/server/errors";
import { readAll, type FileOpener } from "./byte-source";

// The block regex of huggingface_hub's repocard.py (and of the local hub's card parser).
const FRONT_MATTER = /^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))/;

/**
 * The YAML error of a card's front matter, or null when there is no block or it parses. The Hub
 * (and the local hub) answer a malformed block with no `cardData` at all, which would otherwise
 * look like a dataset without configs or features.
 */
export function cardYamlError(readme: string): string | null {
  const match = FRONT_MATTER.exec(readme);
  if (!match) return null;
  try {
    const data: unknown = parseYaml(match[2]);
    if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
      return "the YAML block is not a mapping of keys to values";
    }
    return null;
  } catch (err) {
    return (err as Error).message.split("\n")[0].replace(/:\s*$/, "");
  }
}

/** Throws UNPROCESSABLE, naming the dataset, when its README.md front matter does not parse. */
export async function checkCardYaml(opts: { dataset: string; readme: { path: string; size: number }; open: FileOpener }): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readAll(await opts.open(opts.readme)));
  } catch {
    return; // An unreadable README is not what we are checking for; the data files speak for themselves.
  }
  const error = cardYamlError(text);
  if (error) {
    throw new AppError(
      "UNPROCESSABLE",
      `The dataset card (README.md) of ${opts.dataset} has malformed YAML metadata, so its configs, splits and features cannot be read: ${error}`,
      { field: "dataset" },
    );
  }
}
