/** Minimal argv parsing: `--key value`, `--flag`, repeated keys collected in order. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    else value = "true";
    options.set(key, [...(options.get(key) ?? []), value]);
  }
  return { positional, options };
}

export function one(args: ParsedArgs, key: string): string | undefined {
  return args.options.get(key)?.at(-1);
}

export class CliError extends Error {}

export function required(args: ParsedArgs, key: string): string {
  const v = one(args, key);
  if (!v || v === "true") throw new CliError(`--${key} is required`);
  return v;
}
