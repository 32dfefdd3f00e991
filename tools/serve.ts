/**
 * `deno task serve [--port N] [DIR]`: serve the built site (default site/) on localhost.
 * `deno task serve --help` lists the options; a bad value exits 2.
 *
 * @module
 */
import { extname, join, normalize, resolve } from "node:path";
import { type CommandSpec, runCommand, userPath } from "./args.ts";
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

/** The command line of `deno task serve`. */
export const SERVE_COMMAND = {
  name: "deno task serve",
  summary: "Serve the built site on http://127.0.0.1:PORT/ (it also reads offline from file://).",
  positionals: [{
    name: "DIR",
    help: "the folder to serve, relative to where you run the task (default site/ in the project)",
    required: false,
  }],
  flags: {
    port: {
      type: "integer",
      min: 0,
      max: 65535,
      default: 8000,
      help: "the port; 0 picks a free one",
    },
  },
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(SERVE_COMMAND, Deno.args, ({ flags, positionals }) => {
    const dir = positionals[0] !== undefined ? userPath(positionals[0]) : join(ROOT, "site");
    try {
      Deno.statSync(join(dir, "index.html"));
    } catch {
      console.error(`Cannot serve ${dir}: it has no index.html; run \`deno task book\` first`);
      return 1;
    }
    Deno.serve({
      port: flags.port,
      hostname: "127.0.0.1",
      onListen: ({ port }) => console.log(`Serving ${dir} at http://127.0.0.1:${port}/`),
    }, siteHandler(dir));
    return undefined; // keep serving
  });
  if (code !== undefined) Deno.exit(code);
}
