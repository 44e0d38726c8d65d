/**
 * seqeval's default (conlleval-compatible) chunking: `get_entities` with its `end_of_chunk` /
 * `start_of_chunk` rules, ported from seqeval/metrics/sequence_labeling.py (chakki-works/seqeval
 * cd01b52). Any tag is accepted, as there (seqeval only warns): the first character is the chunk tag
 * and the rest after the first "-" the type ("B-PER"), or with `suffix` the last character and the
 * part before the last "-" ("PER-B"); an empty type is "_".
 */

/** A chunk in the flattened sequence's coordinates, attributed to the sentence holding its last token. */
export interface Chunk {
  type: string;
  start: number;
  end: number;
  sentence: number;
}

interface Parsed {
  tag: string;
  type: string;
}

/** Python `s[0]`, `s[1:]`, `s[-1]`, `s[:-1]` work on code points, not UTF-16 units. */
function parseTag(chunk: string, suffix: boolean): Parsed {
  const cps = Array.from(chunk);
  if (suffix) {
    const head = cps.slice(0, -1).join("");
    const k = head.lastIndexOf("-"); // chunk[:-1].rsplit('-', maxsplit=1)[0]
    return { tag: cps[cps.length - 1], type: (k >= 0 ? head.slice(0, k) : head) || "_" };
  }
  const rest = cps.slice(1).join("");
  const k = rest.indexOf("-"); // chunk[1:].split('-', maxsplit=1)[-1]
  return { tag: cps[0], type: (k >= 0 ? rest.slice(k + 1) : rest) || "_" };
}

function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === "E" || prevTag === "S") return true;
  if ((prevTag === "B" || prevTag === "I") && (tag === "B" || tag === "S" || tag === "O")) return true;
  return prevTag !== "O" && prevTag !== "." && prevType !== type;
}

function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === "B" || tag === "S") return true;
  if ((prevTag === "E" || prevTag === "S" || prevTag === "O") && (tag === "E" || tag === "I")) return true;
  return tag !== "O" && tag !== "." && prevType !== type;
}

/** Throws (with the sentence and position) for a tag seqeval cannot index: the empty string. */
export type BadTag = (sentence: number, position: number, tag: string) => never;

/**
 * `get_entities` on a list of sentences. Like seqeval, the sentences are joined with an "O" between
 * them (and one more at the end) and chunked as one sequence, so even the odd cross-sentence chunks
 * of malformed tags (e.g. a leading untyped "0") come out as in seqeval. Each chunk is attributed to
 * the sentence of its last token, which is never a separator (no rule ends a chunk on an "O").
 */
export function defaultChunks(sentences: readonly (readonly string[])[], suffix: boolean, bad: BadTag): Chunk[] {
  const cache = new Map<string, Parsed>();
  const chunks: Chunk[] = [];
  let prevTag = "O";
  let prevType = "";
  let prevSentence = -1;
  let begin = 0;
  let pos = 0;
  const step = (p: Parsed, sentence: number) => {
    if (endOfChunk(prevTag, p.tag, prevType, p.type)) chunks.push({ type: prevType, start: begin, end: pos - 1, sentence: prevSentence });
    if (startOfChunk(prevTag, p.tag, prevType, p.type)) begin = pos;
    prevTag = p.tag;
    prevType = p.type;
    prevSentence = sentence;
    pos++;
  };
  const outside: Parsed = { tag: "O", type: "_" };
  sentences.forEach((sentence, k) => {
    sentence.forEach((tag, j) => {
      let p = cache.get(tag);
      if (!p) {
        if (tag.length === 0) bad(k, j, tag);
        p = parseTag(tag, suffix);
        cache.set(tag, p);
      }
      step(p, k);
    });
    step(outside, -1);
  });
  step(outside, -1);
  return chunks;
}
