import { AppError } from "@/server/errors";
import { loadTransformers, modelLoadError, type LocalModelOptions } from "./local-model";

export type ImageClassifierOptions = LocalModelOptions;

/** Why one image of a batch produced no logits (the rest of the batch still ran). */
export interface ImageItemError {
  error: string;
}

export interface ImageClassifier {
  /** Logits per image in id order (`labels[i]` is the name of column i), or why that image could not be used. */
  classify(images: Uint8Array[]): Promise<(number[] | ImageItemError)[]>;
  /** The model's labels in id order (`config.id2label`; `LABEL_i` where it names none). */
  labels: string[];
  runner: { name: "local"; library: string; dtype: "fp32"; imageSize: number | null };
  dispose(): Promise<void>;
}

type Tensor = { dims: number[]; data: Float32Array | ArrayLike<number> };

/** Labels in id order from `id2label` (keys "0", "1", ...); the count is the largest id + 1. */
export function labelsFromConfig(id2label: Record<string, string> | undefined): string[] {
  const entries = Object.entries(id2label ?? {}).filter(([k]) => /^\d+$/.test(k));
  const count = entries.reduce((n, [k]) => Math.max(n, Number(k) + 1), 0);
  const labels = Array.from({ length: count }, (_, i) => `LABEL_${i}`);
  for (const [k, v] of entries) labels[Number(k)] = v;
  return labels;
}

/** The square (or height) size the image processor resizes to, or null when it keeps the input size. */
function processorImageSize(processor: { do_resize?: boolean; size?: unknown }, config: { image_size?: unknown }): number | null {
  const size = processor.size as number | { height?: number; width?: number; shortest_edge?: number } | undefined;
  if (processor.do_resize !== false && size !== undefined) {
    if (typeof size === "number") return size;
    if (typeof size.height === "number") return size.height;
    if (typeof size.shortest_edge === "number") return size.shortest_edge;
  }
  return typeof config.image_size === "number" ? config.image_size : null;
}

/**
 * Loads an ONNX image-classification model (transformers.js layout: config.json,
 * preprocessor_config.json, onnx/model.onnx) from the configured hub and returns raw logits.
 * Images are decoded one by one, so a corrupt one costs only its own row; images the processor
 * brings to the same size run as one batch.
 */
export async function loadImageClassifier(opts: ImageClassifierOptions): Promise<ImageClassifier> {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  let processor: Awaited<ReturnType<typeof tf.AutoImageProcessor.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForImageClassification.from_pretrained>>;
  try {
    processor = await tf.AutoImageProcessor.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForImageClassification.from_pretrained(opts.model, modelOptions);
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  const config = model.config as unknown as { id2label?: Record<string, string>; image_size?: unknown };
  const labels = labelsFromConfig(config.id2label);
  if (labels.length === 0) {
    await model.dispose();
    throw new AppError("UNPROCESSABLE", `Model ${opts.model} has no id2label in config.json, so its outputs cannot be matched to labels.`, { field: "models" });
  }
  const imageSize = processorImageSize(processor as unknown as { do_resize?: boolean; size?: unknown }, config);

  async function preprocess(bytes: Uint8Array): Promise<Tensor | ImageItemError> {
    let image: InstanceType<typeof tf.RawImage>;
    try {
      image = await tf.RawImage.fromBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    } catch (err) {
      return { error: `image could not be decoded: ${oneLine(err)}` };
    }
    try {
      const { pixel_values } = (await processor(image)) as { pixel_values: Tensor };
      return pixel_values;
    } catch (err) {
      return { error: `image could not be preprocessed: ${oneLine(err)}` };
    }
  }

  return {
    labels,
    runner: { name: "local", library, dtype: "fp32", imageSize },
    async classify(images) {
      const prepared = await Promise.all(images.map(preprocess));
      const out: (number[] | ImageItemError)[] = prepared.map((p) => ("error" in p ? p : []));
      // Group by input shape: one forward pass per distinct size (usually exactly one).
      const groups = new Map<string, number[]>();
      prepared.forEach((p, i) => {
        if ("error" in p) return;
        const key = p.dims.join("x");
        groups.set(key, [...(groups.get(key) ?? []), i]);
      });
      for (const indices of groups.values()) {
        const batch = tf.cat(indices.map((i) => prepared[i] as InstanceType<typeof tf.Tensor>), 0);
        const result = (await model({ pixel_values: batch })) as { logits?: Tensor };
        const logits = result.logits;
        if (!logits || logits.dims.length !== 2 || logits.dims[0] !== indices.length || logits.dims[1] !== labels.length) {
          throw new AppError(
            "UNPROCESSABLE",
            `Model ${opts.model} returned logits of shape [${logits?.dims.join(", ") ?? "none"}] for ${indices.length} image(s); expected [${indices.length}, ${labels.length}] (one score per label of config.id2label).`,
            { field: "models" },
          );
        }
        const cols = labels.length;
        indices.forEach((imageIndex, row) => {
          out[imageIndex] = Array.from({ length: cols }, (_, c) => Number(logits.data[row * cols + c]));
        });
      }
      return out;
    },
    async dispose() {
      await model.dispose();
    },
  };
}

/** The error's message on one line (sharp puts libvips' reason on the lines after "corrupt header:"). */
function oneLine(err: unknown): string {
  const text = ((err as Error)?.message ?? String(err)).replace(/\s+/g, " ").replace(/[\s:]+$/, "").trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
