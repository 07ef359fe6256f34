// A CouchDB-compatible server for the sync tests: express-pouchdb (npm, pinned in
// package-lock.json) over in-memory PouchDB databases, on loopback, in this test's process.
// It is set up as a team's server would be (README, "Teams: sync through CouchDB"): a server
// admin, users in `_users`, one database per program whose `_security` names its members, and
// the program's design document whose validate_doc_update refuses writes by members without the
// "editor" role. CORS allows the app's origin, with credentials.
//
// stop() closes the listener and every open connection, as a server going away mid-request
// does; start() listens again on the same port with the same databases (what the server had
// stored is still there, as after a restart of a real CouchDB); close() ends it.
import { fork } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'));
const express = require('express');
const expressPouchdb = require('express-pouchdb');

export const admin = { username: 'admin', password: 'admin-secret' };

// The design document the README gives for a program's database.
export const designDoc = {
  _id: '_design/spark-roster',
  spark_roster: { editor_roles: ['editor'] },
  validate_doc_update: `function (newDoc, oldDoc, userCtx, secObj) {
    if (userCtx.roles.indexOf('_admin') !== -1 || userCtx.roles.indexOf('editor') !== -1) return;
    throw ({ forbidden: 'read-only member: ' + userCtx.name + ' may read this program but not change it' });
  }`,
};

async function serveCouch({ origin }) {
  const Mem = PouchDB.defaults({ adapter: 'memory' });
  const app = express();
  // CORS as a CouchDB with it enabled for the app's origin answers (express-pouchdb has none).
  app.use((req, res, next) => {
    if (req.headers.origin === origin) {
      res.set('access-control-allow-origin', origin);
      res.set('access-control-allow-credentials', 'true');
      res.set('access-control-expose-headers', 'content-type, cache-control, etag');
    }
    if (req.method !== 'OPTIONS') return next();
    res.set('access-control-allow-methods', 'GET, PUT, POST, HEAD, DELETE');
    res.set('access-control-allow-headers', 'accept, authorization, content-type, origin, referer');
    res.set('access-control-max-age', '600');
    res.status(204).end();
  });
  // The design document's rule, applied as CouchDB applies validate_doc_update: a write by a
  // user without the "_admin" or an editor role is refused, 403 forbidden for a document and
  // per document in a _bulk_docs. (express-pouchdb's own validation drops, without an error,
  // every write made with new_edits=false, that is every write replication makes: it is left
  // out and this stands in for it.)
  const users = new Map();  // name -> {password, roles}
  const guarded = new Set();  // databases holding the design document
  const reads = new Set(['_revs_diff', '_bulk_get', '_all_docs', '_changes', '_ensure_full_commit', '_find', '_local']);
  app.use((req, res, next) => {
    const parts = req.path.split('/').filter(Boolean);
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || parts.length < 2 ||
        !guarded.has(decodeURIComponent(parts[0])) || reads.has(parts[1])) return next();
    const [name, password] = Buffer.from(String(req.headers.authorization || '').replace(/^Basic /, ''), 'base64')
      .toString('utf8').split(/:(.*)/s);
    const user = users.get(name);
    const roles = name === admin.username && password === admin.password ? ['_admin']
                : user && user.password === password ? user.roles : null;
    if (!roles || roles.includes('_admin') || roles.includes('editor')) return next();
    const reason = `read-only member: ${name} may read this program but not change it`;
    if (parts[1] !== '_bulk_docs') return res.status(403).json({ error: 'forbidden', reason });
    const body = [];
    req.on('data', (d) => body.push(d));
    req.on('end', () => {
      let docs = [];
      try { docs = JSON.parse(Buffer.concat(body).toString('utf8')).docs || []; } catch { /* none */ }
      res.status(201).json(docs.map((d) => ({ id: d._id, error: 'forbidden', reason })));
    });
  });
  app.use(expressPouchdb(Mem, { mode: 'fullCouchDB', overrideMode: { exclude: ['validation'] }, inMemoryConfig: true,
                                logPath: '/dev/null' }));
  const server = http.createServer(app);
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  let port = 0;
  const listen = () => new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    port = server.address().port;
    resolve();
  }));
  await listen();
  const base = `http://127.0.0.1:${port}`;
  const auth = (u) => 'Basic ' + Buffer.from(`${u.username}:${u.password}`).toString('base64');
  // A request as `user` (null: none), on a connection of its own (none outlives stop()).
  const call = (method, path, body, user = admin) => new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { 'content-type': 'application/json' };
    if (user) headers.authorization = auth(user);
    if (data) headers['content-length'] = data.length;
    const req = http.request(base + path, { method, headers, agent: false }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(Buffer.concat(parts).toString('utf8')); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
  // Ends the admin party first: from here every request is checked.
  const r = await call('PUT', '/_config/admins/' + admin.username, admin.password, null);
  if (r.status !== 200) throw new Error(`server admin: ${r.status} ${JSON.stringify(r.json)}`);
  const couch = {
    base,
    call,
    // A user of the server, with roles.
    async addUser(name, password, roles = []) {
      const r = await call('PUT', '/_users/org.couchdb.user:' + name, { name, password, roles, type: 'user' });
      if (r.status >= 300) throw new Error(`user ${name}: ${r.status} ${JSON.stringify(r.json)}`);
      users.set(name, { password, roles });
    },
    // A program's database: members (by name) and the design document.
    async addProgramDb(db, members) {
      let r = await call('PUT', '/' + db);
      if (r.status >= 300) throw new Error(`database ${db}: ${r.status} ${JSON.stringify(r.json)}`);
      r = await call('PUT', `/${db}/_security`, { admins: { names: [], roles: [] }, members: { names: members, roles: [] } });
      if (r.status >= 300) throw new Error(`security ${db}: ${r.status} ${JSON.stringify(r.json)}`);
      r = await call('PUT', `/${db}/${designDoc._id}`, designDoc);
      if (r.status >= 300) throw new Error(`design ${db}: ${r.status} ${JSON.stringify(r.json)}`);
      guarded.add(db);
    },
    // Every document of a database but design documents, by id.
    async docs(db) {
      const r = await call('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`);
      const out = {};
      for (const row of r.json.rows) if (!row.id.startsWith('_design/')) out[row.id] = row.doc;
      return out;
    },
    stop() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    start: listen,
  };
  return couch;
}

// The server runs in a process of its own, started and ended by the test: whatever a request cut
// short by stop() leaves behind in express-pouchdb (its change feeds' timers) ends with that
// process, not with the test's. Every call below goes to it and resolves with its answer.
export async function startCouch({ origin }) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', origin], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map();
  let next = 0;
  const base = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the test server stopped (${code})`)));
    child.on('message', (m) => {
      if (m.ready) return resolve(m.base);
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (w) m.error ? w.reject(new Error(m.error)) : w.resolve(m.result);
    });
  });
  const ask = (cmd, ...args) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    child.send({ id, cmd, args });
  });
  return {
    base,
    call: (...a) => ask('call', ...a),
    addUser: (...a) => ask('addUser', ...a),
    addProgramDb: (...a) => ask('addProgramDb', ...a),
    docs: (...a) => ask('docs', ...a),
    stop: () => ask('stop'),
    start: () => ask('start'),
    // Ends the server's process.
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}

if (process.argv[2] === '--serve' && process.send) {
  const couch = await serveCouch({ origin: process.argv[3] });
  process.on('message', async (m) => {
    try {
      process.send({ id: m.id, result: (await couch[m.cmd](...m.args)) ?? null });
    } catch (e) {
      process.send({ id: m.id, error: String(e && e.message || e) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, base: couch.base });
}
