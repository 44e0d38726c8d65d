"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import type { SubmissionView } from "@/server/evaluations/get-submission";
import { EvaluationRow } from "./evaluation-row";
import { NotificationNotice } from "./notification-notice";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);
const POLL_MS = 1000;
/** After everything ended, keep polling this long for the notification record to appear. */
const NOTICE_WAIT_MS = 60_000;

/** Polls GET /api/submissions/{id} while anything runs (and briefly after, for the notice); no reload needed. */
export function SubmissionLive({ initial }: { initial: SubmissionView }) {
  const [s, setS] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const done = s.evaluations.every((e) => ENDED.has(e.status));
  const noticeSettled = s.notification?.state === "sent" || (!s.username && !s.hasEmail) || (s.notifiedAt !== null && s.notification === null);

  const refresh = useCallback(async () => {
    try {
      const res = await fetch(`/api/submissions/${s.id}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      setS(await res.json());
      setPollError(null);
    } catch (err) {
      setPollError(`Live updates paused (${(err as Error).message}); retrying…`);
    }
  }, [s.id]);

  useEffect(() => {
    if (done && noticeSettled) return;
    const until = done ? Date.now() + NOTICE_WAIT_MS : Infinity;
    const timer = setInterval(() => {
      if (Date.now() > until) return clearInterval(timer);
      void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [done, noticeSettled, refresh]);

  const ended = s.evaluations.filter((e) => ENDED.has(e.status)).length;
  const leaderboard = `/leaderboards/${s.dataset}?${new URLSearchParams({ config: s.config, split: s.split })}`;
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="break-words text-2xl font-bold">
          {s.dataset} <span className="font-normal text-gray-500 dark:text-gray-400">· {s.config}/{s.split}</span>
        </h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <StatusBadge status={s.status} />
          <span data-testid="submission-summary">
            {ended} of {s.evaluations.length} ended{done ? "" : " · updating live"}
          </span>
          <span className="text-gray-600 dark:text-gray-400">{s.task}</span>
          <Link href={leaderboard}>Leaderboard</Link>
        </p>
      </header>
      <NotificationNotice s={s} />
      {pollError && (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-300">
          {pollError}
        </p>
      )}
      {s.evaluations.length === 0 ? (
        <p className="rounded border border-dashed border-gray-300 p-6 text-center text-gray-600 dark:border-gray-700 dark:text-gray-400">
          This submission has no evaluations. <Link href={`/evaluate?dataset=${encodeURIComponent(s.dataset)}`}>Start one</Link>.
        </p>
      ) : (
        <table className="block w-full text-sm sm:table">
          <caption className="sr-only">Evaluations of this submission, one row per model</caption>
          <thead className="sr-only sm:not-sr-only sm:table-header-group">
            <tr className="border-b border-gray-200 text-left dark:border-gray-800">
              <th scope="col" className="py-2 pr-4">Model</th>
              <th scope="col" className="py-2 pr-4">Progress</th>
              <th scope="col" className="py-2">Results and links</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {s.evaluations.map((e) => (
              <EvaluationRow key={e.id} s={s} e={e} onChanged={refresh} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
