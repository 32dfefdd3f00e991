// Private: the mathjs instance, parsing with field-naming errors, and the
// structural checks shared by analyzeExpression and symbolicDerivatives.
import { describe } from "../validate/describe.ts";
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import { all, create, type MathNode } from "npm:mathjs@15.2.0";
import { ExpressionError } from "./ExpressionError.ts";

export { describe };

/** One mathjs instance (number type: float64). */
export const math = create(all, { number: "number" });

/** Throw `Cannot <what>: <field>: <reason>`. */
export function fail(what: string, field: string, reason: string): never {
  throw new ExpressionError(`Cannot ${what}: ${field}: ${reason}`);
}

/** Parse mathjs syntax; a syntax error names the position (char N). */
export function parseExpression(text: unknown, what: string): MathNode {
  if (typeof text !== "string") {
    fail(what, "expression", `expected a string in mathjs syntax, got ${describe(text)}`);
  }
  if ((text as string).trim() === "") fail(what, "expression", "is empty");
  let node: MathNode;
  try {
    node = math.parse(text as string);
  } catch (e) {
    const err = e as Error & { char?: number };
    let msg = err.message;
    if (typeof err.char === "number" && !/char \d+/.test(msg)) msg += ` (char ${err.char})`;
    fail(what, "expression", `syntax error: ${msg}`);
  }
  return checkStructure(node!, what);
}

type AnyNode = MathNode & {
  type: string;
  name?: string;
  fn?: MathNode & { type: string; name?: string };
  op?: string;
};

/** Reject assignments, blocks and unknown functions; return the node. */
function checkStructure(node: MathNode, what: string): MathNode {
  node.traverse((n) => {
    const m = n as AnyNode;
    if (
      m.type === "AssignmentNode" || m.type === "FunctionAssignmentNode" ||
      m.type === "BlockNode"
    ) {
      fail(what, "expression", `expected a single expression, found ${m.type.replace("Node", "")}`);
    }
    if (m.type === "FunctionNode" && m.fn && m.fn.type === "SymbolNode") {
      const name = m.fn.name!;
      if (typeof (math as unknown as Record<string, unknown>)[name] !== "function") {
        fail(what, "expression", `unknown function "${name}"`);
      }
    }
  });
  return node;
}

/** The names of the symbols an expression reads as values (not function names). */
export function symbolsOf(node: MathNode): Set<string> {
  const out = new Set<string>();
  node.traverse((n, path) => {
    const m = n as AnyNode;
    if (m.type === "SymbolNode" && path !== "fn") out.add(m.name!);
  });
  return out;
}

/** Whether `name` is a mathjs constant (pi, e, i, Infinity, true, …). */
export function isConstant(name: string): boolean {
  const v = (math as unknown as Record<string, unknown>)[name];
  return typeof v === "number" || typeof v === "boolean" ||
    (v !== null && typeof v === "object" && (v as { isComplex?: boolean }).isComplex === true);
}

/** Whether `name` parses as a single mathjs symbol. */
export function isVariableName(name: string): boolean {
  try {
    const n = math.parse(name) as AnyNode;
    return n.type === "SymbolNode" && n.name === name;
  } catch {
    return false;
  }
}

/** d node / d name, unsimplified; an unsupported function becomes a field error. */
export function differentiate(node: MathNode, name: string, what: string, simplify: boolean) {
  try {
    return math.derivative(node, name, { simplify });
  } catch (e) {
    const msg = (e as Error).message;
    const fn = /(?:function|operator) "([^"]+)"/.exec(msg);
    fail(
      what,
      "expression",
      fn
        ? `mathjs cannot differentiate ${
          msg.includes("operator") ? "the operator" : "the function"
        } "${fn[1]}"`
        : `mathjs cannot differentiate it (${msg})`,
    );
  }
}
