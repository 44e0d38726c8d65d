import { listTasks } from "@/server/tasks/list-tasks";
import { EvaluateForm } from "./evaluate-form";

type Params = Partial<Record<"dataset" | "config" | "split" | "task", string | string[]>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : undefined);

/** `/evaluate?dataset=&config=&split=&task=`: the form, preconfigured from the URL (e.g. a leaderboard's button). */
export default async function EvaluatePage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const tasks = listTasks();
  const task = one(params.task);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">New evaluation</h1>
      <EvaluateForm
        tasks={tasks}
        initialDataset={one(params.dataset) ?? ""}
        initialConfig={one(params.config)}
        initialSplit={one(params.split)}
        initialTask={tasks.some((t) => t.id === task) ? task : undefined}
      />
    </div>
  );
}
