/*
 * Gazette search: the query side of the static index written by Sources/GazetteSearch.
 * docs/search.md describes the tokenizer, the index format and the ranking.
 *
 * - The tokenizer here and the Swift one are held to the same vectors (Tests/Vectors/tokenizer.json).
 * - window.gazetteSearch.search(query, {limit, offset, filters, sort}) returns a Promise of
 *   {total, results: [{url, title, number, date, kind, issue, issuer, snippet, highlights}]}.
 * - Index files are fetched relative to this script (../search/) or to the data-index attribute of its
 *   script tag; nothing is requested from any other host. No framework, no third-party code.
 * - Results are drawn with DOM nodes and textContent only: never innerHTML with content data.
 */
(function (global, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document !== 'undefined' && typeof window !== 'undefined') api.installInBrowser(window, document);
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  // MARK: - Folding (mirrors TextFolding.swift)

  const OPEN = 0x3014; // 〔
  const CLOSE = 0x3015; // 〕
  const MARK_RE = /\p{M}/u;

  function isFast(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
  }

  function isMark(cp) {
    // No combining marks below U+0300, among CJK punctuation (but U+302A–302F) or full-width forms.
    if (cp < 0x300 || (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF)) return false;
    return MARK_RE.test(String.fromCodePoint(cp));
  }

  function foldASCII(cp) {
    if (cp >= 0x41 && cp <= 0x5A) return cp + 0x20;
    if (cp === 0x28 || cp === 0x5B) return OPEN;
    if (cp === 0x29 || cp === 0x5D) return CLOSE;
    return cp;
  }

  const slowCache = new Map();

  /** Folded code points of one cluster (a code point and the combining marks after it). */
  function foldCluster(cps) {
    if (cps.length === 1) {
      const cp = cps[0];
      if (cp < 0x80) return [foldASCII(cp)];
      if (isFast(cp)) return [cp];
      let hit = slowCache.get(cp);
      if (!hit) { hit = foldSlow(String.fromCodePoint(cp)); slowCache.set(cp, hit); }
      return hit;
    }
    return foldSlow(String.fromCodePoint(...cps));
  }

  function foldSlow(text) {
    const out = [];
    for (const ch of text.normalize('NFKC')) {
      const cp = ch.codePointAt(0);
      if (cp < 0x80) { out.push(foldASCII(cp)); continue; }
      // Per code point, like Swift's lowercaseMapping: no context-dependent rules.
      for (const lower of ch.toLowerCase()) {
        const l = lower.codePointAt(0);
        if (l === 0x3010) out.push(OPEN);
        else if (l === 0x3011) out.push(CLOSE);
        else out.push(l < 0x80 ? foldASCII(l) : l);
      }
    }
    return out;
  }

  /** Code points of `text` with their UTF-16 offsets. */
  function codePoints(text) {
    const cps = [], offsets = [];
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i);
      cps.push(cp);
      offsets.push(i);
      i += cp > 0xFFFF ? 2 : 1;
    }
    offsets.push(text.length);
    return { cps, offsets };
  }

  function clusterEnd(cps, start) {
    let end = start + 1;
    while (end < cps.length && !isFast(cps[end]) && isMark(cps[end])) end++;
    return end;
  }

  /** The folded form of a whole string. */
  function fold(text) {
    const { cps } = codePoints(text);
    const out = [];
    for (let i = 0; i < cps.length;) {
      const end = clusterEnd(cps, i);
      for (const cp of foldCluster(cps.slice(i, end))) out.push(String.fromCodePoint(cp));
      i = end;
    }
    return out.join('');
  }

  // MARK: - Scalar kinds (mirrors ScalarKind.swift)

  const HAN = 0, DIGIT = 1, LETTER = 2, MONGOLIAN = 3, MARK = 4, IGNORABLE = 5, TRANSPARENT = 6, GAP = 7;
  const TRANSPARENT_SET = new Set([0x00B7, 0x30FB, 0x3014, 0x3015, 0x300A, 0x300B, 0x3008, 0x3009, 0x300C, 0x300D,
    0x300E, 0x300F, 0x201C, 0x201D, 0x2018, 0x2019]);
  const SPACE_RE = /\p{White_Space}/u, FORMAT_RE = /\p{Cf}/u, WORD_RE = /[\p{L}\p{N}]/u;

  function isHan(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x3FFFF) || cp === 0x3005 || cp === 0x3007 || (cp >= 0x3041 && cp <= 0x3096) ||
      (cp >= 0x30A1 && cp <= 0x30FA) || cp === 0x30FC || (cp >= 0xAC00 && cp <= 0xD7A3);
  }

  function kindOf(cp) {
    if (cp < 0x80) {
      if (cp >= 0x30 && cp <= 0x39) return DIGIT;
      if ((cp >= 0x61 && cp <= 0x7A) || (cp >= 0x41 && cp <= 0x5A)) return LETTER;
      if (cp >= 0x0A && cp <= 0x0D) return GAP;
      if (cp === 0x09 || cp === 0x20 || cp === 0x22 || cp === 0x27) return TRANSPARENT;
      return cp < 0x20 || cp === 0x7F ? IGNORABLE : GAP;
    }
    if (isHan(cp)) return HAN;
    if (cp === 0x85 || cp === 0x2028 || cp === 0x2029) return GAP;
    if (TRANSPARENT_SET.has(cp)) return TRANSPARENT;
    const ch = String.fromCodePoint(cp);
    if (SPACE_RE.test(ch)) return TRANSPARENT;
    if (MARK_RE.test(ch)) return MARK;
    if (FORMAT_RE.test(ch)) return IGNORABLE;
    if (WORD_RE.test(ch)) return cp >= 0x1800 && cp <= 0x18AF ? MONGOLIAN : LETTER;
    return GAP;
  }

  // MARK: - Tokenizer (mirrors Tokenizer.swift)

  /**
   * The units of `text`: [{text, position, isWord, start, end}], start/end being UTF-16 offsets of the source.
   * Adjacent units have positions differing by exactly 1; a gap (punctuation, line break) skips one.
   */
  function units(text) {
    const { cps, offsets } = codePoints(text);
    const out = [];
    let position = 0, emitted = false, gapPending = false;
    let runKind = -1, run = [], runStart = 0, runEnd = 0;
    const next = () => {
      if (gapPending && emitted) position++;
      gapPending = false;
      emitted = true;
      return position++;
    };
    const flush = () => {
      if (runKind < 0) return;
      out.push({ text: String.fromCodePoint(...run), position: next(), isWord: true, start: offsets[runStart], end: offsets[runEnd] });
      run = [];
      runKind = -1;
    };
    for (let i = 0; i < cps.length;) {
      const source = i;
      const cp = cps[i];
      if (isFast(cp) && (i + 1 === cps.length || isFast(cps[i + 1]) || !isMark(cps[i + 1]))) {
        flush();
        out.push({ text: String.fromCodePoint(cp), position: next(), isWord: false, start: offsets[i], end: offsets[i + 1] });
        i++;
        continue;
      }
      const end = clusterEnd(cps, i);
      const folded = foldCluster(cps.slice(i, end));
      i = end;
      for (const f of folded) {
        const kind = kindOf(f);
        if (kind === HAN) {
          flush();
          out.push({ text: String.fromCodePoint(f), position: next(), isWord: false, start: offsets[source], end: offsets[end] });
        } else if (kind === DIGIT || kind === LETTER || kind === MONGOLIAN) {
          if (runKind !== kind) { flush(); runKind = kind; runStart = source; }
          run.push(f);
          runEnd = end;
        } else if (kind === MARK) {
          if (runKind >= 0) { run.push(f); runEnd = end; }
        } else if (kind === TRANSPARENT) {
          flush();
        } else if (kind === GAP) {
          flush();
          gapPending = true;
        }
      }
    }
    flush();
    return out;
  }

  /** The token of units[start..start+length): units joined, with a space between two word runs. */
  function joinUnits(list, start, length) {
    let token = list[start].text;
    for (let k = start + 1; k < start + length; k++) token += (list[k - 1].isWord && list[k].isWord ? ' ' : '') + list[k].text;
    return token;
  }

  /** Every run of 1…maxLength adjacent units as [token, position]. */
  function ngrams(list, maxLength) {
    const out = [];
    for (let s = 0; s < list.length; s++) {
      for (let n = 1; n <= maxLength; n++) {
        const e = s + n - 1;
        if (e >= list.length || list[e].position !== list[s].position + n - 1) break;
        out.push([joinUnits(list, s, n), list[s].position]);
      }
    }
    return out;
  }

  /** Runs of adjacent units (a gap starts a new one). */
  function segments(list) {
    const out = [];
    for (const unit of list) {
      const last = out[out.length - 1];
      if (last && unit.position === last[last.length - 1].position + 1) last.push(unit);
      else out.push([unit]);
    }
    return out;
  }

  // MARK: - Query plan

  /**
   * The clauses of a query, all of which must match. Words separated by spaces are separate clauses, and so
   * are the parts of a word split by punctuation. A clause of up to maxGram units is one index token; a longer
   * one is covered by maxGram-unit tokens at fixed offsets, whose positions prove the phrase.
   */
  function plan(query, maxGram) {
    const clauses = [];
    const seen = new Set();
    for (const word of fold(query).split(/\s+/u)) {
      for (const segment of segments(units(word))) {
        const key = joinUnits(segment, 0, segment.length);
        if (seen.has(key)) continue;
        seen.add(key);
        const n = segment.length;
        if (n <= maxGram) {
          clauses.push({ key, units: segment.map(u => u.text), cover: [{ token: key, offset: 0 }], phrase: false });
        } else {
          const offsets = [];
          for (let o = 0; o + maxGram < n; o += maxGram) offsets.push(o);
          offsets.push(n - maxGram);
          clauses.push({ key, units: segment.map(u => u.text), phrase: true,
            cover: offsets.map(o => ({ token: joinUnits(segment, o, maxGram), offset: o })) });
        }
      }
    }
    return clauses;
  }

  // MARK: - Binary format (see PostingsEncoding.swift)

  class Reader {
    constructor(bytes) { this.b = bytes; this.i = 0; }
    get done() { return this.i >= this.b.length; }
    byte() { return this.b[this.i++]; }
    varint() {
      let v = 0, scale = 1, byte;
      do { byte = this.b[this.i++]; v += (byte & 0x7F) * scale; scale *= 128; } while (byte & 0x80);
      return v;
    }
    bytes(n) { const out = this.b.subarray(this.i, this.i + n); this.i += n; return out; }
  }

  /** A doc set: `count` ids (or, for -1, until the end of the data). */
  function readDocSet(r, count) {
    const mode = r.byte();
    if (mode === 1) {
      const first = r.varint(), length = r.varint(), bits = r.bytes(length);
      const out = [];
      for (let j = 0; j < bits.length; j++) {
        let byte = bits[j];
        while (byte) {
          const bit = 31 - Math.clz32(byte & -byte);
          out.push(first + j * 8 + bit);
          byte &= byte - 1;
        }
      }
      return Int32Array.from(out);
    }
    const out = [];
    let doc = 0;
    for (let k = 0; count < 0 ? !r.done : k < count; k++) { doc += r.varint(); out.push(doc); }
    return Int32Array.from(out);
  }

  function readPostings(bytes) {
    const r = new Reader(bytes);
    const df = r.varint();
    const docs = readDocSet(r, df);
    return { df, docs, info: r.bytes(df) };
  }

  function readPositions(bytes, df) {
    const r = new Reader(bytes);
    const lists = new Array(df);
    for (let k = 0; k < df; k++) {
      const count = r.varint();
      const list = new Int32Array(count);
      let p = 0;
      for (let j = 0; j < count; j++) { p += r.varint(); list[j] = p; }
      lists[k] = list;
    }
    return lists;
  }

  function readShard(bytes) {
    const r = new Reader(bytes);
    const decoder = new TextDecoder();
    const entries = new Map();
    const count = r.varint();
    for (let k = 0; k < count; k++) {
      const token = decoder.decode(r.bytes(r.varint()));
      const df = r.varint();
      const own = r.byte() === 1;
      entries.set(token, own ? { df, file: r.varint() } : { df, blob: r.bytes(r.varint()) });
    }
    return entries;
  }

  function fnv1a(text) {
    let h = 0x811C9DC5;
    for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h >>> 0;
  }

  // MARK: - Engine

  /**
   * The documents of one results page among `docs` (ascending ids) that pass `keep`, and how many pass.
   * Ids run newest first, so ascending ids are the date order and the id breaks ties of score. A page near
   * the top keeps only its best few while it walks the list: no sort of thousands of matches per query.
   */
  function select(docs, keep, score, byDate, offset, limit) {
    const want = offset + limit;
    const better = (a, b) => score[a] > score[b] || (score[a] === score[b] && a < b);
    const top = [];
    let total = 0;
    for (const doc of docs) {
      if (!keep(doc)) continue;
      total++;
      if (want > 256) top.push(doc);
      else if (byDate) { if (top.length < want) top.push(doc); }
      else if (top.length < want || better(doc, top[want - 1])) {
        let k = Math.min(top.length, want - 1);
        while (k > 0 && better(doc, top[k - 1])) { top[k] = top[k - 1]; k--; }
        top[k] = doc;
      }
    }
    if (want > 256 && !byDate) top.sort((a, b) => (score[b] - score[a]) || (a - b));
    return { total, docs: top.slice(offset, want) };
  }

  const KIND_LABELS = { document: '文件', interpretation: '政策解读', notice: '公示公告', leader: '领导',
    department: '单位', committee: '议事协调机构' };

  /**
   * A search engine over one index. `load(path)` resolves to the bytes of a file below the index folder,
   * already un-gzipped (see `gunzip`); `siteRoot` is what record URLs are resolved against.
   */
  function createEngine({ load, siteRoot = '' }) {
    const cache = new Map();
    const once = (path, parse) => {
      if (!cache.has(path)) cache.set(path, load(path).then(parse));
      return cache.get(path);
    };
    const text = bytes => new TextDecoder().decode(bytes);
    const meta = () => once('meta.json', bytes => JSON.parse(text(bytes)));
    const facets = () => once('facets.json', bytes => JSON.parse(text(bytes)));

    async function entry(folder, shards, token) {
      const shard = (fnv1a(token) & (shards - 1)).toString(16);
      const found = (await once(`${folder}/${shard}.gz`, readShard)).get(token);
      if (!found) return null;
      const blob = found.blob || await once(`${folder}/${shard}-${found.file}.gz`, b => b);
      return { df: found.df, blob };
    }

    async function postings(m, token) {
      const found = await entry('t', m.shards, token);
      return found ? readPostings(found.blob) : null;
    }

    async function positions(m, token, df) {
      const found = await entry('x', m.positionShards, token);
      return found ? readPositions(found.blob, df) : null;
    }

    /** Docs of a clause: {docs, info} where info is the impact byte per doc. */
    async function evaluate(m, clause) {
      const lists = await Promise.all(clause.cover.map(c => postings(m, c.token)));
      if (lists.some(l => !l)) return { docs: new Int32Array(0), info: new Uint8Array(0), df: 0 };
      if (!clause.phrase) return lists[0];
      const where = await Promise.all(clause.cover.map((c, k) => positions(m, c.token, lists[k].df)));
      if (where.some(w => !w)) return { docs: new Int32Array(0), info: new Uint8Array(0), df: 0 };
      // Walk the sorted doc lists together; keep documents where the cover tokens sit at their offsets.
      const docs = [], info = [];
      const cursor = lists.map(() => 0);
      for (let k0 = 0; k0 < lists[0].docs.length; k0++) {
        const doc = lists[0].docs[k0];
        let all = true;
        for (let t = 1; t < lists.length; t++) {
          const d = lists[t].docs;
          while (cursor[t] < d.length && d[cursor[t]] < doc) cursor[t]++;
          if (cursor[t] >= d.length || d[cursor[t]] !== doc) { all = false; break; }
        }
        if (!all) continue;
        let matches = 0;
        const heads = where[0][k0];
        const others = lists.map((_, t) => (t === 0 ? null : where[t][cursor[t]]));
        const at = others.map(() => 0);
        for (const p of heads) {
          let all = true;
          for (let t = 1; t < others.length && all; t++) {
            // Both lists ascend: advance each cursor to the first position ≥ the one needed.
            const want = p + clause.cover[t].offset, list = others[t];
            while (at[t] < list.length && list[at[t]] < want) at[t]++;
            all = at[t] < list.length && list[at[t]] === want;
          }
          if (all) matches++;
        }
        if (!matches) continue;
        docs.push(doc);
        // The phrase is as frequent as its rarest part, at most; it is in the title only if all parts are.
        let impact = 15, fields = 0xC0;
        for (let t = 0; t < lists.length; t++) {
          const b = lists[t].info[t === 0 ? k0 : cursor[t]];
          impact = Math.min(impact, b & 0x0F);
          fields &= b;
        }
        const byte = impact | (lists[0].info[k0] & 0x30) | (fields & 0xC0);
        info.push(byte);
      }
      return { docs: Int32Array.from(docs), info: Uint8Array.from(info), df: docs.length };
    }

    async function facetDocs(facet, value) {
      const values = ((await facets())[facet] || []).map(v => String(v[0]));
      const index = values.indexOf(String(value));
      if (index < 0) return new Int32Array(0);
      return once(`f/${facet}-${index}.gz`, bytes => readDocSet(new Reader(bytes), -1));
    }

    async function search(query, options = {}) {
      const limit = options.limit === undefined ? 10 : options.limit;
      const offset = options.offset || 0;
      const filters = options.filters || {};
      const m = await meta();
      const clauses = plan(String(query || ''), m.maxGram);
      if (!clauses.length) return { total: 0, results: [], clauses: [] };
      const [evaluated, facetSets] = await Promise.all([
        Promise.all(clauses.map(c => evaluate(m, c))),
        Promise.all(Object.keys(filters).filter(f => filters[f] !== undefined && filters[f] !== '')
          .map(f => facetDocs(f, filters[f]))),
      ]);
      // Score every document that has all clauses (in the title: + 1.5 idf, in the 发文字号: + 2 idf) and passes
      // the filters.
      const n = m.documents;
      let best = -1;
      evaluated.forEach((e, k) => {
        const idf = Math.log(1 + (n - e.df + 0.5) / (e.df + 0.5));
        if (best < 0 || idf > evaluated[best].idf) best = k;
        e.idf = idf;
      });
      // Typed arrays indexed by document: how many clauses each has, its score, its snippet page.
      const hits = new Uint8Array(n), score = new Float64Array(n), page = new Uint8Array(n);
      evaluated.forEach((e, k) => {
        for (let j = 0; j < e.docs.length; j++) {
          const doc = e.docs[j], byte = e.info[j];
          hits[doc]++;
          score[doc] += e.idf * ((byte & 0x0F) / 15) * (m.k1 + 1) + (byte & 0x40 ? e.idf * 1.5 : 0) + (byte & 0x80 ? e.idf * 2.0 : 0);
          if (k === best) page[doc] = (byte >> 4) & 3;
        }
      });
      const first = evaluated.reduce((a, b) => (a.docs.length <= b.docs.length ? a : b));
      const allowed = facetSets.map(s => new Set(s));
      const shown = select(first.docs, doc => hits[doc] === evaluated.length && allowed.every(s => s.has(doc)),
        score, options.sort === 'date', offset, limit);
      const results = await Promise.all(shown.docs.map(doc => result(doc, page[doc], clauses, best, score[doc])));
      return { total: shown.total, results, clauses: clauses.map(c => c.key) };
    }

    /** One result line: the record, and a snippet around the first match of the rarest clause. */
    async function result(doc, pageCode, clauses, best, score) {
      // The record carries snippet pages 0–2 (all the postings name exactly); later pages are files of their own.
      const record = await once(`r/${doc}.gz`, bytes => JSON.parse(text(bytes)));
      const pageText = k => (k < record.x.length ? Promise.resolve(record.x[k]) : once(`r/${doc}-${k}.gz`, text));
      // Pages 0–2 are exact; 3 means "page 3 or later, or only in the title": look through a few.
      const tries = pageCode < 3 ? [pageCode, 0] : [3, 4, 5, 6, 0];
      let snippet = null;
      for (const k of tries) {
        if (k >= record.p) continue;
        snippet = makeSnippet(await pageText(k), clauses, best, k === 0 && tries[0] !== 0 ? 'lead' : 'match');
        if (snippet.highlights.length || k === 0) break;
      }
      return {
        url: siteRoot ? new URL(record.u, siteRoot).href : record.u,
        title: record.t, number: record.n || '', date: record.d || '', kind: record.k,
        kindLabel: KIND_LABELS[record.k] || record.k, issue: record.i || '', issuer: record.s || '',
        snippet: snippet ? snippet.text : '', highlights: snippet ? snippet.highlights : [], score,
      };
    }

    return { search, meta, facets };
  }

  // MARK: - Snippets

  /** Where the clauses occur in `text`, as UTF-16 [start, end) ranges, sorted. */
  function findMatches(text, clauses) {
    const list = units(text);
    const ranges = [];
    for (const clause of clauses) {
      const n = clause.units.length;
      for (let s = 0; s + n <= list.length; s++) {
        let k = 0;
        while (k < n && list[s + k].text === clause.units[k] && list[s + k].position === list[s].position + k) k++;
        if (k === n) ranges.push({ start: list[s].start, end: list[s + n - 1].end, clause: clause.key });
      }
    }
    return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** A window of about `width` characters around the first match of the rarest clause, with highlights. */
  function makeSnippet(text, clauses, best, mode, width = 96) {
    const matches = findMatches(text, clauses);
    const anchor = matches.find(r => clauses[best] && r.clause === clauses[best].key) || matches[0];
    let start = 0;
    if (anchor && mode === 'match') start = Math.max(0, anchor.start - Math.floor(width / 4));
    else if (anchor && anchor.start > width - 16) start = Math.max(0, anchor.start - Math.floor(width / 4));
    // Do not cut a surrogate pair.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    let end = Math.min(text.length, start + width);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
    const prefix = start > 0 ? '…' : '', suffix = end < text.length ? '…' : '';
    const body = text.slice(start, end).replace(/\s+/g, ' ');
    const highlights = [];
    for (const r of matches) {
      const s = Math.max(r.start, start), e = Math.min(r.end, end);
      if (s >= e) continue;
      // Whitespace folding above keeps lengths only if no run of spaces was collapsed before the match.
      const before = text.slice(start, s).replace(/\s+/g, ' ').length;
      const inside = text.slice(s, e).replace(/\s+/g, ' ').length;
      const last = highlights[highlights.length - 1];
      const hs = prefix.length + before, he = hs + inside;
      if (last && hs <= last[1]) last[1] = Math.max(last[1], he);
      else highlights.push([hs, he]);
    }
    return { text: prefix + body + suffix, highlights };
  }

  // MARK: - Browser

  /** The bytes of a response, inflated if they are gzip (a server may already have done it). */
  async function gunzip(buffer) {
    const bytes = new Uint8Array(buffer);
    if (bytes.length < 2 || bytes[0] !== 0x1F || bytes[1] !== 0x8B) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function installInBrowser(window, document) {
    const script = document.currentScript;
    const indexBase = new URL(script && script.dataset.index ? script.dataset.index : '../search/',
      script && script.dataset.index ? document.baseURI : (script ? script.src : document.baseURI));
    const siteRoot = new URL('../', indexBase).href;
    const load = async path => {
      const response = await fetch(new URL(path, indexBase), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${response.status} ${path}`);
      return gunzip(await response.arrayBuffer());
    };
    const engine = createEngine({ load, siteRoot });
    // meta.json (about 100 bytes) is read when the page loads, so a search starts with the token shards.
    engine.meta().catch(() => {});
    window.gazetteSearch = {
      search: (query, options) => engine.search(query, options),
      tokenize: text => units(text).map(u => [u.text, u.position]),
    };
    const start = () => { if (document.getElementById('search-app')) startPage(window, document, engine); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }

  // MARK: - The /search/ page

  const FILTERS = ['year', 'issue', 'issuer', 'kind'];
  const PAGE_SIZE = 20;

  function startPage(window, document, engine) {
    const app = document.getElementById('search-app');
    const form = document.getElementById('search-form');
    const input = document.getElementById('q');
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    const more = document.getElementById('search-more');
    const empty = document.getElementById('search-empty');
    const sort = document.getElementById('search-sort');
    const noscript = document.getElementById('search-noscript');
    if (noscript) noscript.hidden = true;
    let shown = 0, generation = 0;

    const state = () => {
      const filters = {};
      for (const f of FILTERS) {
        const el = document.getElementById(`filter-${f}`);
        if (el && el.value) filters[f] = el.value;
      }
      return { q: input.value.trim(), filters, sort: sort && sort.value === 'date' ? 'date' : 'relevance' };
    };

    const fromURL = () => {
      const params = new URLSearchParams(window.location.search);
      input.value = params.get('q') || '';
      for (const f of FILTERS) {
        const el = document.getElementById(`filter-${f}`);
        if (el) el.value = params.get(f) || '';
      }
      if (sort) sort.value = params.get('sort') === 'date' ? 'date' : 'relevance';
    };

    const toURL = s => {
      const params = new URLSearchParams();
      if (s.q) params.set('q', s.q);
      for (const f of FILTERS) if (s.filters[f]) params.set(f, s.filters[f]);
      if (s.sort === 'date') params.set('sort', 'date');
      const query = params.toString();
      const url = window.location.pathname + (query ? `?${query}` : '');
      if (url !== window.location.pathname + window.location.search) window.history.pushState(null, '', url);
    };

    const render = (s, response, append) => {
      if (!append) list.replaceChildren();
      for (const r of response.results) list.append(resultItem(document, r));
      shown = list.children.length;
      const scope = FILTERS.some(f => s.filters[f]) ? '（已按筛选条件）' : '';
      status.textContent = response.total
        ? `找到 ${response.total} 条结果${scope}，显示第 1–${shown} 条。`
        : `没有找到与“${s.q}”相符的结果${scope}。`;
      empty.hidden = response.total > 0;
      if (!response.total) fillEmpty(document, empty, s);
      more.hidden = shown >= response.total;
    };

    const run = async (append = false) => {
      const s = state();
      const mine = ++generation;
      if (!s.q) {
        list.replaceChildren();
        more.hidden = true;
        empty.hidden = true;
        status.textContent = '请输入要搜索的词语，例如“庭院经济”或文号“阿政办发〔2023〕9号”。';
        return;
      }
      app.setAttribute('aria-busy', 'true');
      if (!append) status.textContent = '正在搜索…';
      try {
        const response = await engine.search(s.q, { limit: PAGE_SIZE, offset: append ? shown : 0, filters: s.filters, sort: s.sort });
        if (mine === generation) render(s, response, append);
      } catch (error) {
        if (mine === generation) status.textContent = '搜索索引加载失败，请稍后重试。';
      } finally {
        if (mine === generation) app.removeAttribute('aria-busy');
      }
    };

    form.addEventListener('submit', event => {
      event.preventDefault();
      toURL(state());
      run();
    });
    for (const el of form.querySelectorAll('select')) {
      el.addEventListener('change', () => { toURL(state()); run(); });
    }
    more.addEventListener('click', () => run(true));
    // Offer only the filter values the index holds (the page lists every value the site has).
    engine.facets().then(facets => {
      for (const f of FILTERS) {
        const el = document.getElementById(`filter-${f}`);
        const known = new Set((facets[f] || []).map(v => String(v[0])));
        if (!el) continue;
        for (const option of [...el.options]) {
          if (option.value && !known.has(option.value) && option.value !== el.value) option.remove();
        }
      }
    }).catch(() => {});
    window.addEventListener('popstate', () => { fromURL(); run(); });
    fromURL();
    run();
  }

  function resultItem(document, r) {
    const li = document.createElement('li');
    li.className = 'search-result';
    const heading = document.createElement('h3');
    heading.className = 'search-result__title';
    const link = document.createElement('a');
    link.href = r.url;
    link.textContent = r.title;
    heading.append(link);
    const meta = document.createElement('p');
    meta.className = 'search-result__meta';
    const parts = [];
    const kind = document.createElement('span');
    kind.className = 'badge';
    kind.textContent = r.kindLabel;
    parts.push(kind);
    if (r.number) { const n = document.createElement('span'); n.textContent = r.number; parts.push(n); }
    if (r.date) { const t = document.createElement('time'); t.dateTime = r.date; t.textContent = r.date; parts.push(t); }
    if (r.issuer) { const i = document.createElement('span'); i.textContent = r.issuer; parts.push(i); }
    parts.forEach((part, k) => { if (k) meta.append(' · '); meta.append(part); });
    const snippet = document.createElement('p');
    snippet.className = 'search-result__snippet';
    let at = 0;
    for (const [s, e] of r.highlights) {
      snippet.append(r.snippet.slice(at, s));
      const mark = document.createElement('mark');
      mark.textContent = r.snippet.slice(s, e);
      snippet.append(mark);
      at = e;
    }
    snippet.append(r.snippet.slice(at));
    li.append(heading, meta, snippet);
    return li;
  }

  function fillEmpty(document, box, s) {
    const tips = [
      '检查是否有错别字，或换一个更常用的说法（如“医保”与“医疗保障”）。',
      '减少词语：多个词之间用空格分开时，结果必须同时包含每一个词。',
      '文号可以直接输入，方括号、圆括号都可以，如“阿政办发[2023]9号”。',
    ];
    if (FILTERS.some(f => s.filters[f])) tips.unshift('取消年份、期号、发文机关或类别的筛选后再试。');
    const list = box.querySelector('ul');
    if (!list) return;
    list.replaceChildren(...tips.map(tip => { const li = document.createElement('li'); li.textContent = tip; return li; }));
  }

  return { fold, units, ngrams, segments, plan, createEngine, makeSnippet, findMatches, fnv1a, readDocSet, Reader,
    gunzip, select, installInBrowser, KIND_LABELS };
});
