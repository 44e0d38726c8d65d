"use client";

import { useState } from "react";

type Action = "cancel" | "retry";

/**
 * Cancel (queued or running) or Retry (failed or cancelled) one evaluation through
 * `POST /api/evaluations/{id}/{action}`. A refusal (409: the state changed meanwhile) is shown inline.
 */
export function EvaluationActions({ id, model, status, onChanged }: { id: string; model: string; status: string; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const action: Action | null = status === "queued" || status === "running" ? "cancel" : status === "failed" || status === "cancelled" ? "retry" : null;
  if (!action) return null;

  async function run(a: Action) {
    setBusy(a);
    setError(null);
    try {
      const res = await fetch(`/api/evaluations/${id}/${a}`, { method: "POST" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setError(body?.error ?? `The server answered ${res.status}.`);
      }
      // Done or refused (it changed meanwhile), the row no longer shows the current state: fetch it.
      await onChanged();
    } catch {
      setError("The server could not be reached; try again.");
    } finally {
      setBusy(null);
    }
  }

  const label = action === "cancel" ? "Cancel" : "Retry";
  const style =
    action === "cancel"
      ? "border-gray-300 text-gray-800 hover:bg-gray-100 dark:border-gray-700 dark:text-gray-200 dark:hover:bg-gray-800"
      : "border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-700 dark:border-indigo-500 dark:bg-indigo-500";
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => run(action)}
        disabled={busy !== null}
        aria-label={`${label} evaluation of ${model}`}
        className={`rounded border px-3 py-1 text-sm font-medium disabled:cursor-wait disabled:opacity-60 ${style}`}
      >
        {busy ? (action === "cancel" ? "Cancelling…" : "Retrying…") : label}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="action-error">
          {error}
        </p>
      )}
    </div>
  );
}
