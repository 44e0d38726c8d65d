"use client";

import { useEffect, useState } from "react";
import { buttonClass, inputClass, toggle, type CompatibleModel, type DatasetOptions, type Task } from "./form-types";

export const MAX_MODELS = 10;

async function fetchModels(query: Record<string, string>): Promise<CompatibleModel[]> {
  const res = await fetch(`/api/models?${new URLSearchParams(query)}`);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body.models as CompatibleModel[];
}

/**
 * Compatible models first (tagged with the dataset, most downloaded first), a search over the task's
 * other models, and any model id; each says how it would run, and models that cannot run are not selectable.
 */
export function ModelPicker(props: {
  task: Task;
  options: DatasetOptions;
  selected: string[];
  onChange: (models: string[]) => void;
}) {
  const { task, options, selected, onChange } = props;
  const [listed, setListed] = useState<CompatibleModel[]>([]);
  const [status, setStatus] = useState<{ loading?: boolean; error?: string }>({});
  const [search, setSearch] = useState("");
  const [byId, setById] = useState("");

  useEffect(() => {
    let live = true;
    setStatus({ loading: true });
    fetchModels({ task: task.id, dataset: options.dataset })
      .then((models) => live && (setListed(models), setStatus({})))
      .catch((err: Error) => live && setStatus({ error: err.message }));
    return () => {
      live = false;
    };
  }, [task.id, options.dataset]);

  const merge = (found: CompatibleModel[]) => setListed((cur) => [...cur, ...found.filter((m) => !cur.some((c) => c.id === m.id))]);

  async function runSearch() {
    setStatus({ loading: true });
    try {
      const found = await fetchModels({ task: task.id, search: search.trim(), limit: "20" });
      merge(found);
      setStatus(found.length ? {} : { error: `No ${task.name.toLowerCase()} model matches “${search.trim()}”.` });
    } catch (err) {
      setStatus({ error: (err as Error).message });
    }
  }

  async function addById() {
    const id = byId.trim();
    setStatus({ loading: true });
    try {
      const [model] = await fetchModels({ task: task.id, model: id });
      merge([model]);
      if (model.runner.kind !== "unavailable" && selected.length < MAX_MODELS) onChange([...new Set([...selected, model.id])]);
      setById("");
      setStatus({});
    } catch (err) {
      setStatus({ error: (err as Error).message });
    }
  }

  const otherTasks = options.models.filter((m) => m.task !== null && m.task !== task.pipelineTag);
  const full = selected.length >= MAX_MODELS;

  return (
    <fieldset className="space-y-2" aria-busy={status.loading ? "true" : "false"}>
      <legend className="font-semibold">
        5. Models ({selected.length}/{MAX_MODELS})
      </legend>
      {!status.loading && listed.length === 0 && (
        <p className="text-sm text-gray-600 dark:text-gray-400">No {task.name.toLowerCase()} model on the hub is tagged with this dataset; search for one or add any model id below.</p>
      )}
      {otherTasks.length > 0 && (
        <p className="text-sm text-gray-600 dark:text-gray-400">Also tagged with this dataset, for other tasks: {otherTasks.map((m) => `${m.id} (${m.task})`).join(", ")}.</p>
      )}
      <ul className="space-y-1" data-testid="model-list">
        {listed.map((m) => {
          const unavailable = m.runner.kind === "unavailable";
          return (
            <li key={m.id} data-model={m.id} data-runner={m.runner.kind}>
              <label className="flex flex-wrap items-center gap-x-2 text-sm">
                <input
                  type="checkbox"
                  name="models"
                  value={m.id}
                  checked={selected.includes(m.id)}
                  disabled={unavailable || (full && !selected.includes(m.id))}
                  onChange={() => onChange(toggle(selected, m.id))}
                />
                <span className="break-all">{m.id}</span>
                <RunnerBadge runner={m.runner} />
                <span className="text-gray-600 dark:text-gray-400">
                  {m.onDataset ? "tagged with this dataset · " : ""}
                  {m.downloads.toLocaleString("en")} downloads · {m.likes.toLocaleString("en")} likes
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {full && <p className="text-sm text-amber-800 dark:text-amber-300">{MAX_MODELS} models selected: unselect one to pick another.</p>}
      <div className="flex flex-wrap gap-2 pt-1">
        <label htmlFor="model-search" className="sr-only">Search models</label>
        <input id="model-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={`Search ${task.name.toLowerCase()} models`} className={`${inputClass} w-full sm:w-72`} />
        <button type="button" disabled={!search.trim() || status.loading} onClick={runSearch} className={buttonClass}>
          Search models
        </button>
      </div>
      <div className="flex flex-wrap gap-2">
        <label htmlFor="extra-model" className="sr-only">Add a model by id</label>
        <input id="extra-model" value={byId} onChange={(e) => setById(e.target.value)} placeholder="owner/model" className={`${inputClass} w-full sm:w-72`} />
        <button type="button" disabled={!byId.trim() || status.loading} onClick={addById} className={buttonClass}>
          Add model
        </button>
      </div>
      {status.loading && <p className="text-sm text-gray-600 dark:text-gray-400" role="status">Looking up models…</p>}
      {status.error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{status.error}</p>}
    </fieldset>
  );
}

function RunnerBadge({ runner }: { runner: CompatibleModel["runner"] }) {
  if (runner.kind === "local") return <span className="rounded bg-green-100 px-1.5 text-xs text-green-900 dark:bg-green-900 dark:text-green-100" title="Runs on this server with ONNX weights">local</span>;
  if (runner.kind === "remote") return <span className="rounded bg-sky-100 px-1.5 text-xs text-sky-900 dark:bg-sky-900 dark:text-sky-100" title="Runs on the endpoint the operator configured">remote</span>;
  return <span className="rounded bg-red-100 px-1.5 text-xs text-red-900 dark:bg-red-900 dark:text-red-100">not runnable: {runner.reason}</span>;
}
