import { learnLexicon, translateWords, type Lexicon } from "./lexicon";
import { loadEuroparlSample, loadWmtEnRoSplits } from "./source-data";
import { FIRST_WORDS_COUNT, firstWords, leadSentence } from "./summarizers";

export const XSUM_DATASET_ID = "evalhub-demo/xsum-sample";
export const WMT_DATASET_ID = "evalhub-demo/wmt16-en-ro";
/** The config name the Hub's `wmt16` uses for this language pair. */
export const WMT_CONFIG = "ro-en";

export const SUMMARIZE_LEAD_ID = "evalhub-demo/summarize-lead-sentence";
export const SUMMARIZE_FIRST_WORDS_ID = "evalhub-demo/summarize-first-words";
export const TRANSLATE_LEXICON_ID = "evalhub-demo/translate-en-ro-lexicon";
export const TRANSLATE_COPY_ID = "evalhub-demo/translate-copy";

let lexicon: Lexicon | undefined;

/**
 * The lexicon model's parameters, learned on first use (about 0.1 s) from the `train` split of the
 * demo WMT16 dataset plus the Europarl sample; never from the `test` split.
 */
export function enRoLexicon(): Lexicon {
  lexicon ??= learnLexicon([...loadWmtEnRoSplits().train, ...loadEuroparlSample()]);
  return lexicon;
}

/** A demo "model": a deterministic function served by the inference stub, with no weights on the Hub. */
export type GenerationModel = {
  id: string;
  task: "summarization" | "translation";
  datasetId: string;
  /** The output before generation parameters (max_new_tokens) are applied. */
  run: (text: string) => string;
  /** config.json `architectures[0]` and `model_type`. */
  architecture: string;
  modelType: string;
  /** One line for logs and listings. */
  blurb: string;
};

export const GENERATION_MODELS: readonly GenerationModel[] = [
  {
    id: SUMMARIZE_LEAD_ID,
    task: "summarization",
    datasetId: XSUM_DATASET_ID,
    run: leadSentence,
    architecture: "LeadSentenceSummarizer",
    modelType: "evalhub-extractive",
    blurb: "extractive summarizer: the first sentence of the document (lead-1)",
  },
  {
    id: SUMMARIZE_FIRST_WORDS_ID,
    task: "summarization",
    datasetId: XSUM_DATASET_ID,
    run: (text) => firstWords(text),
    architecture: "FirstWordsSummarizer",
    modelType: "evalhub-extractive",
    blurb: `naive summarizer: the first ${FIRST_WORDS_COUNT} words of the document`,
  },
  {
    id: TRANSLATE_LEXICON_ID,
    task: "translation",
    datasetId: WMT_DATASET_ID,
    run: (text) => translateWords(enRoLexicon().entries, text),
    architecture: "WordLexiconTranslator",
    modelType: "evalhub-word-lexicon",
    blurb: "English -> Romanian word-for-word lexicon learned with EM (IBM Model 1 + diagonal prior)",
  },
  {
    id: TRANSLATE_COPY_ID,
    task: "translation",
    datasetId: WMT_DATASET_ID,
    run: (text) => text,
    architecture: "CopyTranslator",
    modelType: "evalhub-copy",
    blurb: "baseline that copies the English source unchanged",
  },
];
