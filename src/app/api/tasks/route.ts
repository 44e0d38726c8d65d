import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { listTasks } from "@/server/tasks/list-tasks";

export const GET = route(async () => NextResponse.json({ tasks: listTasks() }));
