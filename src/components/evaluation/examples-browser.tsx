"use client";

import { useEffect, useId, useState } from "react";
import type { EvaluationExample, EvaluationExamplesPage } from "@/schemas/evaluation-examples";

export interface ExamplesBrowserProps {
  evaluationId: string;
  task: string;
  /** Label names (label tasks) or entity types (token classification); empty hides the filter. */
  labels: string[];
  initial?: { errorsOnly?: boolean; label?: string; predicted?: string; q?: string };
}

const PAGE_SIZE = 20;

/** Browses an evaluation's examples through GET /api/evaluations/{id}/examples. */
export function ExamplesBrowser({ evaluationId, task, labels, initial }: ExamplesBrowserProps) {
  const id = useId();
  const [errorsOnly, setErrorsOnly] = useState(initial?.errorsOnly ?? false);
  const [label, setLabel] = useState(initial?.label ?? "");
  const [predicted, setPredicted] = useState(initial?.predicted ?? "");
  const [search, setSearch] = useState(initial?.q ?? "");
  const [q, setQ] = useState(initial?.q ?? "");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<EvaluationExamplesPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  // Search as the user types, once they pause.
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (errorsOnly) params.set("errorsOnly", "true");
    if (label) params.set("label", label);
    if (predicted) params.set("predicted", predicted);
    if (q) params.set("q", q);
    const controller = new AbortController();
    setLoading(true);
    fetch(`/api/evaluations/${evaluationId}/examples?${params}`, { signal: controller.signal, cache: "no-store" })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
        setData(body as EvaluationExamplesPage);
        setError(null);
      })
      .catch((err: Error) => {
        if (err.name !== "AbortError") setError(err.message);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [evaluationId, errorsOnly, label, predicted, q, page]);

  const isTags = task === "token-classification";
  const from = data && data.examples.length ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? from + data.examples.length - (data.examples.length ? 1 : 0) : 0;
  return (
    <div className="space-y-3" data-testid="examples-browser">
      <form className="flex flex-wrap items-end gap-4" role="search" aria-label="Filter examples" onSubmit={(e) => e.preventDefault()}>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => { setErrorsOnly(e.target.checked); setPage(1); }} className="h-4 w-4" />
          Errors only
        </label>
        {labels.length > 0 && (
          <div className="flex flex-col text-sm">
            <label htmlFor={`${id}-label`}>{isTags ? "Entity type" : "Reference label"}</label>
            <select id={`${id}-label`} value={label} onChange={(e) => { setLabel(e.target.value); setPage(1); }} className="rounded border border-gray-300 bg-white px-2 py-1 dark:border-gray-700 dark:bg-gray-900">
              <option value="">Any</option>
              {labels.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </div>
        )}
        {labels.length > 0 && !isTags && (
          <div className="flex flex-col text-sm">
            <label htmlFor={`${id}-predicted`}>Predicted label</label>
            <select id={`${id}-predicted`} value={predicted} onChange={(e) => { setPredicted(e.target.value); setPage(1); }} className="rounded border border-gray-300 bg-white px-2 py-1 dark:border-gray-700 dark:bg-gray-900">
              <option value="">Any</option>
              {labels.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </div>
        )}
        {task !== "image-classification" && (
          <div className="flex min-w-0 flex-1 basis-48 flex-col text-sm">
            <label htmlFor={`${id}-q`}>Search the input text</label>
            <input id={`${id}-q`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} placeholder="e.g. film" className="w-full min-w-0 rounded border border-gray-300 bg-white px-2 py-1 dark:border-gray-700 dark:bg-gray-900" />
          </div>
        )}
      </form>
      {data?.errorRule && errorsOnly && <p className="text-xs text-gray-600 dark:text-gray-400">An error here means: {data.errorRule}.</p>}
      <p role="status" aria-live="polite" className="text-sm text-gray-700 dark:text-gray-300" data-testid="examples-status">
        {error
          ? ""
          : loading && !data
            ? "Loading examples…"
            : data && data.examples.length === 0
              ? "No example matches these filters."
              : data
                ? `Showing ${from}–${to}${data.total !== null ? ` of ${data.total}` : ""} example${data.total === 1 ? "" : "s"}${loading ? " (updating…)" : ""}`
                : ""}
      </p>
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load examples: {error}</p>}
      {data && data.examples.length > 0 && (
        <ol className="divide-y divide-gray-200 rounded border border-gray-200 dark:divide-gray-800 dark:border-gray-800" aria-busy={loading}>
          {data.examples.map((e) => <ExampleItem key={e.row} example={e} fields={data.fields} task={task} />)}
        </ol>
      )}
      <nav className="flex items-center gap-3 text-sm" aria-label="Examples pages">
        <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page === 1 || loading} className="rounded border border-gray-300 px-3 py-1 disabled:opacity-50 dark:border-gray-700">
          Previous
        </button>
        <span>Page {page}{data?.total ? ` of ${Math.max(1, Math.ceil(data.total / PAGE_SIZE))}` : ""}</span>
        <button type="button" onClick={() => setPage((p) => p + 1)} disabled={!data?.hasMore || loading} className="rounded border border-gray-300 px-3 py-1 disabled:opacity-50 dark:border-gray-700">
          Next
        </button>
      </nav>
    </div>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v === "" ? "(empty)" : v;
  return JSON.stringify(v);
}

function ExampleItem({ example: e, fields, task }: { example: EvaluationExample; fields: string[]; task: string }) {
  return (
    <li className="space-y-1 p-3 text-sm" data-row={e.row} data-correct={e.correct}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-mono text-gray-600 dark:text-gray-400">row {e.row}</span>
        <span className={`rounded px-1.5 py-0.5 font-medium ${e.correct ? "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200" : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200"}`}>
          {e.correct ? "correct" : "error"}
        </span>
      </div>
      {task === "token-classification" && Array.isArray(e.input.tokens) ? (
        <TagGrid tokens={e.input.tokens as string[]} prediction={e.prediction as string[]} reference={e.reference as string[]} />
      ) : (
        <>
          {fields.map((f) => (
            <p key={f} className="break-words" data-field={f}>
              {fields.length > 1 && <span className="mr-1 text-xs uppercase text-gray-600 dark:text-gray-400">{f}</span>}
              {Array.isArray(e.input[f]) ? (e.input[f] as unknown[]).map(show).join(" | ") : show(e.input[f])}
            </p>
          ))}
          <p className="flex flex-wrap gap-x-6 gap-y-1">
            <span><span className="text-gray-600 dark:text-gray-400">Predicted:</span> <span className="font-medium" data-testid="prediction">{show(task === "question-answering" ? (e.prediction as { prediction_text?: string })?.prediction_text : e.prediction)}</span></span>
            <span><span className="text-gray-600 dark:text-gray-400">Reference:</span> <span className="font-medium" data-testid="reference">{show(task === "question-answering" ? (e.reference as { answers?: { text: string[] } })?.answers?.text : e.reference)}</span></span>
            {e.scores && (
              <span className="text-gray-600 dark:text-gray-400">
                {Object.entries(e.scores).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, s]) => `${l} ${s.toFixed(3)}`).join(" · ")}
              </span>
            )}
          </p>
        </>
      )}
    </li>
  );
}

/** Tokens with the predicted and reference tag under each; mismatches highlighted. */
function TagGrid({ tokens, prediction, reference }: { tokens: string[]; prediction: string[]; reference: string[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-xs">
        <tbody>
          <tr><th scope="row" className="pr-2 text-left font-normal text-gray-600 dark:text-gray-400">token</th>{tokens.map((t, i) => <td key={i} className="whitespace-nowrap px-1 font-medium">{t}</td>)}</tr>
          <tr><th scope="row" className="pr-2 text-left font-normal text-gray-600 dark:text-gray-400">predicted</th>{tokens.map((_, i) => <td key={i} className={`whitespace-nowrap px-1 font-mono ${prediction[i] !== reference[i] ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : ""}`}>{prediction[i] ?? "—"}</td>)}</tr>
          <tr><th scope="row" className="pr-2 text-left font-normal text-gray-600 dark:text-gray-400">reference</th>{tokens.map((_, i) => <td key={i} className="whitespace-nowrap px-1 font-mono">{reference[i] ?? "—"}</td>)}</tr>
        </tbody>
      </table>
    </div>
  );
}
