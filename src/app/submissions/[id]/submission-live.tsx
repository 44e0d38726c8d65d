"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { MetricValue } from "@/components/metric-value";
import { StatusBadge } from "@/components/status-badge";
import type { SubmissionView } from "@/server/evaluations/get-submission";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/** Polls the submission until every evaluation has ended; no reload needed. */
export function SubmissionLive({ initial }: { initial: SubmissionView }) {
  const [s, setS] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const done = s.evaluations.every((e) => ENDED.has(e.status));

  useEffect(() => {
    if (done) return;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(`/api/submissions/${s.id}`, { cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        setS(await res.json());
        setPollError(null);
      } catch (err) {
        setPollError(`Live updates paused: ${(err as Error).message}. Retrying…`);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [done, s.id]);

  const metrics = s.metrics;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        {s.dataset} <span className="text-gray-500">· {s.config}/{s.split}</span>
      </h1>
      <p className="flex items-center gap-2">
        <StatusBadge status={s.status} /> {done ? "All evaluations have ended." : "Updating live…"}{" "}
        <Link href={`/leaderboards/${s.dataset}?config=${encodeURIComponent(s.config)}&split=${encodeURIComponent(s.split)}`}>Leaderboard</Link>
      </p>
      {pollError && <p role="status" className="text-amber-700">{pollError}</p>}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2 pr-4">Model</th>
              <th className="py-2 pr-4">Status</th>
              <th className="py-2 pr-4">Progress</th>
              {metrics.map((m) => <th key={m} className="py-2 pr-4">{s.metricLabels?.[m] ?? m}</th>)}
              <th className="py-2 pr-4">Pull request</th>
            </tr>
          </thead>
          <tbody>
            {s.evaluations.map((e) => {
              const pct = Math.round(e.progress * 100);
              const eta = e.status === "running" && e.examplesPerSecond && e.total ? Math.max(0, Math.round((e.total - e.processed) / e.examplesPerSecond)) : null;
              return (
                <tr key={e.id} className="border-b align-top" data-model={e.model} data-status={e.status}>
                  <td className="py-2 pr-4"><Link href={`/evaluations/${e.id}`}>{e.model}</Link></td>
                  <td className="py-2 pr-4"><StatusBadge status={e.status} /></td>
                  <td className="py-2 pr-4">
                    <div className="h-2 w-32 rounded bg-gray-200 dark:bg-gray-800" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`Progress of ${e.model}`}>
                      <div className="h-2 rounded bg-indigo-600" style={{ width: `${pct}%` }} />
                    </div>
                    <span className="text-xs text-gray-500">
                      {e.processed}/{e.total ?? "?"}{e.examplesPerSecond ? ` · ${e.examplesPerSecond} ex/s` : ""}{eta !== null ? ` · ETA ${eta}s` : ""}
                    </span>
                  </td>
                  {metrics.map((m) => (
                    <td key={m} className="py-2 pr-4"><MetricValue value={e.results[m]} interval={e.intervals?.[m]} /></td>
                  ))}
                  <td className="py-2 pr-4">
                    {e.pullRequestUrl ? <a href={e.pullRequestUrl}>Open PR</a> : e.pullRequestError ? <span className="text-amber-700">{e.pullRequestError}</span> : s.createPr ? "—" : "private"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {s.evaluations.filter((e) => e.sampling || e.invalidRows?.count).map((e) => (
        <p key={`notes-${e.id}`} className="text-sm text-gray-700 dark:text-gray-300">
          <strong>{e.model}</strong>:{" "}
          {e.sampling && (
            <>evaluated on a seeded random sample of {e.sampling.size.toLocaleString("en")} of {e.sampling.population.toLocaleString("en")} rows ({e.sampling.rule}, seed {e.sampling.seed}). </>
          )}
          {e.invalidRows?.count ? (
            <>{e.invalidRows.count} row(s) could not be scored, e.g. row {e.invalidRows.examples[0]?.row} ({e.invalidRows.examples[0]?.column}: {e.invalidRows.examples[0]?.reason}).</>
          ) : null}
        </p>
      ))}
      {s.evaluations.filter((e) => e.failureReason).map((e) => (
        <p key={e.id} role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <strong>{e.model}</strong> failed: {e.failureReason}
        </p>
      ))}
    </div>
  );
}
