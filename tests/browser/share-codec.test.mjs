// The share-link codec of web/share.js, run under Node 20 (which has CompressionStream):
//   node --test tests/browser/share-codec.test.mjs
// The library file is loaded as it is, with a stand-in for Emscripten's mergeInto and for the
// module's memory functions, so what is tested is the code the page runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';

const source = readFileSync(fileURLToPath(new URL('../../web/share.js', import.meta.url)), 'utf8');

// A fresh copy of the library with a fake heap: pointers are numbers, strings live in a Map.
function load() {
  const heap = new Map();
  let next = 8;
  const done = [];
  const ctx = {
    TextEncoder, TextDecoder, CompressionStream, DecompressionStream, Uint8Array, Promise, Error, Math, String,
    LibraryManager: { library: {} },
    mergeInto(lib, items) { Object.assign(lib, items); },
    lengthBytesUTF8: (s) => Buffer.byteLength(s, 'utf8'),
    _malloc: (n) => { const p = next; next += n; heap.set(p, null); return p; },
    stringToUTF8: (s, p) => heap.set(p, s),
    UTF8ToString: (p) => heap.get(p),
    // As on the page (web/api.js): asynchronous work is counted, the result passed on as it is.
    Module: { _sr_share_done: (id, ok, ptr) => done.push({ id, ok, text: heap.get(ptr), ptr }), srAsync: (p) => p },
  };
  vm.createContext(ctx);
  vm.runInContext(source, ctx, { filename: 'web/share.js' });
  const lib = ctx.LibraryManager.library;
  ctx.SRShare = lib.$SRShare;  // Emscripten names a '$X' library item X
  const put = (s) => { const p = next; next += 1; heap.set(p, s); return p; };
  // Waits until `count` callbacks have arrived.
  const settle = async (count) => {
    for (let i = 0; i < 200 && done.length < count; i++) await new Promise((r) => setTimeout(r, 5));
    return done;
  };
  return { lib, codec: lib.$SRShare, put, done, settle };
}

const brief = JSON.stringify({
  format: 'spark-roster-brief', version: 1, key: 'b0k3x9m2p4q7r8s',
  title: 'Serum launch — café edition 😀',
  do_not_say: ['cures eczema', 'better than CeraVe'],
  checklist: Array.from({ length: 12 }, (_, i) => ({ id: `item-${i}`, part: 'Hook', text: 'Open with the problem '.repeat(3) })),
});

test('a brief compresses to base64url without padding and opens back to the same text', async () => {
  const { codec } = load();
  const b64 = await codec.compress(brief);
  assert.match(b64, /^[A-Za-z0-9_-]+$/);
  assert.ok(b64.length < Buffer.byteLength(brief), `compressed ${b64.length} < ${Buffer.byteLength(brief)}`);
  assert.equal(await codec.decompress(b64), brief);
});

test('the compressed payload is plain deflate-raw, readable by any inflater', async () => {
  const { codec } = load();
  const b64 = await codec.compress(brief);
  assert.equal(zlib.inflateRawSync(Buffer.from(b64, 'base64url')).toString('utf8'), brief);
  const fromZlib = zlib.deflateRawSync(Buffer.from(brief, 'utf8')).toString('base64url');
  assert.equal(await codec.decompress(fromZlib), brief);
});

test('base64url matches the RFC 4648 vectors, and the core\'s encoding', () => {
  const { codec } = load();
  const enc = (s) => codec.encode(new TextEncoder().encode(s));
  assert.deepEqual(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc),
                   ['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
  assert.equal(codec.encode(new Uint8Array([0xfb, 0xff])), '-_8');
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let n = 0; n <= 256; n++) {
    const part = all.slice(256 - n);
    const text = codec.encode(part);
    assert.equal(text, Buffer.from(part).toString('base64url'));
    assert.deepEqual(codec.decode(text), part);
  }
  assert.deepEqual(codec.decode('Zm8='), new TextEncoder().encode('fo'));
});

test('a damaged link is refused, naming the character and its position', async () => {
  const { codec } = load();
  const b64 = await codec.compress(brief);
  const damaged = b64.slice(0, 10) + '%' + b64.slice(11);
  await assert.rejects(codec.decompress(damaged), /'%' at position 10/);
  await assert.rejects(codec.decompress('abcde'), /impossible length/);
  await assert.rejects(codec.decompress(''), /holds nothing/);
});

test('a truncated or altered link is refused as damaged, never half-read', async () => {
  const { codec } = load();
  const b64 = await codec.compress(brief);
  await assert.rejects(codec.decompress(b64.slice(0, Math.floor(b64.length / 2))), /damaged or cut off/);
  await assert.rejects(codec.decompress('AAAAAAAA'), /damaged or cut off/);
});

test('a link that opens to more than 64 KB is refused (a compression bomb)', async () => {
  const { codec } = load();
  const bomb = zlib.deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 'a')).toString('base64url');
  assert.ok(bomb.length < 20000, `bomb is ${bomb.length} characters`);
  await assert.rejects(codec.decompress(bomb), /more than 64 KB/);
  const exactly = zlib.deflateRawSync(Buffer.alloc(65536, 'a')).toString('base64url');
  assert.equal((await codec.decompress(exactly)).length, 65536);
  await assert.rejects(codec.decompress('A'.repeat(90004)), /at most 90000/);
});

test('a link holding bytes that are not UTF-8 is refused', async () => {
  const { codec } = load();
  const bad = zlib.deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])).toString('base64url');
  await assert.rejects(codec.decompress(bad), /not hold UTF-8/);
});

test('a brief over 64 KB is not made into a link', async () => {
  const { codec } = load();
  await assert.rejects(codec.compress('x'.repeat(65537)), /at most 64 KB/);
  assert.match(await codec.compress('x'.repeat(65536)), /^[A-Za-z0-9_-]+$/);
});

test('the C entry points call back once per request with a malloc\'d result, success or failure', async () => {
  const { lib, put, settle } = load();
  lib.sr_share_compress(put(brief), 7);
  lib.sr_share_decompress(put('not*base64'), 8);
  assert.equal((await settle(0)).length, 0, 'no callback from inside the call');
  const done = await settle(2);
  assert.equal(done.length, 2);
  const ok = done.find((d) => d.id === 7);
  const bad = done.find((d) => d.id === 8);
  assert.equal(ok.ok, 1);
  assert.match(ok.text, /^[A-Za-z0-9_-]+$/);
  assert.equal(bad.ok, 0);
  assert.match(bad.text, /'\*' at position 3/);
  assert.ok(ok.ptr > 0 && bad.ptr > 0);
  lib.sr_share_decompress(put(ok.text), 9);
  const back = (await settle(3)).find((d) => d.id === 9);
  assert.equal(back.ok, 1);
  assert.equal(back.text, brief);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(done.length, 3, 'exactly one callback per request');
});

test('without CompressionStream every request still calls back, with the reason', async () => {
  const { lib, codec, put, settle } = load();
  codec.supported = () => false;
  lib.sr_share_compress(put(brief), 1);
  lib.sr_share_decompress(put('Zm9v'), 2);
  const done = await settle(2);
  assert.deepEqual(done.map((d) => [d.id, d.ok]).sort(), [[1, 0], [2, 0]]);
  assert.match(done[0].text, /cannot (make|open) share links/);
});
