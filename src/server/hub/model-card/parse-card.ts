import { isMap, parseDocument } from "yaml";
import { CardParseError, type ModelCardErrorCode } from "./errors";
import { PARSE_OPTIONS, detectEol, firstLine, type YamlDoc } from "./yaml-text";

/** huggingface_hub `repocard.REGEX_YAML_BLOCK`, byte for byte (no flags: `^` is the start of the file). */
export const REGEX_YAML_BLOCK = /^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))/;

/** A model card split into its parts. */
export interface ParsedCard {
  /** The front matter as plain data (`{}` when there is none or it is empty). */
  metadata: Record<string, unknown>;
  /** Everything after the closing `---` line, verbatim; the whole file when there is no front matter. */
  body: string;
  /** Whether the file starts with a `---` block. */
  hasFrontMatter: boolean;
  /** The file's line ending (CRLF only when every line ends with CRLF). */
  eol: "\n" | "\r\n";
}

/** Where the front matter sits in the file. `yamlStart..yamlEnd` is the YAML text between the fences. */
export interface CardBlock {
  yamlStart: number;
  yamlEnd: number;
  /** Offset of the body (end of the closing fence line). */
  end: number;
  /** The parsed YAML, with comments and source ranges (relative to `yamlStart`). */
  doc: YamlDoc;
}

/**
 * Splits a README.md like huggingface_hub's `RepoCard.content` setter: the YAML block between
 * the first two `---` lines is parsed, the rest is the body, kept verbatim.
 *
 * @throws CardParseError when the YAML is malformed or is not a mapping.
 */
export function parseCard(content: string): ParsedCard {
  const block = locateCardBlock(content);
  const eol = detectEol(content);
  if (!block) return { metadata: {}, body: content, hasFrontMatter: false, eol };
  const data: unknown = block.doc.toJS();
  return {
    metadata: (data ?? {}) as Record<string, unknown>,
    body: content.slice(block.end),
    hasFrontMatter: true,
    eol,
  };
}

/** Finds and parses the front matter; `null` when the file has none. */
export function locateCardBlock(content: string): CardBlock | null {
  const match = REGEX_YAML_BLOCK.exec(content);
  if (!match) return null;
  const opening = match[1] ?? "";
  const yaml = match[2] ?? "";
  const yamlStart = opening.length;
  // Line numbers from the yaml library count from the block; report them for the whole file.
  const lineOffset = opening.split(/\r\n|\r|\n/).length - 1;
  return {
    yamlStart,
    yamlEnd: yamlStart + yaml.length,
    end: match.index + match[0].length,
    doc: parseFrontMatter(yaml, lineOffset),
  };
}

function parseFrontMatter(yaml: string, lineOffset: number): YamlDoc {
  const doc = parseYaml(yaml, "model card front matter", lineOffset);
  // An empty block (or a lone `~`) is `{}`, like `yaml.safe_load` returning None.
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && !isMap(doc.contents)) {
    const kind = Array.isArray(data) ? "a sequence" : "a scalar";
    throw new CardParseError(
      "CARD_YAML_NOT_MAPPING",
      `Model card front matter must be a YAML mapping, got ${kind}`,
    );
  }
  return doc;
}

/**
 * Parses YAML (1.1, as PyYAML) keeping comments and source ranges.
 *
 * @param what - Named in the error message, e.g. "model card front matter".
 * @param lineOffset - Lines before the YAML text in its file, so errors name the file's line.
 * @throws CardParseError with the first error's line and column.
 */
export function parseYaml(
  yaml: string,
  what: string,
  lineOffset = 0,
  code: ModelCardErrorCode = "CARD_YAML_INVALID",
): YamlDoc {
  const doc = parseDocument(yaml, PARSE_OPTIONS);
  const error = doc.errors[0];
  if (!error) return doc;
  const pos = error.linePos?.[0];
  const where = pos ? { line: pos.line + lineOffset, column: pos.col } : undefined;
  const at = where ? ` at line ${where.line}, column ${where.column}` : "";
  const reason = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, "");
  throw new CardParseError(code, `Invalid YAML in ${what}${at}: ${reason}`, where);
}
