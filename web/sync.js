// Sync with a CouchDB (docs/rules.md, "Teams"; README, "Teams: sync through CouchDB").
//
// - What is configured is kept in this browser only (localStorage "spark-roster-sync"): the
//   database URL, the user name and password, this browser's id slot, and which local database
//   holds the team's program. Never in a backup, a share link or the program's documents.
// - The page's Content-Security-Policy allows connections to the configured server's origin
//   and no other (shell/boot.js sets it from this record before anything else runs), so
//   connecting to another server saves the record and reloads the page.
// - On start the server is checked before anything is replicated: reachable, the user name
//   and password taken, the database there, a Spark Roster program or empty, and whether this
//   user may write (the program's design document names the roles that may). Any failure is
//   reported ("Not synced: <reason>") and nothing local changes.
// - A database that holds a program this browser has not opened yet is opened into a local
//   database of its own (nothing of the program already here is sent or changed), then the
//   page reloads onto it. An empty database receives this browser's program.
// - Then replication runs both ways, live, retrying with back-off while the server is away. The
//   local "head" document (the save protocol's, web/storage.js) and design documents are never
//   sent. A change received is read into the open program (C++, sr_sync_remote_changed) once
//   this browser's own changes are saved.
// - Two versions of one record (edited in two browsers before either saw the other's) are a
//   conflict: CouchDB keeps both and picks the same winner everywhere; the Conflicts list
//   shows them side by side and the version chosen replaces both. The "program" document
//   (next id) is merged by itself: the version with the highest next id is kept.
// State for C++ goes through sr_sync_state(JSON) on every change.
mergeInto(LibraryManager.library, {
  $SRSync__deps: ['$SRStorage'],
  $SRSync: {
    key: 'spark-roster-sync',
    slots: 8192,          // core/docs.hpp kSyncSlots
    remote: null,
    handle: null,
    cfg: null,
    writer: false,
    started: false,
    waiting: 0,           // documents saved here since the last time everything was sent
    conflicts: [],
    st: { state: 'off', text: '' },
    lastSync: null,
    // The configuration, or null (none, or no localStorage).
    readConfig: function() {
      try {
        var t = window.localStorage.getItem(SRSync.key);
        var c = t ? JSON.parse(t) : null;
        return c && typeof c === 'object' ? c : null;
      } catch (e) {
        return null;
      }
    },
    writeConfig: function(c) {
      if (c) window.localStorage.setItem(SRSync.key, JSON.stringify(c));
      else window.localStorage.removeItem(SRSync.key);
    },
    // The local documents' database: the team's program once opened here, else the browser's own.
    localName: function() {
      var c = SRSync.readConfig();
      return c && typeof c.db === 'string' && /^spark-roster-sync-[a-z0-9-]+$/.test(c.db) ? c.db : null;
    },
    report: function(patch) {
      for (var k in patch) SRSync.st[k] = patch[k];
      var c = SRSync.cfg || {};
      var s = {
        configured: !!c.url, url: c.url || '', username: c.username || '',
        slot: c.url && c.joined === c.url ? c.slot || 0 : 0,  // ids from its range once it syncs
        state: SRSync.st.state, text: SRSync.st.text || '', read_only: !!SRSync.st.read_only,
        read_only_why: SRSync.st.read_only_why || '', join_docs: SRSync.st.join_docs || 0,
        waiting: SRSync.waiting, last: SRSync.lastSync, conflicts: SRSync.conflicts,
      };
      Module['srSyncState'] = s;
      var json = JSON.stringify(s);
      var n = lengthBytesUTF8(json) + 1, p = _malloc(n);
      stringToUTF8(json, p, n);
      Module['_sr_sync_state'](p);
      SRStorage.wake();
    },
    fail: function(why) {
      SRSync.report({ state: 'failed', text: 'Not synced: ' + why });
    },
    authHeader: function(c) {
      var bytes = new TextEncoder().encode((c.username || '') + ':' + (c.password || ''));
      var bin = '';
      for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
      return 'Basic ' + btoa(bin);
    },
    // GETs `path` under the database (or the server's root when `root`): {status, json}; rejects
    // with a reason for people when the server cannot be reached.
    get: function(c, path, root) {
      var u = new URL(c.url);
      var base = root ? u.origin + u.pathname.replace(/\/[^\/]*\/?$/, '') : c.url.replace(/\/+$/, '');
      return fetch(base + path, {
        headers: { authorization: SRSync.authHeader(c), accept: 'application/json' },
        credentials: 'omit', cache: 'no-store',
      }).then(function(res) {
        return res.text().then(function(t) {
          var json = null;
          try { json = JSON.parse(t); } catch (e) { /* not JSON */ }
          return { status: res.status, json: json };
        });
      }, function(e) {
        var err = new Error('the server at ' + u.origin + ' cannot be reached (' + (e && e.message || e) + ')');
        err.unreachable = true;
        throw err;
      });
    },
    dbName: function(c) {
      var parts = new URL(c.url).pathname.split('/').filter(Boolean);
      return decodeURIComponent(parts[parts.length - 1] || '');
    },
    // What answers a status of a database request, for people.
    refusal: function(c, r) {
      if (r.status === 401) return 'the server refused the user name or password (401 Unauthorized)';
      if (r.status === 403) return 'user ' + c.username + ' is not a member of database ' + SRSync.dbName(c) + ' (403 Forbidden)';
      if (r.status === 404) return 'the server has no database ' + SRSync.dbName(c) + ': a server admin creates it (README, "Teams")';
      return 'the server answered ' + r.status + (r.json && r.json.reason ? ' (' + r.json.reason + ')' : '');
    },
    // Checks the server and the database. Resolves {writer, program (bool), docs (count)}, or
    // rejects with the reason.
    check: function(c) {
      var out = { writer: true, program: false, docs: 0, roles: [] };
      return SRSync.get(c, '').then(function(r) {
        if (r.status !== 200) throw new Error(SRSync.refusal(c, r));
        if (!r.json || typeof r.json.db_name !== 'string') throw new Error(new URL(c.url).origin + ' does not answer as a CouchDB database');
        out.docs = r.json.doc_count || 0;
        return SRSync.get(c, '/_session', true);
      }).then(function(r) {
        var ctx = r.json && r.json.userCtx;
        if (r.status === 401) throw new Error(SRSync.refusal(c, r));
        out.roles = ctx && Array.isArray(ctx.roles) ? ctx.roles : [];
        // The design document and the program's document, in one request that answers 200
        // whether or not they are there.
        return SRSync.get(c, '/_all_docs?include_docs=true&keys=' + encodeURIComponent(JSON.stringify(['_design/spark-roster', 'program'])));
      }).then(function(r) {
        if (r.status !== 200 || !r.json || !Array.isArray(r.json.rows)) throw new Error(SRSync.refusal(c, r));
        var found = {};
        r.json.rows.forEach(function(row) { if (row.doc && !(row.value && row.value.deleted)) found[row.key] = row.doc; });
        var design = found['_design/spark-roster'];
        if (design) {
          out.docs--;
          var roles = design.spark_roster && Array.isArray(design.spark_roster.editor_roles) ? design.spark_roster.editor_roles : ['editor'];
          out.writer = out.roles.indexOf('_admin') >= 0 || roles.some(function(x) { return out.roles.indexOf(x) >= 0; });
          out.editorRoles = roles;
        }
        if (found.program) {
          var meta = null;
          try { meta = JSON.parse(SRStorage.recordText(found.program)); } catch (e) { /* below */ }
          if (!meta || meta.format !== 'spark-roster')
            throw new Error('database ' + SRSync.dbName(c) + ' is not a Spark Roster program: its document "program" is not one');
          out.program = true;
          return out;
        }
        return SRSync.get(c, '/_all_docs?limit=5').then(function(all) {
          var rows = all.json && Array.isArray(all.json.rows) ? all.json.rows : [];
          var others = rows.filter(function(x) { return x.id.indexOf('_design/') !== 0; });
          if (others.length) {
            throw new Error('database ' + SRSync.dbName(c) + ' is not a Spark Roster program: it holds other documents ("' +
                            others[0].id + '") and no program');
          }
          return out;
        });
      });
    },
    // The server's database. Its requests go through `fetch` here, which tells whether the server
    // answers: replication retrying with back-off says nothing of a server gone away.
    remoteDb: function(c) {
      var watched = function(u, opts) {
        return fetch(u, opts).then(function(res) {
          if (SRSync.netDown) {
            SRSync.netDown = false;
            if (SRSync.st.state === 'offline') SRSync.report({ state: 'syncing', text: 'Syncing…' });
          }
          return res;
        }, function(e) {
          if (!SRSync.netDown) {
            SRSync.netDown = true;
            if (SRSync.handle) SRSync.offline(e);
          }
          throw e;
        });
      };
      return new PouchDB(c.url, { adapter: 'http', skip_setup: true, fetch: watched,
                                  auth: { username: c.username, password: c.password } });
    },
    // Starts sync for this tab (the one that writes), once the program has loaded.
    start: function() {
      if (SRSync.started) return;
      SRSync.started = true;
      var c = SRSync.cfg = SRSync.readConfig();
      if (!c || !c.url) return SRSync.report({ state: 'off', text: '' });
      SRSync.report({ state: 'checking', text: 'Connecting…' });
      SRSync.check(c).then(function(found) {
        SRSync.writer = found.writer;
        if (c.writer !== found.writer) {
          c.writer = found.writer;  // remembered for a start while the server cannot be reached
          SRSync.writeConfig(c);
        }
        if (!found.writer) {
          SRSync.report({ read_only: true,
                          read_only_why: 'You can read this program but not change it: ' + c.username +
                                         ' is a read-only member of the team\'s database (roles that may edit: ' +
                                         (found.editorRoles || []).join(', ') + ').' });
        }
        if (c.joined === c.url) return SRSync.live();
        if (found.program) return SRSync.report({ state: 'join', text: 'Not synced: the team\'s program is not opened in this browser yet', join_docs: found.docs });
        if (!found.writer) throw new Error('database ' + SRSync.dbName(c) + ' is empty and ' + c.username + ' may not write to it');
        // An empty database: this browser's program becomes the team's.
        c.joined = c.url;
        SRSync.writeConfig(c);
        return SRSync.live();
      }).catch(function(e) {
        var why = e && e.message || String(e);
        if (!(e && e.unreachable)) return SRSync.fail(why);
        // The server cannot be reached (offline, or it is down): a browser already syncing
        // with it works on and replicates when it is back; one that has not joined yet checks
        // again in a while.
        if (c.joined === c.url) {
          SRSync.writer = c.writer !== false;
          if (!SRSync.writer) {
            SRSync.report({ read_only: true, read_only_why: 'You can read this program but not change it: ' + c.username +
                                                            ' is a read-only member of the team\'s database.' });
          }
          return SRSync.live().then(function() { SRSync.offline(e); });
        }
        SRSync.fail(why);
        SRSync.started = false;
        SRSync.retry = setTimeout(SRSync.start, 15000);
      });
    },
    // Replication both ways (only from the server for a read-only member), live.
    live: function() {
      var c = SRSync.cfg;
      return SRStorage.openPouch().then(function(local) {
        SRSync.remote = SRSync.remoteDb(c);
        var opts = {
          live: true, retry: true, batch_size: 500,
          back_off_function: function(delay) { return delay === 0 ? 1000 : Math.min(delay * 2, 30000); },
        };
        var sendable = function(doc) { return doc._id !== 'head' && doc._id.indexOf('_design/') !== 0; };
        var h;
        if (SRSync.writer) {
          h = local.sync(SRSync.remote, { live: true, retry: true, batch_size: 500, back_off_function: opts.back_off_function,
                                          push: { filter: sendable }, pull: {} });
        } else {
          h = local.replicate.from(SRSync.remote, opts);
        }
        SRSync.handle = h;
        if (!SRSync.watching) {
          SRSync.watching = true;
          window.addEventListener('offline', function() { SRSync.netDown = true; SRSync.offline(null); });
        }
        SRSync.report({ state: 'syncing', text: 'Syncing…' });
        h.on('change', function(info) {
          var pull = SRSync.writer ? info.direction === 'pull' : true;
          var ch = SRSync.writer ? info.change : info;
          if (!pull || !ch || !ch.docs_written) return;
          Module['_sr_sync_remote_changed']();
          // The other tabs of this browser follow, as they follow this tab's saves.
          if (SRStorage.channel) SRStorage.channel.postMessage({ type: 'saved', seq: 0 });
        });
        h.on('active', function() { SRSync.report({ state: 'syncing', text: 'Syncing…' }); });
        h.on('paused', function(err) {
          if (err || SRSync.netDown) return SRSync.offline(err);
          SRSync.waiting = 0;
          SRSync.lastSync = new Date().toISOString();
          SRSync.report({ state: 'synced', text: 'Synced' });
        });
        h.on('denied', function(err) {
          SRSync.report({ state: 'failed', text: 'Not synced: the server refused a change (' + SRStorage.describePouch(err) + ')' });
        });
        h.on('error', function(err) { SRSync.offline(err); });
      });
    },
    offline: function(err) {
      var status = err && err.status;
      if (status === 401) return SRSync.fail('the server refused the user name or password (401 Unauthorized)');
      if (status === 403) return SRSync.fail('the server refused access (' + SRStorage.describePouch(err) + ')');
      var w = SRSync.waiting;
      SRSync.report({ state: 'offline', text: 'Offline' + (w ? ', ' + w + (w === 1 ? ' change' : ' changes') + ' waiting' : '') });
    },
    // A save of this tab completed, writing `docs` documents.
    saved: function(docs) {
      if (!SRSync.handle) return;
      SRSync.waiting += docs;
      if (SRSync.st.state === 'offline') SRSync.offline(null);
    },
    // Opens the team's program: replicated into a new local database, then the page reloads.
    join: function() {
      var c = SRSync.cfg;
      if (!c || SRSync.st.state !== 'join') return;
      var name = 'spark-roster-sync-' + Date.now().toString(36);
      var local;
      try {
        local = new PouchDB(name, { adapter: 'indexeddb', auto_compaction: false });
      } catch (e) {
        return SRSync.fail(SRStorage.describePouch(e));
      }
      var got = 0;
      SRSync.report({ state: 'joining', text: 'Opening the team\'s program…' });
      PouchDB.replicate(SRSync.remoteDb(c), local, { batch_size: 500 }).on('change', function(info) {
        got = info.docs_written;
        SRSync.report({ state: 'joining', text: 'Opening the team\'s program: ' + got + ' documents received' });
      }).then(function() {
        return local.put({ _id: 'head', s: 1 });
      }).then(function() {
        return local.close();
      }).then(function() {
        c.db = name;
        c.joined = c.url;
        SRSync.writeConfig(c);
        window.location.reload();
      }).catch(function(e) {
        local.destroy().catch(function() {});
        SRSync.fail('the team\'s program could not be opened (' + SRStorage.describePouch(e) + '); nothing here changed');
      });
    },
    // The conflicting documents found by a read (`ids`), with every version, for C++; the
    // "program" document is merged here (the highest next id).
    found: function(db, ids) {
      var list = [];
      var one = function(i) {
        if (i >= ids.length || list.length >= 50) return Promise.resolve();
        var id = ids[i];
        return Promise.all([db.get(id, { open_revs: 'all' }), db.get(id)]).then(function(got) {
          var winner = got[1]._rev;
          var versions = got[0].filter(function(x) { return x.ok; }).map(function(x) {
            return { rev: x.ok._rev, text: SRStorage.recordText(x.ok), deleted: !!x.ok._deleted, winner: x.ok._rev === winner, s: x.ok.s };
          });
          versions.sort(function(a, b) { return (b.winner ? 1 : 0) - (a.winner ? 1 : 0); });
          if (id === 'program') {
            var best = versions[0], next = function(v) { try { return JSON.parse(v.text).next_id || 0; } catch (e) { return 0; } };
            versions.forEach(function(v) { if (!v.deleted && next(v) > next(best)) best = v; });
            return SRSync.keep(db, id, best.rev);
          }
          if (versions.length > 1) list.push({ id: id, versions: versions });
        }).catch(function() { /* gone meanwhile */ }).then(function() { return one(i + 1); });
      };
      return one(0).then(function() {
        SRSync.conflicts = list;
        SRSync.report({});
      });
    },
    // Keeps version `rev` of document `id`: written over the winning version, every other version
    // deleted, in one bulkDocs.
    keep: function(db, id, rev) {
      return Promise.all([db.get(id, { open_revs: 'all' }), db.get(id)]).then(function(got) {
        var winner = got[1];
        var chosen = null;
        got[0].forEach(function(x) { if (x.ok && x.ok._rev === rev) chosen = x.ok; });
        if (!chosen) throw new Error('that version of ' + id + ' is no longer there');
        var ops = [];
        got[0].forEach(function(x) {
          if (!x.ok || x.ok._rev === winner._rev || x.ok._deleted) return;
          ops.push({ _id: id, _rev: x.ok._rev, _deleted: true });
        });
        if (chosen._rev !== winner._rev) {
          var d = { _id: id, _rev: winner._rev, s: chosen.s };
          if (chosen._deleted) d._deleted = true;
          else d.r = chosen.r;
          ops.push(d);
        }
        return ops.length ? db.bulkDocs(ops) : [];
      }).then(function(results) {
        results.forEach(function(r) { if (r.error) throw r; if (r.id === id) SRStorage.revs[id] = r.rev; });
      });
    },
  },

  // Starts sync once the stored program has loaded in the tab that writes.
  sr_sync_start__deps: ['$SRSync', 'malloc'],
  sr_sync_start: function() {
    Module['srSyncStateNow'] = function() { return Module['srSyncState'] || null; };
    SRSync.start();
  },

  // Saves what to connect to (url, user name, password) and reloads the page: the page may talk
  // to that server only once it has loaded with it in its Content-Security-Policy.
  sr_sync_configure__deps: ['$SRSync', 'malloc'],
  sr_sync_configure: function(url, user, password) {
    var old = SRSync.readConfig() || {};
    var c = { url: UTF8ToString(url), username: UTF8ToString(user), password: UTF8ToString(password) };
    c.slot = old.slot || 1 + Math.floor(Math.random() * (SRSync.slots - 1));
    if (old.db && old.joined === c.url) { c.db = old.db; c.joined = old.joined; }
    try {
      SRSync.writeConfig(c);
    } catch (e) {
      return SRSync.fail('this browser does not keep settings (' + SRStorage.describe(e) + ')');
    }
    window.location.reload();
  },

  // Stops syncing and forgets the server and the password. The program stays as it is here.
  sr_sync_forget__deps: ['$SRSync'],
  sr_sync_forget: function() {
    var c = SRSync.readConfig();
    if (SRSync.handle) SRSync.handle.cancel();
    SRSync.handle = null;
    try {
      SRSync.writeConfig(c && c.db ? { db: c.db, slot: c.slot } : null);
    } catch (e) { /* nothing kept anyway */ }
    window.location.reload();
  },

  sr_sync_join__deps: ['$SRSync'],
  sr_sync_join: function() { SRSync.join(); },

  // Keeps one version of a conflicting record; the program is read again.
  sr_sync_resolve__deps: ['$SRSync'],
  sr_sync_resolve: function(id, rev) {
    var docId = UTF8ToString(id), keepRev = UTF8ToString(rev);
    SRStorage.queue(function() {
      return SRStorage.openPouch().then(function(db) { return SRSync.keep(db, docId, keepRev); });
    }).then(function() {
      SRSync.conflicts = SRSync.conflicts.filter(function(x) { return x.id !== docId; });
      SRSync.report({});
      Module['_sr_sync_remote_changed']();
    }, function(e) {
      SRSync.report({ text: 'Not resolved: ' + SRStorage.describePouch(e) });
    });
  },
});
