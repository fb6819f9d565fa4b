/* khabar web UI: a small single-page reader over the JSON API.
 *
 * Every piece of article content reaches the page through textContent or
 * createTextNode, never innerHTML, so scraped markup shows as text. Links to
 * original articles are kept only when they are http(s). */
"use strict";

const view = () => document.getElementById("view");

/* el("a", {href: "#/"}, "text", child...) -- children that are strings
 * become text nodes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

const AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

/* "2024-07-23" -> "23 يوليو 2024"; "2024-09" -> "سبتمبر 2024"; "2026" -> "2026". */
function fmtDate(iso) {
  if (!iso) return "تاريخ غير معروف";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  if (!m[2]) return m[1];
  const month = AR_MONTHS[Number(m[2]) - 1] || m[2];
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/* "first — last", once when they are the same day or one is unknown. */
function dateRange(first, last) {
  if (!first || !last || first === last) return fmtDate(first || last);
  return `${fmtDate(first)} — ${fmtDate(last)}`;
}

/* "4 مصادر"-style counts, nothing when there are none. */
function countLabel(n, word) {
  return n ? el("span", {}, `${n} ${word}`) : null;
}

function dateValue(iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || `HTTP ${res.status}`);
  return body;
}

function show(...nodes) {
  const v = view();
  v.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

function showError(err) {
  show(el("p", { class: "error" }, "تعذّر التحميل: ", String(err.message || err)));
}

function sourceChips(sources) {
  return (sources || []).map((s) => el("span", { class: "chip" }, s));
}

/* ---------------------------------------------------------- story list */

async function storiesView(params) {
  const limit = 20;
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const data = await api(`/api/stories?limit=${limit}&offset=${offset}`);
  const list = el("div", { class: "story-list" });
  for (const s of data.stories) {
    list.appendChild(el("article", { class: "card" },
      el("h3", {}, el("a", { href: `#/story/${encodeURIComponent(s.id)}` }, s.headline || "(بلا عنوان)")),
      el("div", { class: "meta" },
        el("span", {}, dateRange(s.first, s.last)),
        el("span", {}, `${s.articles} مقال`),
        countLabel((s.sources || []).length, "مصدر")),
      el("div", {}, sourceChips(s.sources))));
  }
  if (!data.stories.length) list.appendChild(el("p", { class: "muted" }, "لا توجد قصص بعد. أضف مقالات بالأمر khabar ingest."));
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.appendChild(el("a", { href: `#/?offset=${Math.max(0, offset - limit)}` }, "→ الأحدث"));
  if (offset + limit < data.total) pager.appendChild(el("a", { href: `#/?offset=${offset + limit}` }, "الأقدم ←"));
  show(el("h1", {}, "القصص ", el("span", { class: "latin" }, `Stories (${data.total})`)), list, pager);
}

/* ---------------------------------------------------------- story page */

function eventItem(ev, anchor) {
  const li = el("li", { id: anchor },
    el("div", { class: "when" }, fmtDate(ev.date),
      ev.inferred ? el("span", { class: "inferred" }, " (تاريخ مستنتج)") : null),
    el("div", { class: "what" }, ev.text),
    el("div", {}, sourceChips(ev.sources)));
  if (ev.versions && ev.versions.length > 1) {
    const ul = el("ul", { class: "versions" });
    for (const v of ev.versions)
      ul.appendChild(el("li", {}, `${fmtDate(v.date)}: ${v.text} `, el("span", { class: "src" }, (v.sources || []).join("، "))));
    li.appendChild(el("div", { class: "muted" }, "روايات مختلفة:"));
    li.appendChild(ul);
  }
  return li;
}

function timelineAxis(events, milestones, now) {
  const all = events.map((e, i) => ({ e, i, kind: "event" }))
    .concat(milestones.map((e, i) => ({ e, i, kind: "milestone" })))
    .filter((x) => !Number.isNaN(dateValue(x.e.date)));
  const axis = el("div", { class: "axis", role: "img", "aria-label": "المحور الزمني" }, el("div", { class: "line" }));
  if (!all.length) return axis;
  const values = all.map((x) => dateValue(x.e.date));
  const nowValue = dateValue(now);
  if (!Number.isNaN(nowValue)) values.push(nowValue);
  let min = Math.min(...values), max = Math.max(...values);
  if (max === min) { min -= 86400000 * 15; max += 86400000 * 15; }
  const pos = (v) => (100 * (v - min) / (max - min)).toFixed(2) + "%";
  /* Year ticks, and the month and year at both ends unless a year tick is
   * close to that end. */
  const first = new Date(min), last = new Date(max);
  const yearTicks = [];
  for (let y = first.getUTCFullYear(); y <= last.getUTCFullYear(); y++) {
    const v = Date.UTC(y, 0, 1);
    if (v < min || v > max) continue;
    yearTicks.push(v);
    const t = el("span", { class: "tick" }, String(y));
    t.style.right = pos(v);
    axis.appendChild(t);
  }
  const MONTH_YEAR = (d) => `${AR_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const near = (v) => yearTicks.some((t) => Math.abs(t - v) < 0.12 * (max - min));
  if (!near(min)) axis.appendChild(el("span", { class: "tick start" }, MONTH_YEAR(first)));
  if (!near(max)) axis.appendChild(el("span", { class: "tick end" }, MONTH_YEAR(last)));
  if (!Number.isNaN(nowValue)) {
    const n = el("div", { class: "now" }, el("span", {}, "آخر خبر"));
    n.style.right = pos(nowValue);
    axis.appendChild(n);
  }
  /* Dots closer than a dot's width go up one lane (three at most), so that
   * events days apart stay apart. */
  const GAP = 1.6, LANES = 3, laneEnd = [];
  all.sort((p, q) => dateValue(p.e.date) - dateValue(q.e.date));
  for (const x of all) {
    const at = 100 * (dateValue(x.e.date) - min) / (max - min);
    let lane = 0;
    while (lane < LANES - 1 && laneEnd[lane] !== undefined && at - laneEnd[lane] < GAP) lane++;
    laneEnd[lane] = at;
    const a = el("a", {
      class: `dot ${x.kind === "milestone" ? "milestone" : ""}`,
      href: `#ev-${x.kind}-${x.i}`,
      title: `${fmtDate(x.e.date)} — ${x.e.text}`,
    });
    a.style.right = pos(dateValue(x.e.date));
    if (lane) a.style.marginTop = `${-1.05 * lane}rem`;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      const target = document.getElementById(`ev-${x.kind}-${x.i}`);
      if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
    });
    axis.appendChild(a);
  }
  return axis;
}

async function storyView(id) {
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  const parts = [];
  parts.push(el("h1", {}, s.headline || "(بلا عنوان)"));
  parts.push(el("div", { class: "meta" },
    el("span", {}, dateRange(s.first, s.last)),
    el("span", {}, `${(s.articles || []).length} مقال`),
    countLabel((s.sources || []).length, "مصدر")));
  parts.push(el("div", {}, sourceChips(s.sources)));

  if (s.summary && s.summary.length) {
    parts.push(el("h2", {}, "الملخص ", el("span", { class: "latin" }, "Summary")));
    parts.push(el("ul", { class: "summary card" }, s.summary.map((x) =>
      el("li", {}, x.text, el("span", { class: "src" }, `— ${x.source || "مصدر غير معروف"}`)))));
  }

  const events = s.timeline || [], milestones = s.milestones || [];
  parts.push(el("h2", {}, "الخط الزمني ", el("span", { class: "latin" }, "Timeline")));
  parts.push(el("section", { class: "card", id: "timeline" },
    timelineAxis(events, milestones, s.last),
    events.length ? el("ol", { class: "events" }, events.map((e, i) => eventItem(e, `ev-event-${i}`)))
      : el("p", { class: "muted" }, "لا أحداث مؤرخة.")));
  if (milestones.length) {
    parts.push(el("h2", {}, "مواعيد معلنة ", el("span", { class: "latin" }, "Milestones (announced, not yet happened)")));
    parts.push(el("section", { class: "card", id: "milestones" },
      el("ol", { class: "events milestones" }, milestones.map((e, i) => eventItem(e, `ev-milestone-${i}`)))));
  }

  if (s.entities && s.entities.length) {
    const TYPES = { PERS: "شخص", ORG: "منظمة", LOC: "مكان", MISC: "أخرى" };
    parts.push(el("h2", {}, "الأطراف ", el("span", { class: "latin" }, "Entities")));
    parts.push(el("div", { class: "entities" }, s.entities.map((e) =>
      el("div", { class: "entity" },
        el("div", { class: "type" }, TYPES[e.type] || e.type, e.count ? ` · ${e.count}` : ""),
        el("strong", {}, e.name),
        e.role ? el("div", { class: "muted" }, e.role) : null))));
  }

  parts.push(el("h2", {}, "المقالات ", el("span", { class: "latin" }, "Articles")));
  parts.push(el("div", { class: "articles", id: "articles" }, (s.articles || []).map((a) =>
    el("div", { class: "card" },
      el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || "(بلا عنوان)"),
      el("div", { class: "meta" },
        el("span", {}, a.source || "مصدر غير معروف"),
        el("span", {}, fmtDate(a.published)),
        a.role === "embedded" ? el("span", {}, "مقال ملحق بصفحة أخرى") : null),
      (a.duplicates || []).map((d) => el("div", { class: "dup" }, "↳ نسخة: ",
        el("a", { href: `#/article/${encodeURIComponent(d.id)}` }, d.source || d.id),
        d.published ? ` (${fmtDate(d.published)})` : ""))))));
  show(...parts);
}

/* ---------------------------------------------------------- article page */

async function articleView(id) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const url = safeUrl(a.canonical || a.url);
  const parts = [
    el("h1", {}, a.title || "(بلا عنوان)"),
    el("div", { class: "meta" },
      el("span", {}, a.source || "مصدر غير معروف"),
      el("span", {}, fmtDate(a.published)),
      a.updated && a.updated !== a.published ? el("span", {}, `آخر تحديث ${fmtDate(a.updated)}`) : null,
      a.dateline ? el("span", {}, a.dateline) : null,
      a.author ? el("span", {}, a.author) : null,
      a.story ? el("a", { href: `#/story/${encodeURIComponent(a.story)}` }, "القصة") : null,
      url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "المصدر الأصلي") : null),
    el("div", {}, (a.tags || []).map((t) => el("span", { class: "chip" }, t))),
  ];
  const body = el("div", { class: "article-body card" });
  for (const p of String(a.text || "").split(/\n{2,}/)) if (p.trim()) body.appendChild(el("p", {}, p));
  parts.push(body);
  if (a.related_headlines && a.related_headlines.length) {
    parts.push(el("h2", {}, "عناوين ذات صلة ", el("span", { class: "latin" }, "Related headlines")));
    parts.push(el("ul", { class: "card" }, a.related_headlines.map((h) => el("li", {}, h))));
  }
  try {
    const sim = await api(`/api/similar/${encodeURIComponent(id)}?limit=5`);
    if (sim.similar && sim.similar.length) {
      parts.push(el("h2", {}, "مقالات مشابهة ", el("span", { class: "latin" }, "Similar")));
      parts.push(el("ul", { class: "card" }, sim.similar.map((x) =>
        el("li", {}, el("a", { href: `#/article/${encodeURIComponent(x.id)}` }, x.title || x.id),
          el("span", { class: "src" }, `${x.source || ""} ${fmtDate(x.published)}`)))));
    }
  } catch (e) { /* similar is optional */ }
  show(...parts);
}

/* ---------------------------------------------------------- search */

/* The API marks matches as byte ranges of the UTF-8 snippet. */
function markedSnippet(snippet, highlights) {
  const bytes = new TextEncoder().encode(snippet || "");
  const dec = new TextDecoder();
  const out = el("p", { class: "snippet" });
  let at = 0;
  for (const [s, e] of (highlights || []).slice().sort((x, y) => x[0] - y[0])) {
    if (s < at || e > bytes.length || e <= s) continue;
    out.appendChild(document.createTextNode(dec.decode(bytes.slice(at, s))));
    out.appendChild(el("mark", {}, dec.decode(bytes.slice(s, e))));
    at = e;
  }
  out.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
  return out;
}

async function searchView(params) {
  const q = params.get("q") || "";
  document.getElementById("search-input").value = q;
  const head = el("h1", {}, "بحث ", el("span", { class: "latin" }, "Search"));
  if (!q.trim()) {
    show(head, el("p", { class: "muted" }, "اكتب كلمات البحث في الأعلى. تعمل الصيغ: \"عبارة\"، OR، NOT، والبادئة*."));
    return;
  }
  const data = await api(`/api/search?q=${encodeURIComponent(q)}&limit=30`);
  const hits = data.hits || [];
  show(head, el("p", { class: "muted" }, `${hits.length} نتيجة لـ «${q}»`),
    ...hits.map((h) => el("div", { class: "card hit" },
      el("a", { href: `#/article/${encodeURIComponent(h.id)}` }, h.title || "(بلا عنوان)"),
      el("div", { class: "meta" }, el("span", {}, h.source || ""), el("span", {}, fmtDate(h.published))),
      markedSnippet(h.snippet, h.highlights))));
}

/* ---------------------------------------------------------- router */

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  try {
    /* Inside the try: a malformed %-escape in the address throws. */
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "story" && parts[1]) await storyView(parts[1]);
    else if (parts[0] === "article" && parts[1]) await articleView(parts[1]);
    else if (parts[0] === "search") await searchView(params);
    else await storiesView(params);
  } catch (err) {
    showError(err);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("search-input").value;
    location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });
  window.addEventListener("hashchange", route);
  route();
});
