// Runs core/examples/bench_check.rs compiled to wasm32-wasip1 under Node's WASI, so that
// compare.mjs can time the core as WebAssembly in the same engine as the package, with no
// JavaScript boundary at all. Prints what bench_check prints (one JSON object).
// node --no-warnings --no-turbo-fast-api-calls wasi.mjs BENCH_CHECK.wasm FOLDER [REPEAT]
// (without the second flag, Node 20 can crash after a long run: nodejs/node#46777).
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

const [wasm, folder, ...rest] = process.argv.slice(2);
if (!wasm || !folder) {
  console.error("usage: node --no-warnings --no-turbo-fast-api-calls wasi.mjs BENCH_CHECK.wasm FOLDER [REPEAT]");
  process.exit(2);
}
const wasi = new WASI({
  version: "preview1",
  args: ["bench_check", "/curricula", ...rest],
  preopens: { "/curricula": folder },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
