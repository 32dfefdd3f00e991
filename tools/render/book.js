// Decoding the Hessian: the pages' one script. A classic script (no modules), so it works from
// file://; it only enhances pages that already read fine without it.
// Theme toggle, current section in the page contents, the contents drawer on phones, copy
// buttons, scroll cues on wide content, and search (MiniSearch, loaded on first use).
(function () {
  "use strict";
  const root = document.documentElement;
  const darkQuery = globalThis.matchMedia
    ? globalThis.matchMedia("(prefers-color-scheme: dark)")
    : null;

  // ---- Theme: an explicit choice overrides the system setting and is remembered.
  function effectiveTheme() {
    const t = root.getAttribute("data-theme");
    if (t === "light" || t === "dark") return t;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }
  const themeButton = document.querySelector(".hx-theme-toggle");
  function showTheme() {
    if (!themeButton) return;
    const dark = effectiveTheme() === "dark";
    themeButton.setAttribute("aria-pressed", dark ? "true" : "false");
    themeButton.title = dark ? "Dark theme (click for light)" : "Light theme (click for dark)";
  }
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      const next = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        localStorage.setItem("hx-theme", next);
      } catch (_e) { /* storage disabled: the choice lasts for this page */ }
      showTheme();
    });
    if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", showTheme);
    showTheme();
  }

  // ---- Page contents: highlight the section being read; a drawer on narrow screens.
  const toc = document.getElementById("hx-toc");
  const tocButton = document.querySelector(".hx-toc-toggle");
  if (toc) {
    const links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    const targets = links.map(function (a) {
      return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    let current = -1;
    let pending = false;
    const update = function () {
      pending = false;
      const line = Math.min(160, globalThis.innerHeight / 3);
      let k = -1;
      for (let i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top <= line) k = i;
      }
      if (k === current) return;
      if (current >= 0) links[current].removeAttribute("aria-current");
      if (k >= 0) links[k].setAttribute("aria-current", "location");
      current = k;
    };
    const schedule = function () {
      if (!pending) {
        pending = true;
        globalThis.requestAnimationFrame(update);
      }
    };
    globalThis.addEventListener("scroll", schedule, { passive: true });
    globalThis.addEventListener("resize", schedule);
    update();
  }
  function setToc(open) {
    if (!tocButton) return;
    root.classList.toggle("hx-toc-open", open);
    tocButton.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (tocButton && toc) {
    tocButton.addEventListener("click", function () {
      const open = !root.classList.contains("hx-toc-open");
      setToc(open);
      if (open) {
        const first = toc.querySelector("a");
        if (first) first.focus();
      }
    });
    toc.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) setToc(false);
    });
    // A tap outside the open contents closes them.
    document.addEventListener("click", function (e) {
      if (
        root.classList.contains("hx-toc-open") && e.target.closest &&
        !e.target.closest("#hx-toc, .hx-toc-toggle")
      ) setToc(false);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("hx-toc-open")) {
        setToc(false);
        tocButton.focus();
      }
    });
  }

  // ---- Copy buttons on code blocks.
  function copyText(text) {
    if (navigator.clipboard && globalThis.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return legacyCopy(text);
      });
    }
    return legacyCopy(text);
  }
  function legacyCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (_e) { /* unsupported */ }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  Array.prototype.forEach.call(document.querySelectorAll("pre.hx-code"), function (pre) {
    const wrap = document.createElement("div");
    wrap.className = "hx-code-wrap";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "hx-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    button.addEventListener("click", function () {
      copyText(pre.textContent.replace(/\n$/, "")).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Press Ctrl+C";
        const range = document.createRange();
        range.selectNodeContents(pre);
        const sel = globalThis.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      });
      setTimeout(function () {
        button.textContent = "Copy";
      }, 1600);
    });
    wrap.appendChild(button);
  });

  // ---- Wide content: a shadow on the side that scrolls, a "scroll" cue, keyboard focus.
  const SCROLLERS = ".hx-math:not(.hx-eq), .hx-eq > .katex-display, pre, .hx-main table, " +
    ".hx-output, .hx-fig-narrow, p .katex-display, li .katex-display";
  function markScroll(el) {
    const over = el.scrollWidth - el.clientWidth > 1;
    el.classList.toggle("hx-scrollable", over);
    el.classList.toggle("hx-more-left", over && el.scrollLeft > 1);
    el.classList.toggle(
      "hx-more-right",
      over && el.scrollLeft < el.scrollWidth - el.clientWidth - 1,
    );
    let cue = el.nextElementSibling;
    const hasCue = cue && cue.classList.contains("hx-scroll-cue");
    if (over && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    if (!over && el.getAttribute("tabindex") === "0") el.removeAttribute("tabindex");
    if (over && !hasCue) {
      cue = document.createElement("div");
      cue.className = "hx-scroll-cue";
      cue.setAttribute("aria-hidden", "true");
      cue.textContent = "scroll sideways ⟷";
      el.parentNode.insertBefore(cue, el.nextSibling);
    } else if (!over && hasCue) cue.parentNode.removeChild(cue);
  }
  const scrollers = Array.prototype.slice.call(document.querySelectorAll(SCROLLERS));
  scrollers.forEach(function (el) {
    el.addEventListener("scroll", function () {
      markScroll(el);
    }, { passive: true });
  });
  function markAll() {
    scrollers.forEach(markScroll);
  }
  markAll();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(markAll);
  // A scroller's size changes with the window and with content that changes after load (an
  // explorable replacing its fallback): the observer reports each, so no resize listener.
  if (typeof ResizeObserver === "function") {
    const watch = new ResizeObserver(function (entries) {
      entries.forEach(function (e) {
        markScroll(e.target);
      });
    });
    scrollers.forEach(function (el) {
      watch.observe(el);
    });
  } else {
    let resizeTimer = 0;
    globalThis.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(markAll, 100);
    });
  }

  // ---- Search: MiniSearch over headings, prose, claims, figures and equation labels.
  const input = document.getElementById("hx-search-input");
  const results = document.getElementById("hx-search-results");
  const status = document.getElementById("hx-search-status");
  if (!input || !results) return;
  let engine = null;
  let loading = null;
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () {
        reject(new Error("cannot load " + src));
      };
      document.head.appendChild(s);
    });
  }
  function ensureEngine() {
    if (engine) return Promise.resolve(engine);
    if (!loading) {
      loading = loadScript("assets/minisearch.js").then(function () {
        return loadScript("assets/search-index.js");
      }).then(function () {
        const data = globalThis.HX_SEARCH;
        engine = globalThis.MiniSearch.loadJS(data.index, data.options);
        return engine;
      });
    }
    return loading;
  }
  const KIND = {
    section: "Section",
    figure: "Figure",
    equation: "Equation",
    claim: "Claim",
    reference: "Reference",
    page: "Page",
  };
  function escape(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
  function close() {
    results.hidden = true;
  }
  function render(query, hits) {
    if (!query) {
      results.innerHTML = "";
      status.textContent = "";
      close();
      return;
    }
    const shown = hits.slice(0, 12);
    status.textContent = hits.length === 0
      ? "No results for " + query
      : hits.length + (hits.length === 1 ? " result" : " results") + " for " + query +
        (hits.length > shown.length ? ", showing the first " + shown.length : "");
    results.innerHTML = shown.length === 0
      ? '<p class="hx-search-empty">No results.</p>'
      : '<ul class="hx-search-list">' + shown.map(function (h) {
        return '<li><a class="hx-search-hit" href="' + escape(h.url) +
          '"><span class="hx-hit-kind">' +
          escape(KIND[h.kind] || h.kind) + '</span> <span class="hx-hit-title">' +
          escape(h.title) + '</span><span class="hx-hit-page">' + escape(h.page) +
          '</span><span class="hx-hit-excerpt">' + escape(h.excerpt) + "</span></a></li>";
      }).join("") + "</ul>";
    results.hidden = false;
  }
  function run() {
    const query = input.value.trim();
    if (!query) {
      render("", []);
      return;
    }
    ensureEngine().then(function (ms) {
      if (input.value.trim() !== query) return;
      const hits = ms.search(query, {
        prefix: true,
        fuzzy: 0.15,
        combineWith: "AND",
        boost: { title: 3, labels: 3 },
      });
      render(query, hits);
    }, function () {
      status.textContent = "Search is unavailable: its index did not load.";
    });
  }
  input.setAttribute("aria-controls", "hx-search-results");
  input.addEventListener("focus", function () {
    ensureEngine().catch(function () {});
  });
  input.addEventListener("input", run);
  function hitLinks() {
    return Array.prototype.slice.call(results.querySelectorAll("a.hx-search-hit"));
  }
  input.addEventListener("keydown", function (e) {
    const hits = hitLinks();
    if (e.key === "ArrowDown" && hits.length) {
      e.preventDefault();
      hits[0].focus();
    } else if (e.key === "Enter" && hits.length) {
      e.preventDefault();
      hits[0].click();
    } else if (e.key === "Escape") {
      if (!results.hidden) close();
      else input.value = "";
    }
  });
  results.addEventListener("keydown", function (e) {
    const hits = hitLinks();
    const i = hits.indexOf(document.activeElement);
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (i < hits.length - 1) hits[i + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (i > 0) hits[i - 1].focus();
      else input.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
      input.focus();
    }
  });
  document.addEventListener("click", function (e) {
    if (!e.target.closest || !e.target.closest(".hx-search")) close();
  });
  document.addEventListener("keydown", function (e) {
    const t = e.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
  });
})();
