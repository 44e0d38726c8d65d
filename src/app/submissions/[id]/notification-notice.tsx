import type { SubmissionView } from "@/server/evaluations/get-submission";
import { noticeFor } from "./notice-text";

const TONES = {
  info: "border-gray-200 bg-gray-50 text-gray-800 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-200",
  success: "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
};

/** The in-app notice: the notification's promise while running, then what each channel did. */
export function NotificationNotice({ s }: { s: SubmissionView }) {
  const notice = noticeFor(s);
  return (
    <section aria-label="Notification" aria-live="polite" className={`rounded border p-3 text-sm ${TONES[notice.tone]}`} data-testid="notification" data-state={s.notification?.state ?? "pending"}>
      {notice.lines.map((line, i) => (
        <p key={i} className={i === 0 ? "" : "mt-1"}>
          {line}
        </p>
      ))}
    </section>
  );
}
