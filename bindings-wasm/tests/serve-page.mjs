// The built page served over HTTP for the journeys that need a web origin (downloads, the
// page as a server would give it): the files of `www` and nothing outside it, `/` being the
// single-file page.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves `www` on a free local port: its origin, and a function that stops the server. */
export async function servePage(www) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    const file = normalize(join(www, path.slice(1) || "waypost.html"));
    if (!file.startsWith(www + sep)) return void response.writeHead(403).end();
    try {
      if (!statSync(file).isFile()) return void response.writeHead(404).end();
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "text/plain; charset=utf-8", "cache-control": "no-store" });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
