import { commit, HubApiError } from "@huggingface/hub";
import { EvalIndexRequestSchema } from "@/schemas/eval-index";
import { AppError } from "@/server/errors";
import { prepareDataset } from "@/server/evaluations/prepare-evaluation";
import { downloadRepoFile } from "@/server/hub/download-repo-file";
import type { HubConfig } from "@/server/hub/hub-config";
import { TASKS } from "@/server/tasks";
import { buildTrainEvalIndexEntry, trainEvalIndexYaml, type TrainEvalIndexEntry } from "./build-train-eval-index";
import { mergeTrainEvalIndex } from "./merge-dataset-card";

export interface ProposeTrainEvalIndexOptions {
  hub: HubConfig;
  /** Raw request body; validated here. */
  input: unknown;
}

export interface ProposedTrainEvalIndex {
  entry: TrainEvalIndexEntry;
  /** The block to paste into the dataset card's YAML front matter. */
  yaml: string;
  pullRequestUrl: string | null;
}

/**
 * Turns a manual configuration into `train-eval-index` metadata (validated against the dataset),
 * and with `openPr` proposes it as a pull request on the dataset card.
 */
export async function proposeTrainEvalIndex(opts: ProposeTrainEvalIndexOptions): Promise<ProposedTrainEvalIndex> {
  const input = EvalIndexRequestSchema.parse(opts.input);
  const dataset = await prepareDataset({ hub: opts.hub, ...input });
  const numLabels = dataset.labelFeature?.kind === "class_label" ? dataset.labelFeature.names.length : undefined;
  const entry = buildTrainEvalIndexEntry({ ...input, metrics: input.metrics ?? TASKS[input.task].defaultMetrics, numLabels });
  const yaml = trainEvalIndexYaml(entry);
  if (!input.openPr) return { entry, yaml, pullRequestUrl: null };
  if (!opts.hub.accessToken) throw new AppError("UNPROCESSABLE", "This server has no HF_TOKEN, so it cannot open pull requests; copy the YAML instead.");
  const name = dataset.repo.name;
  const current = await downloadRepoFile({ hub: opts.hub, type: "dataset", name, revision: "main", path: "README.md" });
  const merged = mergeTrainEvalIndex(current ? new TextDecoder().decode(current) : null, entry);
  if (!merged.changed) throw new AppError("CONFLICT", `The card of ${name} already has this train-eval-index entry.`);
  try {
    const out = await commit({
      repo: { type: "dataset", name },
      title: `Add evaluation metadata (train-eval-index) for the ${input.config} config and ${input.split} split`,
      description: [
        "This pull request adds `train-eval-index` metadata to the dataset card, so the dataset can be evaluated in one click",
        "(task, split, column mapping and metrics preconfigured).",
        input.username ? `\nProposed by @${input.username} through EvalHub.` : "",
      ].join(" "),
      operations: [{ operation: "addOrUpdate", path: "README.md", content: new Blob([merged.content]) }],
      isPullRequest: true,
      accessToken: opts.hub.accessToken,
      hubUrl: opts.hub.hubUrl,
      fetch: opts.hub.fetch,
      useXet: false,
    });
    return { entry, yaml, pullRequestUrl: out?.pullRequestUrl ?? null };
  } catch (err) {
    if (err instanceof HubApiError) throw new AppError("UPSTREAM", `Could not open a pull request on dataset ${name}: the hub answered ${err.statusCode}: ${err.message}`);
    throw err;
  }
}
