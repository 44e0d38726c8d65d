/**
 * seqeval's strict mode: `seqeval.scheme` Token / Tokens / auto_detect, ported pattern for pattern
 * from chakki-works/seqeval cd01b52. A chunk must start, continue and end exactly as its scheme
 * says (IOB2: "I-PER" after "O" is no entity at all); a tag whose prefix the scheme does not allow
 * is an error, as in seqeval.
 */

export const SCHEME_NAMES = ["IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU"] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];

/** The prefixes seqeval knows (`Prefix` members); anything else is a KeyError there. */
const KNOWN_PREFIXES = "IOBESUL";
const ANY = KNOWN_PREFIXES;

type TagCond = "SAME" | "DIFF" | "ANY";
/** (previous token's allowed prefixes, current token's allowed prefixes, tag condition) */
type Pattern = readonly [string, string, TagCond];

interface Scheme {
  allowed: string;
  start: readonly Pattern[];
  inside: readonly Pattern[];
  end: readonly Pattern[];
}

const SCHEMES: Record<SchemeName, Scheme> = {
  IOB1: {
    allowed: "IOB",
    start: [["O", "I", "ANY"], ["I", "I", "DIFF"], ["B", "I", "ANY"], ["I", "B", "SAME"], ["B", "B", "SAME"]],
    inside: [["B", "I", "SAME"], ["I", "I", "SAME"]],
    end: [["I", "I", "DIFF"], ["I", "O", "ANY"], ["I", "B", "ANY"], ["B", "O", "ANY"], ["B", "I", "DIFF"], ["B", "B", "SAME"]],
  },
  IOE1: {
    allowed: "IOE",
    start: [["O", "I", "ANY"], ["I", "I", "DIFF"], ["E", "I", "ANY"], ["E", "E", "SAME"]],
    inside: [["I", "I", "SAME"], ["I", "E", "SAME"]],
    end: [["I", "I", "DIFF"], ["I", "O", "ANY"], ["I", "E", "DIFF"], ["E", "I", "SAME"], ["E", "E", "SAME"]],
  },
  IOB2: {
    allowed: "IOB",
    start: [[ANY, "B", "ANY"]],
    inside: [["B", "I", "SAME"], ["I", "I", "SAME"]],
    end: [["I", "O", "ANY"], ["I", "I", "DIFF"], ["I", "B", "ANY"], ["B", "O", "ANY"], ["B", "I", "DIFF"], ["B", "B", "ANY"]],
  },
  IOE2: {
    allowed: "IOE",
    start: [["O", "I", "ANY"], ["O", "E", "ANY"], ["E", "I", "ANY"], ["E", "E", "ANY"], ["I", "I", "DIFF"], ["I", "E", "DIFF"]],
    inside: [["I", "E", "SAME"], ["I", "I", "SAME"]],
    end: [["E", ANY, "ANY"]],
  },
  IOBES: {
    allowed: "IOBES",
    start: [[ANY, "B", "ANY"], [ANY, "S", "ANY"]],
    inside: [["B", "I", "SAME"], ["B", "E", "SAME"], ["I", "I", "SAME"], ["I", "E", "SAME"]],
    end: [["S", ANY, "ANY"], ["E", ANY, "ANY"]],
  },
  BILOU: {
    allowed: "BILOU",
    start: [[ANY, "B", "ANY"], [ANY, "U", "ANY"]],
    inside: [["B", "I", "SAME"], ["B", "L", "SAME"], ["I", "I", "SAME"], ["I", "L", "SAME"]],
    end: [["U", ANY, "ANY"], ["L", ANY, "ANY"]],
  },
};

export interface Token {
  prefix: string;
  tag: string;
}

export interface Entity {
  tag: string;
  start: number;
  /** Exclusive, as in seqeval.scheme. */
  end: number;
}

/** Why a tag cannot be read: `unknown` prefix (seqeval KeyError), `invalid` for the scheme (ValueError), `empty` (IndexError). */
export type TagProblem = { kind: "unknown" | "empty" } | { kind: "invalid"; scheme: SchemeName; allowed: string };

/** `Token(token, suffix)`: the prefix is the first (or, with suffix, last) character, the tag the rest without leading/trailing "-". */
export function parseToken(token: string, suffix: boolean): Token | TagProblem {
  if (token.length === 0) return { kind: "empty" };
  const cps = Array.from(token);
  const prefix = suffix ? cps[cps.length - 1] : cps[0];
  if (!KNOWN_PREFIXES.includes(prefix)) return { kind: "unknown" };
  const rest = (suffix ? cps.slice(0, -1) : cps.slice(1)).join("");
  return { prefix, tag: rest.replace(/^-+|-+$/g, "") || "_" };
}

function matches(prev: Token, cur: Token, patterns: readonly Pattern[]): boolean {
  for (const [p, c, cond] of patterns) {
    if (!p.includes(prev.prefix) || !c.includes(cur.prefix)) continue;
    if (cond === "ANY" || (cond === "SAME") === (prev.tag === cur.tag)) return true;
  }
  return false;
}

const OUTSIDE: Token = { prefix: "O", tag: "_" };

/**
 * `Tokens(tokens, scheme).entities` for one sentence. Returns the index of the first token whose
 * prefix the scheme does not allow instead, as seqeval raises there.
 */
export function strictEntities(tokens: readonly Token[], schemeName: SchemeName): Entity[] | { invalidAt: number } {
  const scheme = SCHEMES[schemeName];
  const ext = [...tokens, OUTSIDE];
  const isEnd = (i: number) => matches(ext[i - 1], ext[i], scheme.end);
  const forward = (start: number, prev: Token) => {
    for (let i = start; i < ext.length; i++) {
      if (matches(prev, ext[i], scheme.inside)) prev = ext[i];
      else return i;
    }
    return tokens.length - 1;
  };
  const entities: Entity[] = [];
  let prev = OUTSIDE;
  let i = 0;
  while (i < ext.length) {
    const token = ext[i];
    if (!scheme.allowed.includes(token.prefix)) return { invalidAt: i };
    if (matches(prev, token, scheme.start)) {
      const end = forward(i + 1, token);
      if (isEnd(end)) entities.push({ tag: token.tag, start: i, end });
      i = end;
    } else {
      i += 1;
    }
    prev = ext[i - 1];
  }
  return entities;
}

export function allowedPrefixes(scheme: SchemeName): string {
  return SCHEMES[scheme].allowed;
}

// auto_detect's accepted prefix sets, each as its sorted letters, tried in this order.
const DETECT: readonly [SchemeName, readonly string[]][] = [
  ["IOB2", ["IOB", "IB", "BO", "B"]],
  ["IOE2", ["IOE", "IE", "EO", "E"]],
  ["IOBES", ["IOBES", "IBES", "IOBE", "OBES", "IBE", "BES", "OBE", "BE", "S"]],
  ["BILOU", ["IOBLU", "IBLU", "IOBL", "OBLU", "IBL", "BLU", "OBL", "BL", "U"]],
].map(([name, sets]) => [name as SchemeName, (sets as string[]).map(sortLetters)]);

function sortLetters(s: string): string {
  return [...s].sort().join("");
}

/** `auto_detect` on the prefixes seen in the references; null when seqeval raises "This scheme is not supported". */
export function detectScheme(prefixes: ReadonlySet<string>): SchemeName | null {
  const key = sortLetters([...prefixes].join(""));
  for (const [name, sets] of DETECT) if (sets.includes(key)) return name;
  return null;
}
