import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { MetricValue } from "@/components/metric-value";
import { getContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { metricLabel } from "@/server/metrics/labels";
import { getModelResults, type ModelResults } from "@/server/models/get-model-results";
import { listModelDatasets } from "@/server/models/list-model-datasets";
import type { TaskId } from "@/server/tasks";
import { ModelEvaluateForm } from "./model-evaluate-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string[] }> };

async function modelId(props: Props) {
  return (await props.params).id.map(decodeURIComponent).join("/");
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `${await modelId(props)} · EvalHub` };
}

export default async function ModelPage(props: Props) {
  const model = await modelId(props);
  const ctx = getContext();
  let results: ModelResults;
  try {
    results = await getModelResults({ db: ctx.db, hub: ctx.hub, model });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const evaluated = new Set(results.rows.map((r) => r.dataset));
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold break-all">{model}</h1>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          {results.pipelineTag ? <>Pipeline: <span className="font-mono">{results.pipelineTag}</span></> : "No pipeline tag on the hub."}{" "}
          <a href={`${ctx.hub.hubUrl.replace(/\/$/, "")}/${model}`}>View on the hub</a>
        </p>
        {!results.onHub && <p role="status" className="text-amber-700 dark:text-amber-400">This model is no longer on the hub; its stored results are shown.</p>}
        {results.hubError && <p role="alert" className="text-amber-700 dark:text-amber-400">{results.hubError}</p>}
      </header>

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-xl font-semibold">Results across datasets</h2>
        {results.rows.length === 0 ? (
          <p data-testid="no-results">No evaluations of this model yet. Pick datasets below to evaluate it.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="model-results">
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-2 pr-4">Dataset</th>
                  <th scope="col" className="py-2 pr-4">Config/split</th>
                  <th scope="col" className="py-2 pr-4">Task</th>
                  <th scope="col" className="py-2 pr-4">Metrics (95% interval)</th>
                  <th scope="col" className="py-2 pr-4">Links</th>
                </tr>
              </thead>
              <tbody>
                {results.rows.map((r) => (
                  <tr key={r.evaluationId} className="border-b align-top" data-dataset={r.dataset}>
                    <td className="py-2 pr-4 break-words">{r.dataset}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{r.config}/{r.split}</td>
                    <td className="py-2 pr-4">{r.task}</td>
                    <td className="py-2 pr-4">
                      <dl className="grid grid-cols-[auto_1fr] gap-x-3">
                        {r.metrics.map((m) => (
                          <div key={m.metric} className="contents">
                            <dt className="whitespace-nowrap text-gray-600 dark:text-gray-400">{metricLabel(m.metric)}</dt>
                            <dd className="whitespace-nowrap"><MetricValue value={m.value} interval={m.interval ?? undefined} /></dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                    <td className="py-2 pr-4 space-x-3 whitespace-nowrap">
                      <Link href={r.evaluationUrl}>Evaluation</Link>
                      <Link href={r.leaderboardUrl}>Leaderboard</Link>
                      {r.pullRequestUrl && <a href={r.pullRequestUrl}>PR</a>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="more-heading" className="space-y-3">
        <h2 id="more-heading" className="text-xl font-semibold">Evaluate on more datasets</h2>
        {!results.task ? (
          <p>
            EvalHub cannot pick datasets for this model
            {results.pipelineTag ? <> (its pipeline tag <span className="font-mono">{results.pipelineTag}</span> is not a task EvalHub runs)</> : " (it has no pipeline tag)"}.{" "}
            <Link href="/evaluate">Configure an evaluation by hand.</Link>
          </p>
        ) : (
          // The hub listing is the slow part: results show at once, the datasets stream in.
          <Suspense fallback={<p role="status" className="animate-pulse text-sm text-gray-600 dark:text-gray-400">Looking for {results.task} datasets…</p>}>
            <DatasetChoices model={model} task={results.task} evaluated={evaluated} />
          </Suspense>
        )}
      </section>
    </div>
  );
}

async function DatasetChoices({ model, task, evaluated }: { model: string; task: TaskId; evaluated: Set<string> }) {
  const ctx = getContext();
  const choices = await listModelDatasets({ db: ctx.db, hub: ctx.hub, task });
  return (
    <>
      {choices.warnings.map((w) => <p key={w} role="alert" className="text-amber-700 dark:text-amber-400">{w}</p>)}
      <ModelEvaluateForm model={model} task={task} candidates={choices.candidates.map((c) => ({ ...c, evaluated: evaluated.has(c.dataset) }))} />
    </>
  );
}
