import { readFile } from "node:fs/promises";
import type { DemoRepo } from "../demo-content";
import { buildWmtDatasetRepo, buildXsumDatasetRepo } from "./datasets";
import { buildGenerationModelRepo } from "./model-repos";
import { enRoLexicon, GENERATION_MODELS } from "./models";
import { loadEuroparlSample, loadWmtEnRoSplits, loadXsumRows } from "./source-data";

export * from "./models";
export { LEXICON_SETTINGS, learnLexicon, translateWords, wordTokens, type Lexicon } from "./lexicon";
export { FIRST_WORDS_COUNT, firstWords, leadSentence, MAX_INPUT_WORDS, splitSentences } from "./summarizers";
export { loadEuroparlSample, loadWmtEnRoSplits, loadXsumRows, parseJsonObjects, type TranslationPair, type XsumRow } from "./source-data";

const sourceText = (folder: string) => readFile(new URL(`../../../data/${folder}/SOURCE.txt`, import.meta.url), "utf8");

/**
 * The summarization and translation demo: two dataset repos (XSum sample, WMT16 en-ro sample) and
 * four remote-only model repos (cards and config.json, no weights) whose predictions come from the
 * inference stub's GENERATION_HANDLERS. A pure function of the files under data/.
 */
export async function buildGenerationDemoRepos(): Promise<DemoRepo[]> {
  const [xsumSource, wmtSource] = await Promise.all([sourceText("xsum-sample"), sourceText("wmt16-en-ro")]);
  const wmt = loadWmtEnRoSplits();
  const lexicon = enRoLexicon();
  const europarlRows = loadEuroparlSample().length;
  return [
    buildXsumDatasetRepo(loadXsumRows(), xsumSource),
    buildWmtDatasetRepo(wmt, wmtSource),
    ...GENERATION_MODELS.map((model) => buildGenerationModelRepo(model, { lexicon, trainRows: wmt.train.length, europarlRows })),
  ];
}
