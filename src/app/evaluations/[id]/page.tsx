import Link from "next/link";
import { notFound } from "next/navigation";
import { ClassificationReport, type ClassificationSummary } from "@/components/classification-report";
import { MetricValue } from "@/components/metric-value";
import { StatusBadge } from "@/components/status-badge";
import { metricLabel } from "@/server/metrics/labels";
import { getContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { getEvaluation } from "@/server/evaluations/get-evaluation";

export const dynamic = "force-dynamic";

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let e;
  try {
    e = await getEvaluation({ db: getContext().db, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const { report, ...manifest } = (e.manifest ?? {}) as { report?: ClassificationSummary | null };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{e.model}</h1>
      <p className="flex items-center gap-2">
        <StatusBadge status={e.status} /> on {e.dataset} · {e.config}/{e.split} ·{" "}
        <Link href={`/submissions/${e.submissionId}`}>submission</Link>
        {e.pullRequestUrl && <> · <a href={e.pullRequestUrl}>pull request</a></>}
      </p>
      {e.failureReason && <p role="alert" className="text-red-700">Failed: {e.failureReason}</p>}
      {e.pullRequestError && <p className="text-amber-700">No pull request: {e.pullRequestError}</p>}
      <table className="text-sm">
        <thead><tr className="border-b text-left"><th className="pr-6">Metric</th><th>Value [95% bootstrap interval]</th></tr></thead>
        <tbody>
          {Object.entries(e.results).map(([k, v]) => (
            <tr key={k} className="border-b"><td className="pr-6">{metricLabel(k)}</td><td><MetricValue value={v} interval={e.intervals[k]} /></td></tr>
          ))}
        </tbody>
      </table>
      {report && <ClassificationReport summary={report} />}
      <h2 className="text-lg font-semibold">Reproducibility manifest</h2>
      <pre className="overflow-x-auto rounded bg-gray-100 p-3 text-xs dark:bg-gray-900">{JSON.stringify({ evaluationKey: e.evaluationKey, modelSha: e.modelSha, datasetSha: e.datasetSha, ...manifest }, null, 2)}</pre>
    </div>
  );
}
