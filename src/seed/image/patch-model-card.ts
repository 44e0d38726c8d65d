import { frontMatter } from "../dataset-card";
import { PATCH_SIZE, PATCH_SPLIT_SEED } from "./coco-patches";
import { PATCH_TRAINING, type TrainedPatchModel } from "./patch-models";
import { FEATURE_NAMES } from "./patch-onnx";

const GRAPHS = {
  grey: "ReduceMean over the channels gives a grey image; ReduceMean of it, and ReduceMean of the absolute difference between horizontally neighbouring grey pixels (Slice, Sub, Abs), give 2 features",
  color: "ReduceMean over height and width of `pixel_values` and of its square (Mul) give 6 features",
} as const;

/** A card with no scores on purpose: putting verified results into cards is EvalHub's job. */
export function buildPatchModelCard(model: TrainedPatchModel, opts: { datasetId: string }): string {
  const { spec } = model;
  const yaml = {
    license: "apache-2.0",
    library_name: "transformers.js",
    pipeline_tag: "image-classification",
    datasets: [opts.datasetId],
    tags: ["image-classification", "evalhub-demo", "vit", spec.features === "grey" ? "greyscale" : "color"],
  };
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny image classifier for the EvalHub demo: it ${spec.blurb}. It predicts the labels of the
\`${spec.config}\` config of [\`${opts.datasetId}\`](https://huggingface.co/datasets/${opts.datasetId})
(${model.labels.map((l) => `\`${l}\``).join(", ")}) for ${PATCH_SIZE}x${PATCH_SIZE} tiles of one photograph of two cats on a couch.

\`\`\`js
import { pipeline } from "@huggingface/transformers";
const classify = await pipeline("image-classification", "${spec.name}", { dtype: "fp32" });
await classify("tile.png");
\`\`\`

## Model

Not a vision transformer: \`config.json\` says \`model_type: "vit"\` only so that transformers.js runs the graph as a
\`ViTForImageClassification\` (input \`pixel_values\`, output \`logits\`); there are no PyTorch weights, and Python
transformers cannot load it. The image processor (\`preprocessor_config.json\`, ViTImageProcessor) resizes to
${PATCH_SIZE}x${PATCH_SIZE} (bilinear), scales to [0, 1] and normalises with mean 0.5 and std 0.5, so pixels are in [-1, 1].
The ONNX graph (opset 13) pools statistics, then applies a linear layer: ${GRAPHS[spec.features]}
(${FEATURE_NAMES[spec.features].join(", ")}); MatMul and Add give one logit per label. Height and width are dynamic
axes, so larger images work too, but the model has only ever seen ${PATCH_SIZE}x${PATCH_SIZE} tiles.

## Training

- Data: the \`train\` split of the \`${spec.config}\` config (${model.trainExamples} tiles, split with seed ${PATCH_SPLIT_SEED}).
  The \`validation\` split was not used for training or for any choice of settings.
- Weights: multinomial logistic regression on the features above, standardised, by full-batch gradient descent
  from zero weights (${PATCH_TRAINING.iterations} steps, learning rate ${PATCH_TRAINING.learningRate}, L2 ${PATCH_TRAINING.l2}); the
  standardisation is folded into the exported weights.
- Deterministic: no random initialisation or shuffling; rebuilding from the same data gives identical bytes.

## Limitations

${
  spec.features === "grey"
    ? "Without colour it cannot tell the pink couch from grey-brown fur of the same brightness; only edge strength (fur is\nstriped, the blanket is smooth) separates them, so expect clearly lower accuracy than the colour model."
    : `Average colour says nothing about shape: a tile of the same colours as a cat is a cat to this model.${
        spec.config === "multiclass" ? " Remotes are rare\n(a few dozen tiles), so their scores rest on very few examples." : ""
      }`
}
It has seen one photograph and exists to exercise evaluation tooling, not to classify real images.

## Data attribution

The training tiles come from COCO val2017 image 39769 (Lin et al., 2014) as distributed by huggingface/transformers;
see the dataset card for the source, licence and how the labels were made.
`;
  return frontMatter(yaml) + body;
}
