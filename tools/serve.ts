/**
 * `deno task serve [--port N] [DIR]`: serve the built site (default site/) on localhost.
 *
 * @module
 */
import { extname, join, normalize, resolve } from "node:path";
import { ROOT } from "./project.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".ipynb": "application/x-ipynb+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
};

/** A request handler serving files under `dir`. */
export function siteHandler(dir: string): (req: Request) => Promise<Response> {
  const base = resolve(dir);
  return async (req) => {
    const url = new URL(req.url);
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (!file.startsWith(base + "/") && file !== base) {
      return new Response("Forbidden", { status: 403 });
    }
    try {
      const data = await Deno.readFile(file);
      return new Response(data, {
        headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  };
}

if (import.meta.main) {
  let port = 8000;
  let dir = join(ROOT, "site");
  for (let i = 0; i < Deno.args.length; i++) {
    const a = Deno.args[i];
    if (a === "--port") port = Number(Deno.args[++i]);
    else dir = resolve(a);
  }
  try {
    Deno.statSync(join(dir, "index.html"));
  } catch {
    console.error(`Cannot serve ${dir}: it has no index.html; run \`deno task book\` first`);
    Deno.exit(1);
  }
  Deno.serve({
    port,
    hostname: "127.0.0.1",
    onListen: ({ port }) => console.log(`Serving ${dir} at http://127.0.0.1:${port}/`),
  }, siteHandler(dir));
}
