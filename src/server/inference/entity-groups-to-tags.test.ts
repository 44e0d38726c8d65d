import { describe, expect, it } from "vitest";
import { entityGroupsToWordTags } from "./entity-groups-to-tags";

// "Bill Clinton flew to New York ." : Bill 0-4, Clinton 5-12, flew 13-17, to 18-20, New 21-24, York 25-29, . 30-31
const words = ["Bill", "Clinton", "flew", "to", "New", "York", "."];

describe("entityGroupsToWordTags", () => {
  it("tags B- on the first word a group covers and I- on the following ones", () => {
    const groups = [
      { entity_group: "PER", start: 0, end: 12 },
      { entity_group: "LOC", start: 21, end: 29 },
    ];
    expect(entityGroupsToWordTags(words, groups)).toEqual(["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "O"]);
  });

  it("keeps adjacent groups of the same type apart (B- then B-)", () => {
    const groups = [
      { entity_group: "PER", start: 0, end: 4 },
      { entity_group: "PER", start: 5, end: 12 },
    ];
    expect(entityGroupsToWordTags(words, groups)).toEqual(["B-PER", "B-PER", "O", "O", "O", "O", "O"]);
  });

  it("counts any overlap: a group on part of a word (a sub-word piece) or spanning the space tags the whole word", () => {
    expect(entityGroupsToWordTags(words, [{ entity_group: "PER", start: 8, end: 12 }])[1]).toBe("B-PER");
    // 20..22 starts on the space before "New" and ends inside it.
    expect(entityGroupsToWordTags(words, [{ entity_group: "LOC", start: 20, end: 22 }])).toEqual(["O", "O", "O", "O", "B-LOC", "O", "O"]);
    // Ending exactly where a word starts (end is exclusive) does not touch it.
    expect(entityGroupsToWordTags(words, [{ entity_group: "LOC", start: 13, end: 21 }])).toEqual(["O", "O", "B-LOC", "I-LOC", "O", "O", "O"]);
  });

  it("strips a B-/I- prefix the model put on the group label", () => {
    const groups = [
      { entity_group: "I-LOC", start: 21, end: 29 },
      { entity_group: "B-PER", start: 0, end: 4 },
    ];
    expect(entityGroupsToWordTags(words, groups)).toEqual(["B-PER", "O", "O", "O", "B-LOC", "I-LOC", "O"]);
  });

  it("leaves labels that only look like prefixes alone", () => {
    expect(entityGroupsToWordTags(["IBM"], [{ entity_group: "B-", start: 0, end: 3 }])).toEqual(["B-B-"]);
    expect(entityGroupsToWordTags(["IBM"], [{ entity_group: "BIO", start: 0, end: 3 }])).toEqual(["B-BIO"]);
  });

  it("orders groups by start and lets the first one keep a word both overlap", () => {
    const groups = [
      { entity_group: "LOC", start: 5, end: 17 },
      { entity_group: "PER", start: 0, end: 12 },
    ];
    expect(entityGroupsToWordTags(words, groups)).toEqual(["B-PER", "I-PER", "B-LOC", "O", "O", "O", "O"]);
  });

  it("counts offsets in code points, as Python does, so an emoji shifts later words by one", () => {
    // "🎬 at Paris": 🎬 0-1, at 2-4, Paris 5-10 (JS string indices would say 6-11).
    expect(entityGroupsToWordTags(["🎬", "at", "Paris"], [{ entity_group: "LOC", start: 5, end: 10 }])).toEqual(["O", "O", "B-LOC"]);
  });

  it("ignores empty, inverted and out-of-range groups, and never tags an empty word", () => {
    const groups = [
      { entity_group: "PER", start: 3, end: 3 },
      { entity_group: "PER", start: 10, end: 2 },
      { entity_group: "PER", start: 100, end: 120 },
      { entity_group: "PER", start: Number.NaN, end: 4 },
    ];
    expect(entityGroupsToWordTags(words, groups)).toEqual(words.map(() => "O"));
    // ["a", "", "b"] joins to "a  b": the empty word sits at 2..2 and cannot be overlapped.
    expect(entityGroupsToWordTags(["a", "", "b"], [{ entity_group: "X", start: 0, end: 4 }])).toEqual(["B-X", "O", "I-X"]);
  });

  it("returns O for every word when there are no groups, and [] for no words", () => {
    expect(entityGroupsToWordTags(words, [])).toEqual(words.map(() => "O"));
    expect(entityGroupsToWordTags([], [{ entity_group: "PER", start: 0, end: 4 }])).toEqual([]);
  });
});
