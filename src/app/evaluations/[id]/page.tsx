import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfusionMatrix } from "@/components/evaluation/confusion-matrix";
import { ExamplesBrowser } from "@/components/evaluation/examples-browser";
import { ManifestPanel } from "@/components/evaluation/manifest-panel";
import { MetricsTable } from "@/components/evaluation/metrics-table";
import { ScoreTable, type ScoreRow } from "@/components/evaluation/score-table";
import { StatusBadge } from "@/components/status-badge";
import { EvaluationExamplesQuerySchema } from "@/schemas/evaluation-examples";
import { getContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { getEvaluationReport } from "@/server/evaluations/get-evaluation-report";

export const dynamic = "force-dynamic";

type Report = { labels: string[]; confusionMatrix: number[][]; perClass: Record<string, { precision?: number; recall?: number; "f1-score"?: number; support?: number } | number> };

const Section = ({ title, id, children }: { title: string; id: string; children: React.ReactNode }) => (
  <section aria-labelledby={`${id}-h`} id={id} className="space-y-2">
    <h2 id={`${id}-h`} className="text-lg font-semibold">{title}</h2>
    {children}
  </section>
);

export default async function EvaluationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  let e;
  try {
    e = await getEvaluationReport({ db: getContext().db, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const sp = await searchParams;
  const filters = EvaluationExamplesQuerySchema.pick({ errorsOnly: true, label: true, predicted: true, q: true }).safeParse(
    Object.fromEntries(Object.entries(sp).filter(([k, v]) => ["errorsOnly", "label", "predicted", "q"].includes(k) && typeof v === "string")),
  );
  const report = (e.manifest?.report as Report | null | undefined) ?? null;
  const labels = ((e.manifest?.labelAlignment as { datasetLabels?: string[] } | null | undefined)?.datasetLabels ?? []);
  const entityTypes = e.task === "token-classification" ? [...new Set(labels.filter((l) => l !== "O").map((l) => l.replace(/^[BIESLU]-/, "")))].sort() : labels;
  const perClass: ScoreRow[] = report
    ? report.labels.map((l) => {
        const v = report.perClass[l];
        return typeof v === "object" ? { name: l, precision: v.precision, recall: v.recall, f1: v["f1-score"], support: v.support } : { name: l };
      })
    : [];
  const succeeded = e.status === "succeeded";
  const cellHref = (ref: string, pred: string) => `/evaluations/${e.id}?label=${encodeURIComponent(ref)}&predicted=${encodeURIComponent(pred)}#examples`;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="break-words text-2xl font-bold">{e.model}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <StatusBadge status={e.status} />
          <span>
            {e.task} on <Link href={`/leaderboards/${e.dataset}`}>{e.dataset}</Link> · {e.config}/{e.split}
          </span>
          · <Link href={`/submissions/${e.submissionId}`}>submission</Link>
          {e.pullRequestUrl && <> · <a href={e.pullRequestUrl}>pull request</a></>}
        </p>
        {e.failureReason && <p role="alert" className="text-red-700 dark:text-red-400">Failed: {e.failureReason}</p>}
        {e.pullRequestError && <p className="text-amber-700 dark:text-amber-300">No pull request: {e.pullRequestError}</p>}
        {e.sampling && <p className="text-sm text-amber-700 dark:text-amber-300">Evaluated on a seeded sample of {e.sampling.size} of {e.sampling.population} rows (seed {e.sampling.seed}).</p>}
        {e.invalidRows && e.invalidRows.count > 0 && (
          <p className="text-sm text-amber-700 dark:text-amber-300">{e.invalidRows.count} row(s) could not be used, e.g. row {e.invalidRows.examples[0]?.row}: {e.invalidRows.examples[0]?.reason}.</p>
        )}
        {!succeeded && !e.failureReason && <p className="text-sm text-gray-600 dark:text-gray-400">This evaluation has not finished yet ({Math.round(e.progress * 100)}%); results appear here when it does. <Link href={`/submissions/${e.submissionId}`}>Follow it live</Link>.</p>}
      </header>

      <Section title="Metrics" id="metrics">
        <MetricsTable metrics={e.metrics} />
      </Section>

      {report && report.labels.length > 0 && (
        <div className="grid gap-8 lg:grid-cols-2">
          <Section title="Per class" id="per-class">
            <ScoreTable caption="Precision, recall, F1 and support per class" nameHeader="Label" supportHeader="Support" rows={perClass} testId="per-class" />
          </Section>
          <Section title="Confusion matrix" id="confusion">
            <ConfusionMatrix labels={report.labels} matrix={report.confusionMatrix} cellHref={succeeded ? cellHref : undefined} />
          </Section>
        </div>
      )}

      {e.entities && e.entities.length > 0 && (
        <Section title="Per entity type" id="entities">
          <ScoreTable
            caption="seqeval precision, recall and F1 per entity type"
            nameHeader="Entity type"
            supportHeader="Gold entities"
            rows={e.entities.map((x) => ({ name: x.type, precision: x.precision, recall: x.recall, f1: x.f1, support: x.number }))}
            testId="per-entity"
          />
        </Section>
      )}

      {succeeded && (
        <Section title="Examples" id="examples">
          <ExamplesBrowser key={JSON.stringify(filters.data ?? {})} evaluationId={e.id} task={e.task} labels={entityTypes} initial={filters.success ? filters.data : undefined} />
        </Section>
      )}

      <Section title="Reproducibility manifest" id="manifest">
        <p className="flex flex-wrap gap-4 text-sm">
          {succeeded && (
            <>
              <a href={`/api/evaluations/${e.id}/predictions?format=jsonl`} download>Download predictions (JSON Lines)</a>
              <a href={`/api/evaluations/${e.id}/predictions?format=csv`} download>Download predictions (CSV)</a>
            </>
          )}
          <a href={`/api/evaluations/${e.id}`}>Manifest JSON</a>
        </p>
        <ManifestPanel report={e} />
      </Section>
    </div>
  );
}
