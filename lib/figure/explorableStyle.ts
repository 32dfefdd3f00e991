/**
 * The style of live explorables, injected once per page by the runtime (so
 * the book, the classic notebook and VS Code get the same rules without a
 * stylesheet link).
 *
 * Colours are CSS variables. They default to the book's own variables
 * (`--fg`, `--bg`, `--accent`, `--rule`, `--muted`, `--hl-*`), so they follow
 * whatever switches the book's theme (the system setting or a toggle that
 * redefines those variables), then to VS Code's, then to fixed light values.
 * Plots draw with `var(--hx-ex-…, fallback)`, so a standalone SVG (JupyterLab)
 * still gets a colour.
 *
 * @module
 */

/** The CSS text. */
export const EXPLORABLE_CSS: string = `
/* ==== explorables (lib/figure/explorableStyle.ts) ==== */
.hx-explorable {
  --hx-ex-fg: var(--fg, var(--vscode-editor-foreground, #1d1f23));
  --hx-ex-bg: var(--bg, var(--vscode-editor-background, #ffffff));
  --hx-ex-muted: var(--muted, var(--vscode-descriptionForeground, #5d6470));
  --hx-ex-rule: var(--rule, var(--vscode-panel-border, #dde1e6));
  --hx-ex-panel: var(--out-bg, var(--vscode-editorWidget-background, #fbfbfc));
  --hx-ex-1: var(--accent, var(--vscode-textLink-foreground, #1f5fbf));
  --hx-ex-2: var(--hl-type, #a3470b);
  --hx-ex-3: var(--hl-string, #3f7f2a);
  --hx-ex-4: var(--hl-keyword, #a626a4);
  --hx-ex-bad: var(--err-fg, #8a1c1c);
  --hx-ex-shade: color-mix(in srgb, var(--hx-ex-1) 14%, transparent);
  --hx-ex-shade-bad: color-mix(in srgb, var(--hx-ex-bad) 14%, transparent);
  color: var(--hx-ex-fg);
  margin: 1rem 0;
}
.hx-explorable svg {
  --plot-background: var(--hx-ex-bg);
  max-width: 100%;
  height: auto;
}
.hx-explorable-live {
  border: 1px solid var(--hx-ex-rule);
  border-radius: 6px;
  padding: 0.6rem 0.8rem;
  background: var(--hx-ex-panel);
}
.hx-explorable-title {
  font-weight: 600;
  margin: 0 0 0.4rem;
}
.hx-controls {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: 0.3rem 1.2rem;
  margin: 0 0 0.5rem;
  font-size: 0.9rem;
}
.hx-controls fieldset {
  border: 0;
  margin: 0;
  padding: 0;
  display: contents;
}
.hx-controls legend {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
.hx-control {
  display: grid;
  grid-template-columns: auto 1fr auto;
  align-items: center;
  gap: 0.5rem;
  min-width: 0;
}
.hx-control input[type="range"] {
  width: 100%;
  min-width: 6rem;
  accent-color: var(--hx-ex-1);
}
.hx-control input[type="checkbox"] {
  accent-color: var(--hx-ex-1);
}
.hx-control output {
  font-variant-numeric: tabular-nums;
  min-width: 4.5em;
  text-align: right;
}
.hx-control select,
.hx-run button {
  font: inherit;
  color: var(--hx-ex-fg);
  background: var(--hx-ex-bg);
  border: 1px solid var(--hx-ex-rule);
  border-radius: 4px;
  padding: 0.15rem 0.6rem;
}
.hx-run button:disabled {
  opacity: 0.5;
}
.hx-explorable :focus-visible {
  outline: 2px solid var(--hx-ex-1);
  outline-offset: 2px;
}
.hx-run {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  align-items: center;
  grid-column: 1 / -1;
}
.hx-run progress {
  flex: 1 1 8rem;
  accent-color: var(--hx-ex-1);
}
.hx-explorable-plots {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1rem;
  align-items: flex-start;
}
.hx-explorable-plots > * {
  flex: 1 1 18rem;
  min-width: 0;
  margin: 0;
}
.hx-explorable-plots [data-draggable] {
  touch-action: none;
  cursor: crosshair;
}
.hx-readouts {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
  gap: 0.1rem 1.2rem;
  margin: 0.5rem 0 0;
  font-size: 0.9rem;
}
.hx-readout {
  display: flex;
  justify-content: space-between;
  gap: 0.5rem;
  border-bottom: 1px dotted var(--hx-ex-rule);
}
.hx-readout dt {
  color: var(--hx-ex-muted);
}
.hx-readout dd {
  margin: 0;
  font-variant-numeric: tabular-nums;
}
.hx-digits,
.hx-data {
  font-size: 0.8rem;
  margin-top: 0.3rem;
}
.hx-digits summary,
.hx-data summary {
  cursor: pointer;
  color: var(--hx-ex-muted);
}
.hx-digits table,
.hx-data table {
  margin: 0.3rem 0;
}
.hx-data table {
  display: block;
  max-height: 16rem;
  overflow: auto;
}
.hx-digits td,
.hx-data td {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  overflow-wrap: anywhere;
}
.hx-explorable-summary,
.hx-explorable-caption,
.hx-explorable-note {
  font-size: 0.9rem;
  color: var(--hx-ex-muted);
  margin: 0.4rem 0 0;
}
.hx-explorable-summary {
  color: var(--hx-ex-fg);
}
@media (prefers-reduced-motion: reduce) {
  .hx-explorable * {
    transition: none !important;
    animation: none !important;
  }
}
@media print {
  .hx-explorable-live {
    display: none !important;
  }
  .hx-explorable-fallback[hidden] {
    display: block !important;
  }
}
/* ==== end explorables ==== */
`;
