import type { Metadata } from "next";
import Link from "next/link";
import { LeaderboardChart } from "@/components/leaderboard/leaderboard-chart";
import { LeaderboardFilters } from "@/components/leaderboard/leaderboard-filters";
import { viewHref } from "@/components/leaderboard/leaderboard-href";
import { LeaderboardTable } from "@/components/leaderboard/leaderboard-table";
import { getContext } from "@/server/context";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";
import { parseViewQuery } from "@/server/leaderboards/parse-view-query";
import { metricLabel } from "@/server/metrics/labels";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ dataset: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { dataset } = await props.params;
  return { title: `Leaderboard: ${dataset.map(decodeURIComponent).join("/")} · EvalHub` };
}

export default async function LeaderboardPage(props: Props) {
  const dataset = (await props.params).dataset.map(decodeURIComponent).join("/");
  const { query, params, ignored } = parseViewQuery(await props.searchParams);
  const { config, split, task, metric, sort, dir, verified, search, selfReported } = query;
  const board = await getLeaderboard({ db: getContext().db, dataset, config, split, task, metric, sort, search, direction: dir, verifiedOnly: verified, selfReported });
  const base = `/leaderboards/${dataset}`;
  const api = `/api/leaderboards/${dataset}`;
  // The form reads `dataset`; the chosen config, split and task ride along for it to preselect.
  const evaluateQs = new URLSearchParams(
    Object.entries({ dataset, config: board.config, split: board.split, task: board.task }).filter((e): e is [string, string] => !!e[1]),
  );
  const filtered = Object.keys(params).some((k) => ["config", "split", "task", "search", "verified", "selfReported"].includes(k));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold break-all">Leaderboard: {dataset}</h1>
        <Link
          href={`/evaluate?${evaluateQs}`}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white! no-underline hover:bg-indigo-700"
        >
          Evaluate another model on this dataset
        </Link>
      </div>
      {ignored.length > 0 && (
        <p role="alert" className="text-amber-700 dark:text-amber-400">
          Ignored invalid parameters: {ignored.map((i) => `${i.field} (${i.message})`).join("; ")}
        </p>
      )}
      <LeaderboardFilters board={board} base={base} params={params} />
      {board.rows.length === 0 ? (
        <div className="rounded border border-dashed border-gray-300 p-6 text-center dark:border-gray-700" data-testid="leaderboard-empty">
          <p className="font-medium">{filtered ? "No results match these filters." : `No model has been evaluated on ${dataset} yet.`}</p>
          <p className="mt-2 text-sm">
            {filtered && <><Link href={base}>Clear the filters</Link> or </>}
            <Link href={`/evaluate?dataset=${encodeURIComponent(dataset)}`}>evaluate a model on {dataset}</Link>.
          </p>
        </div>
      ) : (
        <>
          <p className="text-sm text-gray-600 dark:text-gray-400">
            {board.rows.length} row{board.rows.length === 1 ? "" : "s"}, ranked by {metricLabel(board.metric)} (
            {board.higherIsBetter ? "higher is better" : "lower is better"}). Error bars are 95% percentile bootstrap
            intervals. A model marked <em>tied</em> is not significantly different from the leader: by a{" "}
            <strong>paired bootstrap</strong> (both models scored on the same resampled examples; the 95% interval of the
            difference contains 0) when they ran on the same rows and their predictions are stored, otherwise by{" "}
            <strong>CI overlap</strong> (their intervals overlap, a conservative check); hover a tie to see which.{" "}
            <em>Self-reported</em> rows are claims from the models&apos; cards, imported as they are: no interval, never
            the leader or tied, and left out by &ldquo;Verified only&rdquo;.
          </p>
          <LeaderboardChart board={board} />
          <LeaderboardTable board={board} base={base} params={params} />
        </>
      )}
      <p className="flex flex-wrap gap-4 text-sm">
        <span>Export this view:</span>
        <a href={viewHref(api, params, { format: "csv" })} download data-testid="export-csv">CSV</a>
        <a href={viewHref(api, params, { format: "json" })} download data-testid="export-json">JSON</a>
      </p>
    </div>
  );
}
