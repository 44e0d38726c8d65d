import Link from "next/link";
import { getContext } from "@/server/context";
import { listRecentSubmissions } from "@/server/evaluations/list-recent-submissions";
import { listLeaderboards } from "@/server/leaderboards/list-leaderboards";
import { listPopularDatasets, type PopularDataset } from "@/server/datasets/list-popular-datasets";
import { TASKS } from "@/server/tasks";
import { StatusBadge } from "@/components/status-badge";

export const dynamic = "force-dynamic";

/** Datasets for the search box, or why the hub could not list them (the page still renders). */
async function datasetsFor(search: string | undefined): Promise<{ datasets: PopularDataset[]; error: string | null }> {
  try {
    return { datasets: await listPopularDatasets({ hub: getContext().hub, search }), error: null };
  } catch (err) {
    return { datasets: [], error: (err as Error).message };
  }
}

export default async function HomePage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { db } = getContext();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) || undefined;
  const [recent, boards, found] = await Promise.all([listRecentSubmissions({ db }), listLeaderboards({ db }), datasetsFor(q)]);
  const boardSet = new Set(boards.map((b) => b.dataset));
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-bold">Evaluate any model on any dataset, without writing code.</h1>
        <p className="mt-2 text-gray-600 dark:text-gray-400">
          Pick a dataset, map its columns, choose metrics and models: EvalHub runs the evaluation, opens a pull request
          with the results on each model card and ranks the models on the dataset&apos;s leaderboard.
        </p>
        <form action="/evaluate" className="mt-4 flex flex-wrap gap-2" role="search">
          <label htmlFor="home-dataset" className="sr-only">
            Dataset id
          </label>
          <input
            id="home-dataset"
            name="dataset"
            placeholder="owner/dataset, e.g. evalhub-demo/sst2"
            className="w-full rounded border border-gray-300 px-3 py-2 sm:w-96 dark:border-gray-700 dark:bg-gray-900"
          />
          <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">Evaluate</button>
        </form>
      </section>
      <section aria-labelledby="datasets-heading">
        <h2 id="datasets-heading" className="text-lg font-semibold">{q ? `Datasets matching “${q}”` : "Popular datasets"}</h2>
        <form action="/" className="mt-2 flex flex-wrap gap-2" role="search">
          <label htmlFor="dataset-search" className="sr-only">
            Search datasets
          </label>
          <input id="dataset-search" name="q" defaultValue={q ?? ""} placeholder="Search datasets by name" className="w-full rounded border border-gray-300 px-3 py-2 sm:w-72 dark:border-gray-700 dark:bg-gray-900" />
          <button type="submit" className="rounded border border-gray-400 px-3 py-2 text-sm">Search</button>
        </form>
        {found.error ? (
          <p className="mt-2 text-red-700 dark:text-red-400">{found.error}</p>
        ) : found.datasets.length === 0 ? (
          <p className="mt-2 text-gray-600 dark:text-gray-400">{q ? "No dataset matches; type a full id above to evaluate it anyway." : "The hub lists no datasets."}</p>
        ) : (
          <ul className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            {found.datasets.map((d) => (
              <li key={d.id} className="rounded border border-gray-200 p-3 dark:border-gray-800">
                <Link href={`/evaluate?dataset=${encodeURIComponent(d.id)}`} className="font-medium">
                  {d.id}
                </Link>
                <p className="text-sm text-gray-600 dark:text-gray-400">
                  {d.evalTasks.length ? `One click: ${d.evalTasks.map((t) => TASKS[t].name).join(", ")}` : "Configure the mapping by hand"} · {d.downloads} downloads
                  {boardSet.has(d.id) && (
                    <>
                      {" · "}
                      <Link href={`/leaderboards/${d.id}`}>leaderboard</Link>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Leaderboards</h2>
        {boards.length === 0 ? (
          <p className="text-gray-600 dark:text-gray-400">No results yet: the first evaluation creates one.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {boards.map((b) => (
              <li key={b.dataset}>
                <Link href={`/leaderboards/${b.dataset}`}>{b.dataset}</Link> ({b.models} model{b.models === 1 ? "" : "s"})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Recent evaluations</h2>
        {recent.length === 0 ? (
          <p className="text-gray-600 dark:text-gray-400">Nothing submitted yet.</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {recent.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-3">
                <StatusBadge status={s.status} />
                <Link href={`/submissions/${s.id}`}>
                  {s.dataset} · {s.config}/{s.split} · {s.models} model{s.models === 1 ? "" : "s"}
                </Link>
                <time className="text-sm text-gray-600 dark:text-gray-400" dateTime={s.createdAt}>
                  {s.createdAt.replace("T", " ").slice(0, 16)} UTC
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
