// How the engine picks a results page out of thousands of matches (search.js, `select`).
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('../../theme/assets/search.js');

function pseudoRandom(n, seed) {
  const out = [];
  for (let i = 0; i < n; i++) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; out.push(seed >>> 24); }
  return out;
}

test('a results page is the best of the matches, as a full sort would give', () => {
  const n = 3000;
  const score = Float64Array.from(pseudoRandom(n, 3), b => b % 17);  // many ties: the id must break them
  const docs = Int32Array.from({ length: n }, (_, i) => i);
  const keep = doc => doc % 3 !== 1;
  const sorted = Array.from(docs).filter(keep).sort((a, b) => (score[b] - score[a]) || (a - b));
  for (const [offset, limit] of [[0, 10], [0, 1], [10, 10], [250, 20], [990, 30], [1990, 20]]) {
    const page = search.select(docs, keep, score, false, offset, limit);
    assert.equal(page.total, sorted.length);
    assert.deepEqual(page.docs, sorted.slice(offset, offset + limit), `${offset}+${limit}`);
  }
  const byDate = search.select(docs, keep, score, true, 5, 10);
  assert.deepEqual(byDate.docs, Array.from(docs).filter(keep).slice(5, 15));
});
