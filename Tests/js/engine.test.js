// The search engine of theme/assets/search.js on a real index: Tests/js/fixture/search/, written by the Swift
// builder from IndexFixture.records (GazetteSearchTests checks that it is up to date).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs/promises');
const search = require('../../theme/assets/search.js');

const folder = path.join(__dirname, 'fixture', 'search');
const fetched = [];
function engine() {
  return search.createEngine({
    load: async file => {
      fetched.push(file);
      return search.gunzip(await fs.readFile(path.join(folder, file)));
    },
  });
}
const urls = response => response.results.map(r => r.url);

test('a phrase finds every record that contains it, and only those', async () => {
  const r = await engine().search('庭院经济');
  assert.equal(r.total, 2);
  assert.deepEqual(urls(r).sort(), ['documents/azbf-2023-9/', 'interpretations/azbf-2023-9/']);
});

test('a single character works', async () => {
  const r = await engine().search('医');
  assert.deepEqual(urls(r).sort(), ['documents/azf-2022-5/', 'interpretations/azbf-2023-9/']);
});

test('a document number matches with look-alike brackets, and ranks the document itself first', async () => {
  for (const q of ['阿政办发〔2023〕9号', '阿政办发[2023]9号', '阿政办发（2023）9号', '阿政办发 2023 9号']) {
    const r = await engine().search(q);
    assert.equal(r.total, 3, q);
    assert.ok(['documents/azbf-2023-9/', 'interpretations/azbf-2023-9/'].includes(r.results[0].url), q);
  }
});

test('phrases longer than four units are verified with positions', async () => {
  assert.equal((await engine().search('公益性岗位')).total, 1);
  assert.equal((await engine().search('人力资源和社会保障局')).total, 1);
  // Every 4-gram of this occurs, but not the phrase itself.
  assert.equal((await engine().search('公益性岗位人员由就业')).total, 0);
});

test('every space-separated word must occur; none is dropped', async () => {
  assert.equal((await engine().search('医保 庭院经济')).total, 1);
  assert.equal((await engine().search('医保 不存在的词')).total, 0);
  assert.equal((await engine().search('。')).total, 0);
});

test('filters and date sort', async () => {
  const all = await engine().search('阿尔山市');
  assert.ok(all.total >= 4);
  const kind = await engine().search('阿尔山市', { filters: { kind: 'interpretation' } });
  assert.deepEqual(urls(kind), ['interpretations/azbf-2023-9/']);
  const year = await engine().search('阿尔山市', { filters: { year: '2022' } });
  assert.deepEqual(urls(year), ['documents/azf-2022-5/']);
  const issuer = await engine().search('庭院经济', { filters: { issuer: '阿尔山市人民政府' } });
  assert.equal(issuer.total, 0);
  const issue = await engine().search('阿尔山市', { filters: { issue: '2022-03' } });
  assert.deepEqual(urls(issue), ['documents/azf-2022-5/']);
  const byDate = await engine().search('阿尔山市', { sort: 'date' });
  const dates = byDate.results.map(r => r.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('Mongolian words and Latin are whole tokens', async () => {
  assert.deepEqual(urls(await engine().search('ᠬᠡᠯᠡ')), ['leaders/li-ming/']);
  assert.deepEqual(urls(await engine().search('covid')), ['committees/yiwu-jiaoyu/']);
  assert.equal((await engine().search('covi')).total, 0);
});

test('snippets show the match, highlighted, even on a later page', async () => {
  fetched.length = 0;
  const r = await engine().search('联系方式');
  // Pages 0–2 come with the record; the match is on page 3, a file of its own.
  assert.ok(fetched.some(f => /^r\/\d+-3\.gz$/.test(f)), fetched.join());
  assert.equal(r.total, 1);
  const [hit] = r.results;
  assert.ok(hit.highlights.length > 0);
  const [s, e] = hit.highlights[0];
  assert.equal(hit.snippet.slice(s, e), '联系方式');
  const title = await engine().search('李明');
  assert.ok(title.results.some(x => x.url === 'leaders/li-ming/'));
});

test('a query downloads only its own tokens and the shown records', async () => {
  fetched.length = 0;
  await engine().search('庭院经济', { limit: 1 });
  assert.ok(fetched.every(f => f === 'meta.json' || f.startsWith('t/') || f.startsWith('r/')), fetched.join());
  assert.equal(fetched.filter(f => f.startsWith('r/')).length, 1);
});

test('snippet highlights map onto the original text', () => {
  const clauses = search.plan('阿政办发[2023]9号', 4);
  const s = search.makeSnippet('参照阿政办发〔2023〕9号文件执行。', clauses, 0, 'match');
  assert.equal(s.text.slice(s.highlights[0][0], s.highlights[0][1]), '阿政办发〔2023〕9号');
});
