import { z } from "zod";

/** A class label as the `evaluate` library takes it: an integer id or a string name. */
export const LabelSchema = z.union([z.number().int(), z.string()]);
export const NumberSchema = z.number().finite();
export const TextSchema = z.string();
