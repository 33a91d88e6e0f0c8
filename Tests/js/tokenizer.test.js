// The JavaScript tokenizer against the vectors the Swift tests read too (Tests/Vectors/tokenizer.json).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const search = require('../../theme/assets/search.js');

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'Vectors', 'tokenizer.json'), 'utf8')).cases;

for (const vector of vectors) {
  test(`tokenizer: ${vector.name}`, () => {
    assert.equal(search.fold(vector.input), vector.folded);
    const units = search.units(vector.input);
    assert.deepEqual(units.map(u => [u.text, u.position]), vector.units);
    assert.deepEqual(search.ngrams(units, 2), vector.tokens);
    if (vector.ngrams4) assert.deepEqual(search.ngrams(units, 4), vector.ngrams4);
  });
}

test('units point back to their UTF-16 source', () => {
  const text = '见阿政办发［2023］9号。𠀀字';
  const units = search.units(text);
  assert.deepEqual(units.map(u => text.slice(u.start, u.end)), ['见', '阿', '政', '办', '发', '2023', '9', '号', '𠀀', '字']);
});

test('a query plan keeps every word and splits long phrases into covered 4-grams', () => {
  const plan = search.plan('公益性岗位  医保', 4);
  assert.deepEqual(plan.map(c => c.key), ['公益性岗位', '医保']);
  assert.equal(plan[0].phrase, true);
  assert.deepEqual(plan[0].cover, [{ token: '公益性岗', offset: 0 }, { token: '益性岗位', offset: 1 }]);
  assert.deepEqual(search.plan('阿政办发[2023]9号', 4)[0].cover.map(c => c.token), ['阿政办发', '发2023 9号']);
  assert.deepEqual(search.plan('医保，政策', 4).map(c => c.key), ['医保', '政策']);
  assert.deepEqual(search.plan('。，', 4), []);
});

test('FNV-1a matches the Swift shard hash', () => {
  // Values from BlobStore.fnv1a (see GazetteSearchTests).
  assert.equal(search.fnv1a(''), 0x811C9DC5);
  assert.equal(search.fnv1a('a'), 0xE40C292C);
  assert.equal(search.fnv1a('庭院'), 0xD5B6DA4B);
});
