// How long the mapping workbench takes from an edit to the updated report, in Chromium: the
// example programme (bsc-mental-health-nursing.toml) is opened in the workbench, then cells are
// clicked one after another; for each, the time from the start of the edit (the core's lossless
// `map`) to the report shown under the grid (the page's own showReport), read from the page's
// `performance.now()`, which the workbench records on <html data-wb-report-ms>.
// node bench/workbench.mjs [EDITS]   (after build.sh; WAYPOST_WWW names the built page)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const www = process.env.WAYPOST_WWW ?? join(here, "..", "..", "target", "www");
const edits = Number(process.argv[2] ?? 40);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

const server = createServer((request, response) => {
  const file = normalize(join(www, decodeURIComponent(new URL(request.url, "http://x").pathname).slice(1) || "index.html"));
  try {
    if (!file.startsWith(www + sep) || !statSync(file).isFile()) return void response.writeHead(404).end();
  } catch {
    return void response.writeHead(404).end();
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "text/plain" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForSelector("body[data-ready=true]");
await page.selectOption("#example", { label: "bsc-mental-health-nursing.toml" });
await page.click("#load-example");
await page.waitForSelector("#results:not([hidden])");
await page.click("#view-map");
await page.waitForSelector("#wb-main:not([hidden])");

// Cells spread over the grid: each click maps a statement, or steps a mapped one on.
const cells = await page.$$eval("#wb-grid td[data-code]", (tds) => tds.map((td) => [td.closest("tr").dataset.key, td.dataset.code]));
const times = [];
for (let i = 0; i < edits; i++) {
  const [key, code] = cells[(i * 7919) % cells.length];
  await page.evaluate(() => delete document.documentElement.dataset.wbReportMs);
  await page.click(`#wb-grid tr[data-key="${key}"] td[data-code="${code}"]`);
  await page.waitForFunction(() => document.documentElement.dataset.wbReportMs);
  times.push(Number(await page.evaluate(() => document.documentElement.dataset.wbReportMs)));
  await page.waitForTimeout(150); // past the workbench's gathering of quick edits
}
await browser.close();
server.close();

const sorted = [...times].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`edit → updated report, ${times.length} edits of the example programme in Chromium:`);
console.log(`  first ${times[0].toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, 90th percentile ${at(0.9).toFixed(1)} ms, slowest ${sorted.at(-1).toFixed(1)} ms`);
