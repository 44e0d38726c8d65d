const COLORS: Record<string, string> = {
  queued: "bg-gray-200 text-gray-800 dark:bg-gray-800 dark:text-gray-200",
  running: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  succeeded: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  cancelled: "bg-gray-100 text-gray-600 line-through dark:bg-gray-900 dark:text-gray-400",
  partially_failed: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? COLORS.queued}`} data-status={status}>
      {status.replace("_", " ")}
    </span>
  );
}
