// Private: lazy, idempotent and quiet loading of TensorFlow.js.
//
// tfjs is imported dynamically so that importing lib/mod.ts does not pay for
// it (about a second): only the functions of lib/tfjs load it.
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type * as TF from "npm:@tensorflow/tfjs@4.22.0";

export type Tf = typeof TF;

export interface TfState {
  tf: Tf;
  backend: "wasm" | "cpu";
  note: string;
}

let loaded: Promise<Tf> | undefined;
let current: TfState | undefined;
let pending: Promise<TfState> | undefined;

const NOISE =
  /tensorflow|tfjs|backend|platform|already (been )?registered|Hi there|wasm|kernel .* registered/i;

/** Run `fn` with tfjs's console chatter filtered out; other messages pass through. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { warn: console.warn, log: console.log, info: console.info };
  const filter = (orig: (...a: unknown[]) => void) => (...args: unknown[]) => {
    if (!NOISE.test(args.map(String).join(" "))) orig(...args);
  };
  console.warn = filter(saved.warn);
  console.log = filter(saved.log);
  console.info = filter(saved.info);
  try {
    return await fn();
  } finally {
    console.warn = saved.warn;
    console.log = saved.log;
    console.info = saved.info;
  }
}

function wasmDir(): string | undefined {
  const url = new URL("../../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url);
  if (url.protocol !== "file:") return undefined;
  try {
    Deno.statSync(new URL("tfjs-backend-wasm.wasm", url));
    return url.href;
  } catch {
    return undefined;
  }
}

async function load(): Promise<Tf> {
  loaded ??= quietly(async () => {
    // deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
    const tf = await import("npm:@tensorflow/tfjs@4.22.0");
    return tf as unknown as Tf;
  });
  return await loaded;
}

async function select(want: "wasm" | "cpu"): Promise<TfState> {
  const tf = await load();
  if (want === "wasm") {
    const dir = wasmDir();
    const why = await quietly(async () => {
      if (dir === undefined) return "the wasm files were not found under node_modules";
      try {
        // deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
        const wasm = await import("npm:@tensorflow/tfjs-backend-wasm@4.22.0");
        // setWasmPaths may only be called once, before the backend initializes.
        if (!wasmPathSet) wasm.setWasmPaths(dir);
        wasmPathSet = true;
        if (await tf.setBackend("wasm")) {
          await tf.ready();
          return "";
        }
        return "tf.setBackend('wasm') returned false";
      } catch (e) {
        return (e as Error).message;
      }
    });
    if (why === "") {
      return { tf, backend: "wasm", note: wasmNote(tf) };
    }
    await quietly(() => useCpu(tf));
    return {
      tf,
      backend: "cpu",
      note: `The wasm backend could not load (${why}); fell back to the cpu backend ` +
        `(same float32 arithmetic, slower).`,
    };
  }
  await quietly(() => useCpu(tf));
  return { tf, backend: "cpu", note: "cpu backend (plain JavaScript, float32)" };
}
let wasmPathSet = false;

/** Select the cpu backend and write one tensor: its "use tfjs-node" notice fires on first write. */
async function useCpu(tf: Tf): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
  tf.tensor1d([0]).dispose();
}

function wasmNote(tf: Tf): string {
  const simd = tf.env().getBool("WASM_HAS_SIMD_SUPPORT");
  const threads = tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT");
  return `wasm backend (float32${simd ? ", SIMD" : ""}${threads ? ", threads" : ", one thread"})`;
}

/** Load tfjs and select a backend, once; later calls reuse it. */
export async function getTf(want: "wasm" | "cpu" = "wasm"): Promise<TfState> {
  if (pending) {
    const s = await pending;
    // A failed wasm load stays on cpu: do not retry it on every call.
    if (s.backend === want || (want === "wasm" && s.note.startsWith("The wasm"))) return s;
  }
  pending = select(want).then((s) => (current = s));
  return await pending;
}

/** The state of the last initialization, if any. */
export function currentTf(): TfState | undefined {
  return current;
}
