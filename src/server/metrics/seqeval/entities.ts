import { MetricInputError } from "../types";
import { defaultChunks } from "./chunks";
import { SCHEME_NAMES, allowedPrefixes, detectScheme, parseToken, strictEntities, type SchemeName, type Token } from "./scheme";

type Tags = readonly string[];
export type Side = "predictions" | "references";

/** The arguments that decide how tags become entities. */
export interface EntityOptions {
  suffix: boolean;
  scheme: SchemeName | null;
  mode: "strict" | null;
}

/** An entity of one side; equal keys mean the same sentence, span and type. */
export interface Entity {
  sentence: number;
  type: string;
  key: string;
}

export function fail(side: Side, index: number, message: string): never {
  throw new MetricInputError(`${side}[${index}]: ${message}`, { index, field: side });
}

function defaultEntities(sentences: readonly Tags[], side: Side, suffix: boolean): Entity[] {
  const bad = (k: number, j: number) => fail(side, k, `tag ${j} is the empty string, which seqeval cannot read`);
  // Offsets are in the joined sequence, the same for both sides since sentence lengths match.
  return defaultChunks(sentences, suffix, bad).map((c) => ({ sentence: c.sentence, type: c.type, key: `${c.start}:${c.end}:${c.type}` }));
}

/** Parsed tags of one call: tag sets are small and sentences many, so each distinct tag is parsed once. */
type TagCache = Map<string, ReturnType<typeof parseToken>>;

function tokensOf(sentence: Tags, index: number, side: Side, suffix: boolean, cache: TagCache): Token[] {
  return sentence.map((tag, j) => {
    let t = cache.get(tag);
    if (!t) cache.set(tag, (t = parseToken(tag, suffix)));
    if ("prefix" in t) return t;
    if (t.kind === "empty") fail(side, index, `tag ${j} is the empty string, which seqeval cannot read`);
    fail(side, index, `tag ${j} "${tag}" has no IOBES/BILOU prefix letter (expected one of I, O, B, E, S, U, L ${suffix ? "at the end" : "at the start"})`);
  });
}

function strictSide(sentences: readonly Tags[], side: Side, scheme: SchemeName, suffix: boolean, cache: TagCache): Entity[] {
  const out: Entity[] = [];
  sentences.forEach((sentence, k) => {
    const found = strictEntities(tokensOf(sentence, k, side, suffix, cache), scheme);
    if ("invalidAt" in found) {
      fail(side, k, `tag ${found.invalidAt} "${sentence[found.invalidAt]}" is not valid in the ${scheme} scheme (allowed prefixes: ${allowedPrefixes(scheme).split("").join(", ")})`);
    }
    for (const e of found) out.push({ sentence: k, type: e.tag, key: `${k}:${e.start}:${e.end}:${e.tag}` });
  });
  return out;
}

function resolveScheme(references: readonly Tags[], args: EntityOptions, cache: TagCache): SchemeName {
  if (args.scheme) return args.scheme;
  // evaluate's classification_report (v1) auto-detects the scheme from the references.
  const prefixes = new Set<string>();
  references.forEach((sentence, k) => tokensOf(sentence, k, "references", args.suffix, cache).forEach((t) => prefixes.add(t.prefix)));
  const detected = detectScheme(prefixes);
  if (!detected) {
    throw new MetricInputError(
      `mode "strict" without a scheme: cannot detect one from the references' prefixes {${[...prefixes].sort().join(", ")}}; pass scheme (one of ${SCHEME_NAMES.join(", ")})`,
      { field: "args.scheme" },
    );
  }
  return detected;
}

/**
 * Gold and predicted entities: seqeval's conlleval-style chunks by default, its scheme entities in
 * strict mode (references first, then predictions, the order in which seqeval raises on a bad tag).
 */
export function extractEntities(predictions: readonly Tags[], references: readonly Tags[], args: EntityOptions): { gold: Entity[]; pred: Entity[] } {
  if (args.mode !== "strict") {
    return { gold: defaultEntities(references, "references", args.suffix), pred: defaultEntities(predictions, "predictions", args.suffix) };
  }
  const cache: TagCache = new Map();
  const scheme = resolveScheme(references, args, cache);
  return {
    gold: strictSide(references, "references", scheme, args.suffix, cache),
    pred: strictSide(predictions, "predictions", scheme, args.suffix, cache),
  };
}
