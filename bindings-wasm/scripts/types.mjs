// Turns the JSON Schema printed by `cargo run -p waypost-wasm --example schemas` into
// TypeScript declarations: node scripts/types.mjs SCHEMA.json OUT.d.ts
// The schema comes from the Rust types, so the declarations are never written by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { compile } from "json-schema-to-typescript";

const [schemaPath, outPath] = process.argv.slice(2);
if (!schemaPath || !outPath) {
  console.error("usage: node scripts/types.mjs SCHEMA.json OUT.d.ts");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));

// A `$ref` with a sibling `description` (a field's doc) would make json-schema-to-typescript
// declare the referenced type a second time (`Policy1`); the type keeps its own doc.
function bareRefs(node) {
  if (Array.isArray(node)) return node.forEach(bareRefs);
  if (node === null || typeof node !== "object") return;
  if (typeof node.$ref === "string") {
    delete node.description;
    delete node.title;
  }
  Object.values(node).forEach(bareRefs);
}
bareRefs(schema);
const ts = await compile(schema, "WaypostTypes", {
  additionalProperties: false,
  bannerComment:
    "/* Generated from waypost's Rust types (through their JSON Schema) by bindings-wasm/scripts/types.mjs. Do not edit. */",
  format: true,
  style: { printWidth: 100 },
});
// An alias definition (`CrosswalkInput`: the accepted form is the returned one) is folded into
// its target by the compiler; declare it by name so signatures can use it.
const aliases = Object.entries(schema.$defs ?? {})
  .filter(([name, def]) => def.allOf?.length === 1 && def.allOf[0].$ref && !ts.includes(` ${name} `))
  .map(([name, def]) => `export type ${name} = ${def.allOf[0].$ref.split("/").pop()};\n`);
writeFileSync(outPath, ts + aliases.join(""));
