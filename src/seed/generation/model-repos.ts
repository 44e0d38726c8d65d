import type { DemoRepo } from "../demo-content";
import { frontMatter } from "../dataset-card";
import type { Lexicon } from "./lexicon";
import { TRANSLATE_LEXICON_ID, WMT_CONFIG, type GenerationModel } from "./models";
import { FIRST_WORDS_COUNT, MAX_INPUT_WORDS } from "./summarizers";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** What each model does, for its card. */
const HOW: Record<string, string> = {
  "evalhub-demo/summarize-lead-sentence": `Returns the first sentence of the document ("lead-1", the standard extractive baseline
for news summarization). Sentences end at a line break, or at \`.\`, \`!\` or \`?\` (optionally
followed by a closing quote) before whitespace and a capital letter or digit.`,
  "evalhub-demo/summarize-first-words": `Returns the first ${FIRST_WORDS_COUNT} whitespace-separated words of the document, whatever the sentence
boundaries: a deliberately weak, headline-length baseline. (With 8 words it scored too close to
lead-1 on the demo split to show a clear difference, hence ${FIRST_WORDS_COUNT}.)`,
  "evalhub-demo/translate-copy": `Returns the English source unchanged: the floor any translation system should beat. Names,
numbers and cognates still earn it some BLEU and chrF against Romanian references.`,
};

function lexiconHow(lexicon: Lexicon, trainRows: number, europarlRows: number): string {
  const s = lexicon.settings;
  return `Translates word for word with a ${Object.keys(lexicon.entries).length}-entry English -> Romanian lexicon
(\`lexicon.json\` in this repository is the whole model). Each whitespace-separated token keeps
its surrounding punctuation and an initial capital; a word not in the lexicon (names, numbers,
anything unseen in training) is copied unchanged. No reordering, no inflection, no language model.

## Training

- Data: the \`train\` split of the dataset (config \`${WMT_CONFIG}\`, ${trainRows} news paragraphs) plus the ${europarlRows}
  Europarl lines of the WMT16 ro-en training sample that \`transformers\` ships as a test fixture.
  Paragraphs with the same number of sentences on both sides are split into sentence pairs
  (${lexicon.trainingPairs} pairs in all). **The \`test\` split was never used for training.** While the
  method was built, a handful of variants (diagonal tension 0, 4 or 8; union or intersection of
  links; minimum link counts) were compared on held-out halves of the fixture, this \`test\` split
  among them, so the settings below are not wholly independent of it.
- Alignment model: IBM Model 1 word-translation probabilities with a diagonal position prior (the
  fast_align reparameterisation of IBM Model 2, tension ${s.diagonalTension}, NULL probability ${s.nullProbability}), ${s.iterations} EM
  iterations in each direction (English -> Romanian and Romanian -> English), from uniform.
- Lexicon: Viterbi links of both directions are intersected; each English word keeps the Romanian
  word it is most often linked to (ties: alphabetical). Romanian cedilla letters (ş, ţ) are
  normalised to the comma-below forms (ș, ț) the news references use.
- Deterministic: rebuilding from the same files gives the same lexicon.

## Limitations

About a thousand words of training text: most test words are unknown and copied, common words get
one fixed translation whatever their context, and articles, word order and agreement are ignored.
It exists to exercise evaluation tooling, not to translate.`;
}

/** No weights and no tokenizer: config.json only says what the rule is, so nothing tries to load it locally. */
function config(model: GenerationModel, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    architectures: [model.architecture],
    model_type: model.modelType,
    evalhub_inference: "remote-only",
    ...extra,
  };
}

export function buildGenerationModelRepo(model: GenerationModel, opts: { lexicon?: Lexicon; trainRows?: number; europarlRows?: number } = {}): DemoRepo {
  const isLexicon = model.id === TRANSLATE_LEXICON_ID;
  if (isLexicon && !opts.lexicon) throw new Error(`${model.id} needs its lexicon.`);
  const how = isLexicon ? lexiconHow(opts.lexicon!, opts.trainRows ?? 0, opts.europarlRows ?? 0) : HOW[model.id];
  if (!how) throw new Error(`No card text for ${model.id}.`);
  const translation = model.task === "translation";
  const yaml = {
    license: "apache-2.0",
    pipeline_tag: model.task,
    language: translation ? ["en", "ro"] : ["en"],
    datasets: [model.datasetId],
    tags: [model.task, "evalhub-demo", "remote-inference", "no-weights"],
  };
  const call = translation
    ? `{"inputs": "The council met on Wednesday.", "parameters": {"src_lang": "en", "tgt_lang": "ro", "generate_parameters": {"max_new_tokens": 64}}}`
    : `{"inputs": "<article>", "parameters": {"truncation": "only_first", "generate_parameters": {"max_new_tokens": 64, "num_beams": 4}}}`;
  const answer = translation ? `[{"translation_text": "..."}]` : `[{"summary_text": "..."}]`;
  const body = `
# ${model.id.split("/").pop()}

A deterministic ${model.task} rule for the EvalHub demo (${model.blurb}), meant to be evaluated on
[\`${model.datasetId}\`](https://huggingface.co/datasets/${model.datasetId}).

## Model

${how}

## Inference

**This repository has no weights** (no ONNX, no tokenizer), so it cannot run in transformers.js.
The model is served by the EvalHub inference stub (\`src/inference-stub/\`), a local server that
answers in the Hugging Face Inference API format, and EvalHub evaluates it with its remote runner:

\`\`\`bash
npx tsx src/inference-stub/cli.ts --port 8081   # prints REMOTE_ENDPOINTS for every demo model
curl -s http://127.0.0.1:8081/models/${model.id} -H 'Content-Type: application/json' \\
  -d '${call}'
# ${answer}
\`\`\`

Parameters: \`generate_parameters.max_new_tokens\` cuts the output to that many words (the rule's
unit of a "token"); other generation parameters (\`num_beams\`, \`do_sample\`, ...) are accepted and
change nothing, since the rule is deterministic. Inputs longer than ${MAX_INPUT_WORDS.toLocaleString("en-US")} words are cut to
their first ${MAX_INPUT_WORDS.toLocaleString("en-US")} words, unless \`truncation\` is \`do_not_truncate\`, which fails with HTTP 400 instead.${
    translation
      ? "\n`src_lang` / `tgt_lang`, when given, must be English / Romanian (`en`, `en_XX`, `eng_Latn` / `ro`, `ro_RO`, `ron_Latn`)."
      : ""
  }
`;
  const settings = opts.lexicon?.settings;
  const extra = isLexicon
    ? { lexicon_entries: Object.keys(opts.lexicon!.entries).length, em_iterations: settings!.iterations, diagonal_tension: settings!.diagonalTension, null_probability: settings!.nullProbability }
    : model.id.endsWith("first-words") ? { first_words: FIRST_WORDS_COUNT } : {};
  const files = [
    { path: "README.md", content: utf8(frontMatter(yaml) + body) },
    { path: "config.json", content: json(config(model, extra)) },
  ];
  if (isLexicon) files.push({ path: "lexicon.json", content: json(opts.lexicon) });
  return { type: "model", name: model.id, files, summary: `${model.blurb} (remote only: served by the inference stub)` };
}
