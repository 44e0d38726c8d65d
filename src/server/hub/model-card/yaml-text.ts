import type { Document, ScalarTag, Tags, ToStringOptions } from "yaml";

/** Line ending of a file, as huggingface_hub's `_detect_line_ending` (lone `\r` is treated as `\n`). */
export function detectEol(content: string): "\n" | "\r\n" {
  const cr = count(content, "\r");
  const lf = count(content, "\n");
  const crlf = count(content, "\r\n");
  return crlf > 0 && crlf === cr && crlf === lf ? "\r\n" : "\n";
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Converts the `\n` the yaml library emits to the file's own line ending. */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  return eol === "\n" ? text : text.replace(/\r?\n/g, eol);
}

/**
 * PyYAML-like output: YAML 1.1 quoting (so `yes`, `no`, `on`, dates stay strings for Python
 * readers), no line folding, `{a: 1}` flow maps, and sequences not indented under their key unless
 * the file does so.
 */
export function toStringOptions(indentSeq: boolean): ToStringOptions {
  return { indentSeq, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };
}

/**
 * PyYAML reads `1e-07` as a string: its floats need a dot. JavaScript writes `1e-7` and `1e+21`, so
 * give those a `.0` (`1.0e-7`), which every YAML reader takes as a number.
 */
function withPythonExponents(tags: Tags): Tags {
  return tags.map((tag) => {
    const scalar = tag as ScalarTag;
    if (!/:(?:int|float)$/.test(scalar.tag) || !scalar.stringify) return tag;
    const stringify = scalar.stringify;
    return {
      ...scalar,
      stringify: (...args: Parameters<typeof stringify>) =>
        stringify(...args).replace(/^([-+]?\d+)(e[-+]\d+)$/i, "$1.0$2"),
    };
  });
}

/**
 * Options for every Document here: PyYAML's `safe_load` reads YAML 1.1, so plain strings that 1.1
 * would read as booleans, numbers or dates get quoted on output.
 */
export const PARSE_OPTIONS = { version: "1.1", customTags: withPythonExponents } as const;

/** Stable identity of a plain value: key order, `null` and `undefined` do not matter. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => normalize(v) ?? null);
  if (typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = normalize((value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** First line of a yaml library error message (the rest is a source excerpt). */
export function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

export type YamlDoc = Document.Parsed;
