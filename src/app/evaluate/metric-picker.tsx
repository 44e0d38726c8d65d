"use client";

import { useState } from "react";
import { toggle, type Task } from "./form-types";
import { loadMetricCard } from "./metric-card-action";

type Metric = Task["metrics"][number];

/** Metrics of the task: its defaults first (pre-selected), the other applicable ones grouped below, each with its card on hover or focus. */
export function MetricPicker({ task, selected, onChange }: { task: Task; selected: string[]; onChange: (metrics: string[]) => void }) {
  const [cards, setCards] = useState<Record<string, string | null>>({});
  const [shown, setShown] = useState<string | null>(null);
  const isDefault = (m: Metric) => (task.defaultMetrics as readonly string[]).includes(m.id);
  const defaults = task.metrics.filter(isDefault);
  const others = task.metrics.filter((m) => !isDefault(m));

  const show = (id: string) => {
    setShown(id);
    if (id in cards) return;
    setCards((c) => ({ ...c, [id]: null }));
    // The card's own "# Title" line repeats the tooltip's heading.
    void loadMetricCard(id).then((text) => setCards((c) => ({ ...c, [id]: (text ?? "").replace(/^# .*\n+/, "") })));
  };

  const row = (m: Metric) => (
    <li key={m.id} className="relative" onMouseEnter={() => show(m.id)} onMouseLeave={() => setShown((s) => (s === m.id ? null : s))}>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="metrics"
          value={m.id}
          className="mt-1"
          checked={selected.includes(m.id)}
          onChange={() => onChange(toggle(selected, m.id))}
          onFocus={() => show(m.id)}
          onBlur={() => setShown((s) => (s === m.id ? null : s))}
          onKeyDown={(e) => e.key === "Escape" && setShown(null)}
          aria-describedby={`metric-card-${m.id}`}
        />
        <span>
          {m.name} <span className="text-gray-600 dark:text-gray-400">— {m.description}</span>
        </span>
      </label>
      <div
        id={`metric-card-${m.id}`}
        role="tooltip"
        data-testid="metric-card"
        hidden={shown !== m.id}
        className="absolute left-6 top-full z-10 mt-1 max-h-80 w-[min(36rem,85vw)] overflow-y-auto rounded border border-gray-300 bg-white p-3 text-xs shadow-lg dark:border-gray-700 dark:bg-gray-900"
      >
        <p className="font-semibold">
          {m.name} · {m.higherIsBetter ? "higher is better" : "lower is better"}
        </p>
        {cards[m.id] ? (
          <pre className="mt-2 whitespace-pre-wrap font-sans">{cards[m.id]}</pre>
        ) : cards[m.id] === "" ? (
          <p className="mt-2">{m.description}</p>
        ) : (
          <p className="mt-2 text-gray-600 dark:text-gray-400">Loading the metric card…</p>
        )}
      </div>
    </li>
  );

  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">4. Metrics</legend>
      <p className="text-sm text-gray-600 dark:text-gray-400">Hover or focus a metric to read its card.</p>
      <h3 className="text-sm font-medium">Defaults for {task.name.toLowerCase()}</h3>
      <ul className="space-y-1">{defaults.map(row)}</ul>
      {others.length > 0 && (
        <>
          <h3 className="text-sm font-medium">Other applicable metrics</h3>
          <ul className="space-y-1">{others.map(row)}</ul>
        </>
      )}
    </fieldset>
  );
}
