/** One aggregated entity as the Inference API's token-classification task returns it. */
export interface EntityGroupSpan {
  entity_group: string;
  /** Character offsets into `words.join(" ")`, end exclusive, counted in Unicode code points (Python str indices). */
  start: number;
  end: number;
}

/** "B-PER" / "I-PER" → "PER"; any other label is already an entity type. */
function entityType(label: string): string {
  return /^[BI]-./.test(label) ? label.slice(2) : label;
}

/**
 * Word-level IOB2 tags from aggregated entity groups over the text `words.join(" ")`: a group tags
 * every word it overlaps by at least one character, B-X on the first and I-X on the others; words no
 * group touches are O. Groups are taken in order of their start offset, and a word keeps the first
 * group's tag when two overlap it. Offsets are code points, as the API (Python) counts them, so a
 * word with an emoji shifts later offsets by one, not two.
 */
export function entityGroupsToWordTags(words: string[], groups: EntityGroupSpan[], opts: { scheme?: "IOB2" } = {}): string[] {
  if (opts.scheme !== undefined && opts.scheme !== "IOB2") throw new Error(`unsupported tagging scheme ${String(opts.scheme)}`);
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (const word of words) {
    const length = Array.from(word).length;
    spans.push({ start: offset, end: offset + length });
    offset += length + 1;
  }
  const tags = words.map(() => "O");
  const ordered = groups
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => Number.isFinite(g.start) && Number.isFinite(g.end) && g.end > g.start)
    .sort((a, b) => a.g.start - b.g.start || a.i - b.i);
  const taken = new Set<number>();
  for (const { g } of ordered) {
    const type = entityType(g.entity_group);
    let inside = false;
    spans.forEach((span, w) => {
      if (span.end <= span.start || span.end <= g.start || span.start >= g.end || taken.has(w)) return;
      tags[w] = `${inside ? "I" : "B"}-${type}`;
      taken.add(w);
      inside = true;
    });
  }
  return tags;
}
