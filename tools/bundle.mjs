// Bundles PouchDB for the page: web/pouchdb-entry.js (PouchDB's core with its newer IndexedDB
// adapter, the HTTP adapter and replication, from node_modules, pinned in package-lock.json) and
// the modules they require, resolved as a browser bundler would (each package's "browser" field),
// with web/events.js for Node's 'events', into one script that sets window.PouchDB. The
// packages' licences go in the script's opening comment. Nothing of it is committed: the build
// writes it (tools/dist.mjs --pouchdb DIR) beside the page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modulesDir = path.join(root, 'node_modules');
const own = { events: path.join(root, 'web/events.js') };

function packageOf(file) {
  let dir = path.dirname(file);
  while (dir.startsWith(modulesDir) && dir !== modulesDir) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) return { dir, json: JSON.parse(fs.readFileSync(pj, 'utf8')) };
    dir = path.dirname(dir);
  }
  return null;
}

function withBrowserField(file) {
  const pkg = packageOf(file);
  if (!pkg || typeof pkg.json.browser !== 'object') return file;
  for (const [from, to] of Object.entries(pkg.json.browser)) {
    if (path.resolve(pkg.dir, from) === file && typeof to === 'string') return path.resolve(pkg.dir, to);
  }
  return file;
}

function resolve(spec, fromFile) {
  if (own[spec]) return own[spec];
  if (spec.startsWith('.')) {
    let f = path.resolve(path.dirname(fromFile), spec);
    if (!fs.existsSync(f) || fs.statSync(f).isDirectory()) f = fs.existsSync(f + '.js') ? f + '.js' : path.join(f, 'index.js');
    return withBrowserField(f);
  }
  const dir = path.join(modulesDir, spec);
  const pj = path.join(dir, 'package.json');
  if (!fs.existsSync(pj)) throw new Error(`the PouchDB bundle needs "${spec}", which is not in node_modules: run tools/setup`);
  const json = JSON.parse(fs.readFileSync(pj, 'utf8'));
  const main = typeof json.browser === 'string' ? json.browser : json.main || 'index.js';
  return withBrowserField(path.resolve(dir, main));
}

export function pouchdbVersion() {
  return JSON.parse(fs.readFileSync(path.join(modulesDir, 'pouchdb-core/package.json'), 'utf8')).version;
}

export async function bundlePouchDB() {
  const ids = new Map();  // file -> number
  const bodies = [];
  const packages = new Map();
  const add = (file) => {
    if (ids.has(file)) return ids.get(file);
    const id = ids.size;
    ids.set(file, id);
    bodies.push(null);
    const pkg = packageOf(file);
    if (pkg) packages.set(pkg.json.name, pkg);
    let src = fs.readFileSync(file, 'utf8');
    src = src.replace(/\brequire\((['"])([^'"]+)\1\)/g, (m, q, spec) => `__require(${add(resolve(spec, file))})`);
    bodies[id] = src;
    return id;
  };
  add(path.join(root, 'web/pouchdb-entry.js'));
  // Each licence once, with the packages it covers (most are the same Apache-2.0 text).
  const byText = new Map();
  for (const { dir, json } of packages.values()) {
    const file = ['LICENSE', 'LICENSE.md', 'LICENCE'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    const text = (file ? fs.readFileSync(file, 'utf8') : `licence: ${json.license}`).trim();
    if (!byText.has(text)) byText.set(text, []);
    byText.get(text).push(`${json.name} ${json.version}`);
  }
  const licences = [...byText].map(([text, names]) =>
    ` * ${names.join(', ')}\n *\n` + text.replace(/\*\//g, '* /').split('\n').map((l) => ' * ' + l).join('\n'));
  let code = '(function () {\nvar __defs = [\n';
  code += bodies.map((b, i) => `/* ${i} */ function (module, exports, __require) {\n${b}\n}`).join(',\n');
  code += '\n];\nvar __cache = [];\n';
  code += 'function __require(i) {\n  if (__cache[i]) return __cache[i].exports;\n  var m = __cache[i] = { exports: {} };\n' +
          '  __defs[i].call(m.exports, m, m.exports, __require);\n  return m.exports;\n}\n';
  code += 'self.PouchDB = __require(0);\n})();\n';
  // Minified (terser, pinned in package-lock.json): the first visit downloads it.
  const small = await minify(code, { compress: true, mangle: true, format: { comments: false } });
  return `/* PouchDB for Spark Roster's storage, bundled by tools/bundle.mjs from node_modules and minified.\n *\n` +
         `${licences.join('\n *\n')}\n */\n${small.code}\n`;
}
