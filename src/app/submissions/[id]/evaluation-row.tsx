"use client";

import Link from "next/link";
import { MetricValue } from "@/components/metric-value";
import { StatusBadge } from "@/components/status-badge";
import type { SubmissionEvaluationView, SubmissionView } from "@/server/evaluations/get-submission";
import { EvaluationActions } from "./evaluation-actions";
import { progressText } from "./progress-text";

const BAR: Record<string, string> = {
  running: "bg-indigo-600 dark:bg-indigo-400",
  succeeded: "bg-green-600 dark:bg-green-500",
  failed: "bg-red-600 dark:bg-red-500",
  cancelled: "bg-gray-400 dark:bg-gray-600",
  queued: "bg-gray-400 dark:bg-gray-600",
};

/** One model of the submission: status, progress with rate and ETA, results or the reason, links, actions. */
export function EvaluationRow({ s, e, onChanged }: { s: SubmissionView; e: SubmissionEvaluationView; onChanged: () => Promise<void> }) {
  const pct = Math.round(e.progress * 100);
  const succeeded = e.status === "succeeded";
  return (
    <tr className="block border-b border-gray-200 py-3 align-top sm:table-row sm:py-0 dark:border-gray-800" data-model={e.model} data-status={e.status} data-testid="evaluation-row">
      <td className="block space-y-2 py-1 sm:table-cell sm:w-1/3 sm:py-3 sm:pr-4">
        <p className="break-all font-semibold">
          <Link href={`/evaluations/${e.id}`}>{e.model}</Link>
        </p>
        <StatusBadge status={e.status} />
        <EvaluationActions id={e.id} model={e.model} status={e.status} onChanged={onChanged} />
      </td>
      <td className="block py-1 sm:table-cell sm:w-1/4 sm:py-3 sm:pr-4">
        <div className="h-2 w-full overflow-hidden rounded bg-gray-200 dark:bg-gray-800" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`Progress of ${e.model}`}>
          <div className={`h-2 rounded transition-[width] duration-500 motion-reduce:transition-none ${BAR[e.status] ?? BAR.queued}`} style={{ width: `${pct}%` }} />
        </div>
        <p className="mt-1 tabular-nums text-gray-700 dark:text-gray-300" data-testid="progress-text">
          {pct}% · {progressText(e)}
        </p>
      </td>
      <td className="block space-y-2 py-1 sm:table-cell sm:py-3">
        {succeeded && s.metrics.length > 0 && (
          <dl className="space-y-0.5" data-testid="results">
            {s.metrics.map((m) => (
              <div key={m} className="flex flex-wrap justify-between gap-x-2">
                <dt className="text-gray-700 dark:text-gray-300">{s.metricLabels[m] ?? m}</dt>
                <dd>
                  <MetricValue value={e.results[m]} interval={e.intervals[m]} />
                </dd>
              </div>
            ))}
          </dl>
        )}
        {e.failure && (
          <p role={e.status === "failed" ? "alert" : undefined} className="rounded border border-red-300 bg-red-50 p-2 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" data-testid="failure">
            {e.status === "failed" ? <strong>Failed: </strong> : null}
            {e.failure}
          </p>
        )}
        <Notes e={e} />
        <nav aria-label={`Links for ${e.model}`} className="flex flex-wrap gap-x-3 gap-y-1">
          <Link href={`/evaluations/${e.id}`} aria-label={`Evaluation page of ${e.model}`}>Evaluation</Link>
          <Link href={`/evaluations/${e.id}#manifest`} aria-label={`Reproducibility manifest of ${e.model}`}>Manifest</Link>
          {succeeded && (
            <>
              <a href={`/api/evaluations/${e.id}/predictions?format=jsonl`} download aria-label={`Predictions (JSONL) of ${e.model}`}>Predictions (JSONL)</a>
              <a href={`/api/evaluations/${e.id}/predictions?format=csv`} download aria-label={`Predictions of ${e.model} (CSV)`}>CSV</a>
            </>
          )}
          <PullRequestLink s={s} e={e} />
        </nav>
      </td>
    </tr>
  );
}

function PullRequestLink({ s, e }: { s: SubmissionView; e: SubmissionEvaluationView }) {
  if (e.pullRequestUrl) return <a href={e.pullRequestUrl} aria-label={`Open PR for ${e.model}`}>Open PR</a>;
  if (e.pullRequestError) return <span className="text-amber-700 dark:text-amber-300">No pull request: {e.pullRequestError}</span>;
  if (!s.createPr) return <span className="text-gray-600 dark:text-gray-400">Private: no pull request</span>;
  return e.status === "running" || e.status === "queued" ? <span className="text-gray-600 dark:text-gray-400">Pull request opens when it succeeds</span> : null;
}

function Notes({ e }: { e: SubmissionEvaluationView }) {
  if (!e.sampling && !e.invalidRows?.count) return null;
  const bad = e.invalidRows?.examples[0];
  return (
    <p className="text-gray-700 dark:text-gray-300">
      {e.sampling && (
        <>Evaluated on a seeded random sample of {e.sampling.size.toLocaleString("en")} of {e.sampling.population.toLocaleString("en")} rows ({e.sampling.rule}, seed {e.sampling.seed}). </>
      )}
      {e.invalidRows?.count ? <>{e.invalidRows.count} row(s) could not be scored{bad ? `, e.g. row ${bad.row} (${bad.column}: ${bad.reason})` : ""}.</> : null}
    </p>
  );
}
