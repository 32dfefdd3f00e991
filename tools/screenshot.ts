/**
 * `deno task screenshot PAGE OUT.png [--width N] [--dark] [--selector CSS]`:
 * open a page of the built site in headless Chromium and save a screenshot
 * (the full page, or the first element matching the selector). Console
 * errors are printed. Chromium: $CHROMIUM or /usr/bin/chromium. Paths are
 * relative to where the task was run; `--help` lists the options.
 *
 * @module
 */
import { type CommandSpec, runCommand, userPath } from "./args.ts";
import { withChromium } from "./chromium.ts";

/** The command line of `deno task screenshot`. */
export const SCREENSHOT_COMMAND = {
  name: "deno task screenshot",
  summary: "Open a page of the built site in headless Chromium and save a screenshot: the full " +
    "page, or the first element matching --selector. Console errors are printed. Chromium: " +
    "$CHROMIUM or /usr/bin/chromium.",
  positionals: [
    {
      name: "PAGE",
      help: "a file of the site or a URL (files relative to where you run the task)",
    },
    { name: "OUT", help: "the PNG file to write (relative to where you run the task)" },
  ],
  flags: {
    width: {
      type: "integer",
      min: 100,
      max: 10000,
      default: 1200,
      help: "viewport width in pixels",
    },
    dark: { type: "boolean", help: "prefer the dark color scheme" },
    selector: { type: "string", value: "CSS", help: "screenshot only the first matching element" },
  },
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(SCREENSHOT_COMMAND, Deno.args, async ({ flags, positionals }) => {
    const [page, outArg] = positionals;
    const out = userPath(outArg);
    const url = /^[a-z]+:\/\//.test(page) ? page : `file://${userPath(page)}`;
    const options = {
      viewport: { width: flags.width ?? 1200, height: 900 },
      colorScheme: flags.dark ? "dark" as const : "light" as const,
    };
    try {
      return await withChromium(options, async (ctx) => {
        const p = await ctx.newPage();
        p.on("console", (m) => m.type() === "error" && console.error(`console error: ${m.text()}`));
        await p.goto(url);
        if (flags.selector) await p.locator(flags.selector).first().screenshot({ path: out });
        else await p.screenshot({ path: out, fullPage: true });
        console.log(`wrote ${out}`);
        return 0;
      });
    } catch (e) {
      console.error(`Cannot take a screenshot of ${page}: ${(e as Error).message.split("\n")[0]}`);
      return 1;
    }
  });
  Deno.exit(code ?? 0);
}
