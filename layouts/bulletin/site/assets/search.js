/* The archive site's full-text search: every article, in the page, offline.
 *
 * The rules are weekly_pdf/archive/search.py's, implemented here a second
 * time, step for step (a browser test compares the two on a generated
 * archive); the numbers and character sets come from data/site.js, which
 * Python writes from that module:
 *   fold(text)   NFC, then each code point on its own: "" when default-ignorable,
 *                else the lower case of its NFKC form;
 *   words(query) split at Unicode white space, fold, drop empty and repeated words;
 *   match        every word is a substring of the folded title or folded body;
 *                the unit filter keeps an article when the unit is one of its
 *                units (its 供稿单位 split and named as units.yaml names them);
 *   order        words in the title (more first), then date, year, supplement,
 *                number (newest first), then the article's place in its issue;
 *   snippet      `length` code points of the body from `before` before the first
 *                word found, every occurrence marked.
 * The data: data/<year>.js calls WeeklySite.chunk(year, length, packed bytes of
 * zlib-deflated JSON); the browser inflates it with DecompressionStream. An
 * article is [issue, no, column, [unit, ...], title, body].
 * Nothing is fetched (a page opened from file:// may not), nothing leaves the
 * computer.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 50;
  var S = { ignorable: [], spaces: " ", before: 20, length: 80, ellipsis: "\u2026" };
  var spaceSet = new Set([" "]);
  var chunks = [];
  var entries = null;
  var loading = null;

  /* ---- folding ------------------------------------------------------- */

  var bmp = new Array(65536);   // undefined: not seen; null: folds to itself; else its fold
  var astral = new Map();

  function ignorable(cp) {
    for (var i = 0; i < S.ignorable.length; i++) {
      if (S.ignorable[i][0] <= cp && cp <= S.ignorable[i][1]) return true;
    }
    return false;
  }

  function foldCode(cp) {
    var value = cp < 65536 ? bmp[cp] : astral.get(cp);
    if (value === undefined) {
      var ch = String.fromCodePoint(cp);
      value = ignorable(cp) ? "" : ch.normalize("NFKC").toLowerCase();
      if (value === ch) value = null;
      if (cp < 65536) bmp[cp] = value; else astral.set(cp, value);
    }
    return value;
  }

  function foldedChar(cp) {
    var value = foldCode(cp);
    return value === null ? String.fromCodePoint(cp) : value;
  }

  // The fold of `text`, and whether it is "simple": every code point in the BMP,
  // NFC changing nothing and each code point folding to one, so that an offset in
  // the fold is the same offset in the text (snippets then need no mapping).
  function foldInfo(text) {
    var original = text;
    text = text.normalize("NFC");
    var out = "", last = 0, changed = false, simple = text === original;
    var n = text.length, i = 0;
    while (i < n) {
      var cp = text.codePointAt(i), width = cp > 0xFFFF ? 2 : 1;
      var value = foldCode(cp);
      if (width === 2) simple = false;
      if (value !== null) {
        if (value.length !== 1) simple = false;
        out += text.slice(last, i) + value;
        last = i + width;
        changed = true;
      }
      i += width;
    }
    return { text: changed ? out + text.slice(last) : text, simple: simple };
  }

  function fold(text) {
    return foldInfo(text).text;
  }

  function words(items) {
    var out = [];
    items.forEach(function (item) {
      var piece = "";
      for (var ch of item + " ") {
        if (spaceSet.has(ch)) {
          var folded = fold(piece);
          if (folded && out.indexOf(folded) < 0) out.push(folded);
          piece = "";
        } else {
          piece += ch;
        }
      }
    });
    return out;
  }

  /* ---- matching and order -------------------------------------------- */

  function search(terms, filters) {
    var found = [];
    filters = filters || {};
    var year = filters.year ? Number(filters.year) : null;
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      if (year !== null && e.year !== year) continue;
      if (filters.column && e.column !== filters.column) continue;
      if (filters.unit && e.units.indexOf(filters.unit) < 0) continue;
      var inTitle = 0, ok = true;
      for (var t = 0; t < terms.length; t++) {
        var there = e.ft.indexOf(terms[t]) >= 0;
        if (!there && e.fb.indexOf(terms[t]) < 0) { ok = false; break; }
        if (there) inTitle++;
      }
      if (ok) found.push({ entry: e, inTitle: inTitle });
    }
    found.sort(function (a, b) {
      var x = a.entry, y = b.entry;
      return (b.inTitle - a.inTitle) || (x.date < y.date ? 1 : x.date > y.date ? -1 : 0) ||
        (y.year - x.year) || (y.supplement - x.supplement) || (y.number - x.number) || (x.no - y.no);
    });
    return found;
  }

  /* ---- snippets ------------------------------------------------------- */

  function upper(list, value) {  // how many items are <= value (bisect_right)
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Every occurrence of every term in `folded` (the fold of the text whose code
  // points are `cps`), as code point ranges of the text. Simple text (see
  // foldInfo): the offsets are the same.
  function occurrences(cps, folded, terms, simple) {
    var ranges = [], ends = null;
    terms.forEach(function (term) {
      var at = folded.indexOf(term);
      if (at >= 0 && !simple && ends === null) {
        ends = [0];
        for (var i = 0; i < cps.length; i++) {
          ends.push(ends[i] + foldedChar(cps[i].codePointAt(0)).length);
        }
      }
      while (at >= 0) {
        ranges.push(simple ? [at, at + term.length]
                           : [upper(ends, at) - 1, upper(ends, at + term.length - 1)]);
        at = folded.indexOf(term, at + term.length);
      }
    });
    return ranges;
  }

  function merged(ranges, low, high) {
    var cut = ranges.map(function (r) { return [Math.max(r[0], low), Math.min(r[1], high)]; });
    cut.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]); });
    var out = [];
    cut.forEach(function (r) {
      if (r[0] >= r[1]) return;
      if (out.length && r[0] <= out[out.length - 1][1]) {
        out[out.length - 1][1] = Math.max(out[out.length - 1][1], r[1]);
      } else {
        out.push([r[0], r[1]]);
      }
    });
    return out.map(function (r) { return [r[0] - low, r[1] - low]; });
  }

  // Code points from..to of `cps`: a string of BMP characters (simple text) or an array.
  function piece(cps, from, to) {
    return typeof cps === "string" ? cps.slice(from, to) : cps.slice(from, to).join("");
  }

  // [piece, marked] pairs, with "…" where the text was cut.
  function segments(cps, marks, cutBefore, cutAfter) {
    var out = cutBefore ? [[S.ellipsis, false]] : [], at = 0;
    marks.forEach(function (m) {
      if (m[0] > at) out.push([piece(cps, at, m[0]), false]);
      out.push([piece(cps, m[0], m[1]), true]);
      at = m[1];
    });
    if (at < cps.length) out.push([piece(cps, at, cps.length), false]);
    if (cutAfter) out.push([S.ellipsis, false]);
    return out;
  }

  function snippet(body, folded, terms, simple) {
    var cps = simple ? body : Array.from(body);
    var ranges = occurrences(cps, folded, terms, simple);
    var length = cps.length, start = 0;
    if (ranges.length) {
      var first = Math.min.apply(null, ranges.map(function (r) { return r[0]; }));
      start = Math.max(0, Math.min(first - S.before, length - S.length));
    }
    var end = Math.min(length, start + S.length);
    var shown = simple ? body.slice(start, end).replace(/\n/g, " ")
      : cps.slice(start, end).map(function (c) { return c === "\n" ? " " : c; });
    return segments(shown, merged(ranges, start, end), start > 0, end < length);
  }

  function titleSegments(title, folded, terms, simple) {
    var cps = simple ? title : Array.from(title);
    return segments(cps, merged(occurrences(cps, folded, terms, simple), 0, cps.length),
                    false, false);
  }

  function plain(pieces) {
    return pieces.map(function (p) { return p[0]; }).join("");
  }

  /* ---- data ----------------------------------------------------------- */

  // The data of data/<year>.js: 15 bits to a character (U+4000–U+D7FF, then
  // U+E000–U+E7FF), `length` bytes of zlib-compressed JSON in GB18030 (every
  // character outside plain Chinese text escaped; weekly_pdf/archive/site/data.py).
  function unpack(text, length) {
    var bytes = new Uint8Array(length), acc = 0, bits = 0, j = 0;
    for (var i = 0; i < text.length && j < length; i++) {
      var c = text.charCodeAt(i);
      acc = (acc << 15) | (c < 0xE000 ? c - 0x4000 : c - 0xE000 + 0x9800);
      bits += 15;
      while (bits >= 8 && j < length) {
        bits -= 8;
        bytes[j++] = (acc >> bits) & 255;
      }
      acc &= (1 << bits) - 1;
    }
    return bytes;
  }

  function inflate(chunk) {
    var stream = new Blob([unpack(chunk[2], chunk[1])]).stream()
      .pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return JSON.parse(new TextDecoder("gb18030").decode(buffer));
    });
  }

  function load() {
    if (loading) return loading;
    if (typeof DecompressionStream === "undefined") {
      loading = Promise.reject(new Error("old-browser"));
      loading.catch(function () {});
      return loading;
    }
    var ordered = chunks.slice().sort(function (a, b) { return a[0] - b[0]; });
    loading = Promise.all(ordered.map(inflate)).then(function (docs) {
      var list = [];
      docs.forEach(function (doc) {
        doc.articles.forEach(function (a) {
          var issue = doc.issues[a[0]], title = foldInfo(a[4]), body = foldInfo(a[5]);
          list.push({
            page: issue[0], issue: issue[1], date: issue[2], year: issue[3],
            supplement: issue[4], number: issue[5], no: a[1], column: a[2], units: a[3],
            title: a[4], body: a[5], ft: title.text, fb: body.text,
            simpleTitle: title.simple, simpleBody: body.simple
          });
        });
      });
      entries = list;
      return list;
    });
    return loading;
  }

  function hitView(hit, terms) {
    var e = hit.entry;
    var title = titleSegments(e.title, e.ft, terms, e.simpleTitle);
    var body = snippet(e.body, e.fb, terms, e.simpleBody);
    return {
      issue: e.issue, date: e.date, column: e.column, units: e.units, no: e.no,
      href: e.page + "#a" + e.no, inTitle: hit.inTitle,
      title: plain(title), snippet: plain(body), titleSegments: title, snippetSegments: body
    };
  }

  /* ---- the page ------------------------------------------------------- */

  var form, input, years, columns, units, status, results, more;
  var shown = [], shownTerms = [], shownCount = 0;
  var initialStatus = "";

  function dateText(iso) {
    var p = iso.split("-");
    return Number(p[0]) + "年" + Number(p[1]) + "月" + Number(p[2]) + "日";
  }

  function appendSegments(parent, pieces) {
    pieces.forEach(function (p) {
      if (p[1]) {
        var mark = document.createElement("mark");
        mark.textContent = p[0];
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(p[0]));
      }
    });
  }

  function renderMore() {
    var stop = Math.min(shown.length, shownCount + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    for (var i = shownCount; i < stop; i++) {
      var view = hitView(shown[i], shownTerms);
      var item = document.createElement("li");
      item.className = "hit";
      var link = document.createElement("a");
      link.className = "hit-title";
      link.href = view.href;
      appendSegments(link, view.titleSegments);
      var meta = document.createElement("div");
      meta.className = "hit-meta";
      meta.textContent = view.issue + " · " + dateText(view.date) + " · 【" + view.column + "】" +
        (view.units.length ? " · " + view.units.join("、") : "");
      var text = document.createElement("p");
      text.className = "hit-snippet";
      appendSegments(text, view.snippetSegments);
      item.appendChild(link);
      item.appendChild(meta);
      item.appendChild(text);
      fragment.appendChild(item);
    }
    results.appendChild(fragment);
    shownCount = stop;
    var left = shown.length - shownCount;
    more.hidden = left <= 0;
    more.textContent = "再显示 " + Math.min(PAGE_SIZE, left) + " 篇（还有 " + left + " 篇）";
  }

  function filters() {
    return { year: years.value, column: columns.value, unit: units.value };
  }

  function describe(terms, f) {
    var parts = [];
    if (terms.length) parts.push("包含" + terms.map(function (t) { return "“" + t + "”"; }).join("、"));
    if (f.year) parts.push(f.year + "年");
    if (f.column) parts.push("栏目【" + f.column + "】");
    if (f.unit) parts.push("供稿单位“" + f.unit + "”");
    return parts.join("，");
  }

  function remember(query, f) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    ["year", "column", "unit"].forEach(function (k) { if (f[k]) params.set(k, f[k]); });
    var hash = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (hash ? "#" + hash : ""));
    } catch (e) { /* some browsers refuse it for file:// pages: the search still works */ }
  }

  function run() {
    var query = input.value, f = filters();
    var terms = words([query]);
    remember(query, f);
    if (!terms.length && !f.year && !f.column && !f.unit) {
      results.hidden = true;
      more.hidden = true;
      results.textContent = "";
      status.textContent = initialStatus;
      return;
    }
    if (!entries) {
      status.textContent = "正在载入搜索数据……";
      load().then(run, failed);
      return;
    }
    var started = performance.now();
    shown = search(terms, f);
    shownTerms = terms;
    var searched = performance.now();
    results.textContent = "";
    shownCount = 0;
    var what = describe(terms, f);
    if (shown.length) {
      status.textContent = "找到 " + shown.length + " 篇文章（" + what + "）" +
        (terms.length ? "；标题中含有所找词语的排在前面，其余按日期从新到旧。" : "，按日期从新到旧。");
    } else {
      status.textContent = "没有找到" + what + "的文章。";
    }
    results.hidden = !shown.length;
    renderMore();
    WeeklySite.timing = { search: searched - started, total: performance.now() - started,
                          hits: shown.length };
  }

  function failed(error) {
    status.textContent = error && error.message === "old-browser"
      ? "这个浏览器版本太旧，无法在本页搜索；请换用新版的浏览器打开本页。"
      : "搜索数据无法读取（文件可能不完整）；请重新生成档案网站。";
  }

  function start() {
    form = document.getElementById("search-form");
    if (!form) return;
    input = document.getElementById("q");
    years = document.getElementById("year");
    columns = document.getElementById("column");
    units = document.getElementById("unit");
    status = document.getElementById("search-status");
    results = document.getElementById("results");
    more = document.getElementById("more");
    initialStatus = status.textContent;
    var given = new URLSearchParams(location.hash.length > 1 ? location.hash.slice(1) : location.search);
    input.value = given.get("q") || "";
    [[years, "year"], [columns, "column"], [units, "unit"]].forEach(function (pair) {
      var value = given.get(pair[1]);
      if (value && Array.prototype.some.call(pair[0].options, function (o) { return o.value === value; })) {
        pair[0].value = value;
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    // As the user types: at once (a search takes milliseconds), but not while an
    // input method is still composing (拼音 letters are not yet the words).
    input.addEventListener("input", function (event) {
      if (!event.isComposing) run();
    });
    input.addEventListener("compositionend", run);
    [years, columns, units].forEach(function (select) { select.addEventListener("change", run); });
    more.addEventListener("click", renderMore);
    load().then(run, failed);
  }

  window.WeeklySite = {
    settings: function (settings) {
      S = settings;
      spaceSet = new Set(Array.from(settings.spaces));
    },
    chunk: function (year, length, packed) { chunks.push([year, length, packed]); },
    fold: fold,
    words: function (query) { return words([query]); },
    ready: function () { return load().then(function () { return entries.length; }); },
    // Every hit of `query` (what a user types) under `filters` ({year, column, unit}).
    search: function (query, filters) {
      return load().then(function () {
        var terms = words([query]);
        return search(terms, filters).map(function (hit) { return hitView(hit, terms); });
      });
    },
    timing: null
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
