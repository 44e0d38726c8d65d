import type { Leaderboard } from "@/server/leaderboards/get-leaderboard";
import { metricLabel } from "@/server/metrics/labels";
import type { ViewParams } from "./leaderboard-href";

const control =
  "mt-1 block w-full rounded border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900";

function Select({ name, label, value, options, all }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[]; all?: string }) {
  return (
    <label className="block text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        {all && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * The view's selectors as a plain GET form: submitting it yields a URL that reproduces the view
 * (and works without JavaScript). The current sort travels along as hidden fields.
 */
export function LeaderboardFilters({ board, base, params }: { board: Leaderboard; base: string; params: ViewParams }) {
  const uniq = (xs: string[]) => [...new Set(xs)].sort().map((x) => ({ value: x, label: x }));
  return (
    <form method="get" action={base} role="search" aria-label="Leaderboard filters" className="grid grid-cols-1 gap-3 rounded border border-gray-200 p-3 sm:grid-cols-2 lg:grid-cols-4 dark:border-gray-800">
      <Select name="config" label="Config" value={params.config} options={uniq(board.available.map((a) => a.config))} all="All configs" />
      <Select name="split" label="Split" value={params.split} options={uniq(board.available.map((a) => a.split))} all="All splits" />
      <Select name="task" label="Task" value={params.task} options={uniq(board.tasks)} all="All tasks" />
      <Select
        name="metric"
        label="Rank by metric"
        value={params.metric ?? board.metric}
        options={(board.metrics.length ? board.metrics : [board.metric]).map((m) => ({ value: m, label: metricLabel(m) }))}
      />
      <label className="block text-sm sm:col-span-2">
        Search models
        <input type="search" name="search" defaultValue={params.search ?? ""} placeholder="model id contains…" className={control} />
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="verified" value="true" defaultChecked={board.verifiedOnly} />
        Verified only
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="selfReported" value="false" defaultChecked={!board.selfReported} />
        Hide self-reported
      </label>
      {params.sort && <input type="hidden" name="sort" value={params.sort} />}
      {params.dir && <input type="hidden" name="dir" value={params.dir} />}
      <div className="self-end">
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Apply filters
        </button>
      </div>
    </form>
  );
}
