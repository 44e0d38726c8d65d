import { readFileSync } from "node:fs";
import { mulberry32 } from "../sst2";
import { decodePng, encodePng, type RawRgb } from "./png";

export const COCO_IMAGE_URL = new URL("../../../data/coco-image/coco-000000039769-cats.png", import.meta.url);
export const COCO_SOURCE_URL = new URL("../../../data/coco-image/SOURCE.txt", import.meta.url);

/** Tiles are cut at full resolution: no resampling, so the pixels are the source's own. */
export const PATCH_SIZE = 16;
export const PATCH_SPLIT_SEED = 39769;
/** Share of each class's tiles held out for `validation` (rounded per class). */
export const VALIDATION_SHARE = 0.3;

export const MULTICLASS_LABELS = ["cat", "couch", "remote"] as const;
/** Binary: 1 is the positive class, as `average: binary` metrics expect. */
export const BINARY_LABELS = ["not_cat", "cat"] as const;

type Point = readonly [x: number, y: number];

/**
 * Outlines traced by eye on the 640x480 image (pixel coordinates, x right, y down), checked by
 * rendering every tile's label over the image. The remotes are their (slightly tilted) box corners,
 * the cats polygons around fur, ears, legs and paws. Everything else is the pink couch and the blanket
 * on it, which COCO annotates as one "couch" covering the whole frame.
 */
export const REGIONS: readonly { label: (typeof MULTICLASS_LABELS)[number]; name: string; outline: readonly Point[] }[] = [
  // Top-left, lying across the back cushion.
  { label: "remote", name: "remote-left", outline: [[42, 84], [172, 74], [175, 97], [50, 117]] },
  // Upright between the cats, its lower end under the right cat.
  { label: "remote", name: "remote-middle", outline: [[345, 78], [368, 82], [356, 187], [335, 182]] },
  {
    label: "cat",
    name: "cat-left",
    outline: [
      [37, 240], [67, 187], [97, 140], [140, 120], [173, 100], [200, 78], [220, 70], [260, 62], [287, 56], [290, 75],
      [300, 95], [310, 105], [300, 115], [290, 127], [277, 143], [290, 167], [307, 187], [315, 210], [300, 233],
      [280, 230], [253, 200], [233, 187], [207, 180], [187, 200], [167, 233], [160, 240], [157, 307], [187, 287],
      [217, 297], [207, 317], [187, 333], [163, 347], [140, 357], [87, 367], [67, 380], [67, 470], [40, 470], [33, 427],
      [33, 367], [20, 340], [13, 297], [33, 240],
    ],
  },
  {
    label: "cat",
    name: "cat-right",
    outline: [
      [397, 60], [420, 37], [453, 27], [480, 25], [507, 30], [533, 43], [560, 57], [587, 60], [613, 67], [638, 75],
      [639, 95], [635, 140], [620, 137], [580, 123], [547, 127], [537, 150], [520, 180], [507, 207], [510, 240],
      [517, 250], [540, 272], [575, 277], [585, 287], [577, 298], [553, 298], [540, 300], [545, 320], [563, 345],
      [570, 357], [565, 368], [553, 372], [540, 365], [533, 350], [520, 330], [510, 317], [493, 300], [477, 293],
      [463, 307], [460, 333], [430, 350], [383, 347], [353, 350], [360, 320], [355, 290], [357, 240], [353, 200],
      [357, 140], [365, 110], [373, 100], [383, 80],
    ],
  },
];

/** Even-odd ray casting: is the point inside the polygon? */
function inside([x, y]: Point, outline: readonly Point[]): boolean {
  let hit = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i]!;
    const [xj, yj] = outline[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** The multi-class label of a point: the first region containing it (remotes lie on top), else couch. */
export function labelAt(point: Point): (typeof MULTICLASS_LABELS)[number] {
  return REGIONS.find((r) => inside(point, r.outline))?.label ?? "couch";
}

export interface Patch {
  /** Tile index in row-major order over the image (the id that survives the split). */
  index: number;
  /** Top-left corner in the source image. */
  x: number;
  y: number;
  /** Id in MULTICLASS_LABELS. */
  label: number;
  /** Id in BINARY_LABELS. */
  binaryLabel: number;
  rgb: Uint8Array;
  png: Uint8Array;
}

export function readCocoImage(url: URL = COCO_IMAGE_URL): RawRgb {
  const image = decodePng(new Uint8Array(readFileSync(url)));
  if (image.channels !== 3) throw new Error(`expected an RGB image, got ${image.channels} channels`);
  return image;
}

/** Cuts the image into PATCH_SIZE tiles (row-major), each labelled by the region under its centre. */
export function cutPatches(image: RawRgb, size = PATCH_SIZE): Patch[] {
  const patches: Patch[] = [];
  const cols = Math.floor(image.width / size);
  const rows = Math.floor(image.height / size);
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < cols; tx++) {
      const x = tx * size;
      const y = ty * size;
      const rgb = new Uint8Array(size * size * 3);
      for (let r = 0; r < size; r++) {
        const start = ((y + r) * image.width + x) * 3;
        rgb.set(image.data.subarray(start, start + size * 3), r * size * 3);
      }
      const name = labelAt([x + size / 2, y + size / 2]);
      patches.push({
        index: ty * cols + tx,
        x,
        y,
        label: MULTICLASS_LABELS.indexOf(name),
        binaryLabel: name === "cat" ? 1 : 0,
        rgb,
        png: encodePng({ width: size, height: size, channels: 3, data: rgb }),
      });
    }
  }
  return patches;
}

export type PatchSplits = { train: Patch[]; validation: Patch[] };

/**
 * Seeded split, stratified by the multi-class label so even the rare remotes land in both splits.
 * Both configs use this one split: a tile is in `validation` for both or for neither, so no model
 * trained on one config's `train` has seen a `validation` tile of the other.
 */
export function splitPatches(patches: readonly Patch[], seed = PATCH_SPLIT_SEED): PatchSplits {
  const random = mulberry32(seed);
  const held = new Set<number>();
  for (let label = 0; label < MULTICLASS_LABELS.length; label++) {
    const group = patches.filter((p) => p.label === label).map((p) => p.index);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    for (const index of group.slice(0, Math.round(group.length * VALIDATION_SHARE))) held.add(index);
  }
  return { train: patches.filter((p) => !held.has(p.index)), validation: patches.filter((p) => held.has(p.index)) };
}

export function loadPatchSplits(): PatchSplits {
  return splitPatches(cutPatches(readCocoImage()));
}
