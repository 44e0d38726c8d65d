/**
 * Child process of the memory benchmark, the straightforward way: download the whole parquet file
 * and decode every row into objects at once.
 */
import { parquetReadObjects } from "hyparquet";

const [url] = process.argv.slice(2);
const buffer = await (await fetch(url)).arrayBuffer();
const rows = await parquetReadObjects({ file: buffer, columns: ["sentence", "label"] });
console.log(JSON.stringify({ rows: rows.length }));
process.exit(0);
