import { z } from "zod";
import type { TaskDefinition } from "./types";

/** One task parameter as a form renders it. */
export interface ParameterField {
  name: string;
  type: "integer" | "number" | "string" | "enum";
  description: string;
  default?: string | number;
  options?: string[];
  min?: number;
  max?: number;
}

type JsonSchemaProperty = { type?: string; enum?: string[]; default?: string | number; description?: string; minimum?: number; maximum?: number };

/** A task's parameters for the form, read from its zod schema (so the form and the API agree). */
export function parameterFields(task: Pick<TaskDefinition, "parametersSchema">): ParameterField[] {
  const schema = z.toJSONSchema(task.parametersSchema as z.ZodType, { io: "input" }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.enum ? "enum" : p.type === "integer" ? "integer" : p.type === "number" ? "number" : "string",
    description: p.description ?? "",
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.enum ? { options: p.enum } : {}),
    ...(p.minimum !== undefined ? { min: p.minimum } : {}),
    ...(p.maximum !== undefined ? { max: p.maximum } : {}),
  }));
}
