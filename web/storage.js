// IndexedDB persistence for the app.
//
// - The program is stored as one document per record (src/core/docs.hpp) in a PouchDB database
//   ("spark-roster-docs", PouchDB's "indexeddb" adapter; the script pouchdb.js is built from the
//   npm packages pinned in package-lock.json, web/pouchdb-entry.js). Each document is
//   `{_id, _rev, s, r}`: r the record's backup JSON as text, s the number of the save that wrote
//   it. A save writes only the documents that changed (C++ compares the program with what is
//   stored). Loading reads pages of documents and hands each to C++ as one text (streamDocs).
// - bulkDocs is not atomic across documents, so a save goes in three steps (docs/rules.md,
//   "Storage"): the "head" document is marked pending, naming the save's documents and the
//   revision each had before; the documents are written, `batchSize` to a bulkDocs with the
//   page given back between batches; the head is marked committed. A save that did not reach
//   its commit (a tab killed, a full disk) is rolled back before anything else is read or
//   written: each of its documents is put back to its revision before, so the program reopens
//   as it was before the command, whole, or as it is after it. The first save (nothing stored
//   as documents yet: a first visit, or the move from the earlier record) names no documents:
//   rolled back, every document goes, and the earlier record is what opens.
// - Every write transaction PouchDB opens on the documents' database is made with strict
//   durability (guardIdb): IndexedDB reports it complete only once it is on disk, so "Saved"
//   (the head's commit completed) means on disk. A write that fails inside PouchDB (storage
//   full) aborts its transaction and is caught there: the save fails with its cause, and
//   neither the page nor PouchDB's connection sees an uncaught error.
// - The one record of earlier versions ("program" in store "kv" of database "spark-roster": a
//   Blob of the backup JSON, or text in older ones) is read on first open, saved as documents,
//   read back, and deleted only when the documents hold the same program (C++ compares them).
// - Recovery points stay in "spark-roster" (store "versions", `{bytes: Blob, size, at,
//   savedAt}`, or `{text, at, savedAt}` from earlier versions): the whole backup JSON, written
//   after a save when the newest point is ten minutes old or more, the last five kept.
// - One writer: the tab holding the Web Lock "spark-roster-writer" saves; any other tab is
//   read-only and follows the writer's saves (BroadcastChannel); when the writer closes, the next
//   tab takes the lock over.
// Every call reports back to C++, success or failure; nothing is left waiting.
mergeInto(LibraryManager.library, {
  $SRStorage: {
    dbName: 'spark-roster',
    dbVersion: 4,
    docsName: 'spark-roster-docs',
    pouch: null,
    revs: {},           // document id -> its current revision (a deleted one too, once known)
    headSeq: 0,         // the number of the last committed save
    headLegacy: false,  // the earlier version's record is still to be deleted
    needsRecovery: false,
    staged: [],         // the save being handed over: [id, JSON text or null to delete]
    chain: null,        // the writes, one after another
    saves: 0,           // committed saves since the database was last compacted
    compactEvery: 25,
    lastPointAt: 0,
    written: { saves: 0, docs: 0, bytes: 0, last: null },  // for the page API (storageStats)
    pageSize: 5000,     // documents read from IndexedDB at a time when loading
    sliceMs: 30,        // the longest C++ reads a page (or checks the whole) before giving a turn
    batchSize: 500,     // documents written per bulkDocs (about 50 ms of the page's time each)
    writeFault: null,   // what made the last write transaction fail (guardIdb)
    key: 'program',
    keepVersions: 5,
    versionSpacingMs: 10 * 60 * 1000,
    db: null,
    channel: null,
    // Strings handed to C++ are malloc'd here and freed by C++.
    toC: function(s) {
      if (s === null || s === undefined) return 0;
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    // A stored program handed to C++: its UTF-8 bytes copied into a malloc'd buffer (with a NUL
    // after them; C++ is given the length too), freed by C++. 0 for none.
    bytesToC: function(bytes) {
      if (!bytes) return 0;
      var p = _malloc(bytes.length + 1);
      if (!p) throw new Error('not enough memory to read the stored program (' + bytes.length + ' bytes)');
      HEAPU8.set(bytes, p);
      HEAPU8[p + bytes.length] = 0;
      return p;
    },
    // Resolves to a stored record's program as UTF-8 bytes (a Uint8Array), or null: `bytes` (a
    // Blob; an ArrayBuffer or typed array is taken too) in records of this version, `text` (a
    // string) in records of earlier versions.
    bytesOf: function(r) {
      if (!r) return Promise.resolve(null);
      var b = r.bytes;
      if (typeof Blob !== 'undefined' && b instanceof Blob) {
        return b.arrayBuffer().then(function(buf) { return new Uint8Array(buf); });
      }
      if (b instanceof ArrayBuffer) return Promise.resolve(new Uint8Array(b));
      if (ArrayBuffer.isView(b)) return Promise.resolve(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      if (typeof r.text === 'string') return Promise.resolve(new TextEncoder().encode(r.text));
      return Promise.resolve(null);
    },
    // A stored record's size in bytes (the UTF-16 length for the text of earlier versions).
    sizeOf: function(r) {
      if (!r) return 0;
      if (typeof r.size === 'number') return r.size;
      var b = r.bytes;
      if (b && typeof b.size === 'number') return b.size;
      if (b && typeof b.byteLength === 'number') return b.byteLength;
      return typeof r.text === 'string' ? r.text.length : 0;
    },
    // Calls back C++ `fn(ptr, length)` with the bytes on the heap (0, 0 for none).
    giveBytes: function(fn, bytes) {
      var p = SRStorage.bytesToC(bytes);
      Module[fn](p, bytes ? bytes.length : 0);
    },
    // Draws a frame: an idle tab draws nothing until something changes.
    wake: function() { Module['srCall']('sr_wake'); },
    persistedIs: function(p) { Module['srPersisted'] = p; SRStorage.wake(); },
    describe: function(e) {
      if (!e) return 'unknown error';
      var name = e.name || '';
      if (name === 'QuotaExceededError') return 'storage is full (QuotaExceededError)';
      if (name === 'InvalidStateError' || name === 'SecurityError') return 'this browser mode does not allow storage (' + name + ')';
      return (name && name !== 'Error' ? name + ': ' : '') + (e.message || String(e));
    },
    open: function() {
      return new Promise(function(resolve, reject) {
        if (SRStorage.db) return resolve(SRStorage.db);
        var req;
        try {
          if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
          // Version 3: the stores are those of version 2, but records may hold bytes. Version 4:
          // the program is in documents (the record in "kv" goes once they are verified).
          // Opening it closes the connections of tabs still running an earlier version
          // (onversionchange) and they cannot open it again (VersionError): such a tab, which
          // would read "nothing stored", then says "Not saved" rather than writing over it.
          req = indexedDB.open(SRStorage.dbName, SRStorage.dbVersion);
        } catch (e) {
          return reject(e);
        }
        req.onupgradeneeded = function() {
          var db = req.result;
          if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
          if (!db.objectStoreNames.contains('versions')) db.createObjectStore('versions', { autoIncrement: true });
        };
        req.onsuccess = function() {
          SRStorage.db = req.result;
          SRStorage.db.onversionchange = function() { SRStorage.db.close(); SRStorage.db = null; };
          resolve(SRStorage.db);
        };
        req.onerror = function() { reject(req.error); };
        req.onblocked = function() { reject(new Error('storage is blocked by another tab of an older version')); };
      });
    },
    // Resolves to the stored program as UTF-8 bytes (or null on a first visit).
    read: function() {
      return SRStorage.open().then(function(db) {
        return new Promise(function(resolve, reject) {
          var tx = db.transaction('kv', 'readonly');
          var req = tx.objectStore('kv').get(SRStorage.key);
          tx.oncomplete = function() { resolve(req.result); };
          tx.onerror = function() { reject(tx.error || req.error); };
          tx.onabort = function() { reject(tx.error || new Error('read aborted')); };
        });
      }).then(SRStorage.bytesOf);
    },
    // The writer lock. Resolves true when this tab may write. Without Web Locks (old browsers)
    // every tab writes, as before locks existed.
    becomeWriter: function(onLaterGrant) {
      if (!navigator.locks || !navigator.locks.request) return Promise.resolve(true);
      return new Promise(function(resolve) {
        navigator.locks.request('spark-roster-writer', { ifAvailable: true }, function(lock) {
          if (!lock) {
            resolve(false);
            // Wait in line; when the writer tab closes, this one takes over.
            navigator.locks.request('spark-roster-writer', function() {
              onLaterGrant();
              return new Promise(function() {});  // held until the tab closes
            });
            return null;
          }
          resolve(true);
          return new Promise(function() {});  // held until the tab closes
        });
      });
    },
    // ---------------------------------------------------------------- the documents
    openPouch: function() {
      if (SRStorage.pouch) return Promise.resolve(SRStorage.pouch);
      try {
        if (typeof PouchDB === 'undefined') throw new Error('the storage library (pouchdb.js) did not load');
        SRStorage.guardIdb();
        // Old revisions are kept (no auto compaction) so a save cut short can be rolled back;
        // compact() runs between saves, when none is pending.
        SRStorage.pouch = new PouchDB(SRStorage.docsName, { adapter: 'indexeddb', auto_compaction: false });
      } catch (e) {
        return Promise.reject(e);
      }
      return SRStorage.pouch.info().then(function() { return SRStorage.pouch; });
    },
    // PouchDB's IndexedDB adapters open their transactions with the browser's default durability
    // (Chromium's is "relaxed": complete before the data is on disk) and has no option for it.
    // Installed before PouchDB opens the database, this makes every write transaction on the
    // documents' database strict, and catches a write that fails inside PouchDB: the store's
    // put / add / delete throwing (a full disk, a value that cannot be stored) aborts the
    // transaction and is kept as the cause (writeFault) instead of escaping as an uncaught page
    // error; an aborted transaction's abort stops at the transaction, so it fails the save that
    // made it (PouchDB's own handler reports it) without PouchDB taking it for the whole
    // database failing. Other databases' transactions are left as they are.
    guardIdb: function() {
      if (SRStorage.guarded || typeof IDBDatabase === 'undefined') return;
      SRStorage.guarded = true;
      var names = [SRStorage.docsName, '_pouch_' + SRStorage.docsName];
      var transaction = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function(stores, mode, options) {
        if (mode !== 'readwrite' || names.indexOf(this.name) < 0) return transaction.apply(this, arguments);
        var opts = {};
        if (options) for (var k in options) opts[k] = options[k];
        opts.durability = 'strict';
        var tx = transaction.call(this, stores, mode, opts);
        tx.addEventListener('abort', function(ev) {
          if (tx.error && !SRStorage.writeFault) SRStorage.writeFault = tx.error;
          ev.stopPropagation();
        });
        var objectStore = tx.objectStore;
        tx.objectStore = function(name) {
          var store;
          try {
            store = objectStore.call(tx, name);
          } catch (e) {
            // The transaction has finished: aborted (a write threw, or the browser aborted it, a
            // full disk) while the library was between two of its calls. Its next calls on it do
            // nothing, and its abort handler reports the failure, rather than this throw
            // escaping uncaught.
            if (!e || e.name !== 'InvalidStateError') throw e;
            if (!SRStorage.writeFault) SRStorage.writeFault = tx.error || e;
            return SRStorage.deadStore();
          }
          if (store.__srGuarded) return store;
          store.__srGuarded = true;
          ['put', 'add', 'delete'].forEach(function(m) {
            store[m] = function() {
              try {
                return IDBObjectStore.prototype[m].apply(store, arguments);
              } catch (e) {
                if (!SRStorage.writeFault) SRStorage.writeFault = e;
                try { tx.abort(); } catch (e2) { /* already finished */ }
                return {};  // a request that never answers: the transaction's abort does
              }
            };
          });
          return store;
        };
        return tx;
      };
    },
    // An object store of a transaction already aborted: every call returns a request that never
    // answers (the transaction's abort does).
    deadStore: function() {
      var request = function() { return {}; };
      var store = { put: request, add: request, delete: request, get: request, getAll: request, getAllKeys: request,
                    count: request, openCursor: request, openKeyCursor: request };
      store.index = function() { return store; };
      return store;
    },
    // The head document, or null when there is none yet.
    getHead: function(db) {
      return db.get('head').catch(function(e) {
        if (e && e.status === 404) return null;
        throw e;
      });
    },
    putHead: function(db, body) {
      return SRStorage.getHead(db).then(function(head) {
        body._id = 'head';
        if (head) body._rev = head._rev;
        return db.put(body);
      });
    },
    // PouchDB reports IndexedDB's errors as {status: 500, name: 'indexed_db_went_bad', reason}.
    describePouch: function(e) {
      var all = e ? String(e.name || '') + ' ' + String(e.message || '') + ' ' + String(e.reason || '') : '';
      if (/Quota/i.test(all)) return SRStorage.describe({ name: 'QuotaExceededError' });
      // A write that threw inside PouchDB aborted its transaction (AbortError, or no reason at
      // all): what it threw is the cause.
      if (SRStorage.writeFault) return SRStorage.describe(SRStorage.writeFault);
      if (e && e.name === 'indexed_db_went_bad') return 'IndexedDB failed (' + (e.reason || 'unknown error') + ')';
      return SRStorage.describe(e);
    },
    // Puts back every document of a save that did not reach its commit to the revision it had
    // before (`head.ids` and `head.was`: null for a document that did not exist), then marks the
    // head committed at the last save that did. Three calls whatever the number of documents.
    recover: function(db) {
      return SRStorage.getHead(db).then(function(head) {
        if (!head || !head.pending) return head;
        if (head.fresh) {
          // A first save cut short: nothing was stored as documents before it, so every
          // document goes (a batch at a time) and what opens is what was there before it.
          return SRStorage.removeAll(db).then(function() {
            return SRStorage.putHead(db, { s: 0 });
          }).then(function() { return SRStorage.getHead(db); });
        }
        var ids = head.ids || [], was = head.was || [];
        return db.allDocs({ keys: ids }).then(function(now) {
          var wanted = [], current = {};
          now.rows.forEach(function(row, i) {
            var rev = row.value ? row.value.rev : null;
            current[ids[i]] = rev;
            if (rev !== (was[i] || null) && was[i]) wanted.push({ id: ids[i], rev: was[i] });
          });
          var bodies = wanted.length ? db.bulkGet({ docs: wanted }) : Promise.resolve({ results: [] });
          return bodies.then(function(got) {
            var before = {};
            got.results.forEach(function(r) {
              var d = r.docs[0] && r.docs[0].ok;
              if (!d) throw new Error('an earlier revision of ' + r.id + ' is missing: the interrupted save cannot be undone');
              before[r.id] = d;
            });
            var puts = [];
            ids.forEach(function(id, i) {
              var rev = current[id], prev = was[i] || null;
              if (rev === prev) return;                 // not reached by the save
              if (!prev) {                              // made by the save: taken away again
                if (rev) puts.push({ _id: id, _rev: rev, _deleted: true, s: head.s });
                return;
              }
              var b = before[id];
              var doc = { _id: id, s: b.s, r: b.r };
              if (b._deleted) doc._deleted = true;
              if (rev) doc._rev = rev;
              puts.push(doc);
            });
            return puts.length ? db.bulkDocs(puts) : [];
          }).then(function(results) {
            results.forEach(function(r) { if (r.error) throw r; });
            results.forEach(function(r) { SRStorage.revs[r.id] = r.rev; });
          });
        }).then(function() {
          var body = { s: head.s };
          if (head.legacy) body.legacy = true;
          return SRStorage.putHead(db, body);
        }).then(function() { return SRStorage.getHead(db); });
      });
    },
    // Deletes every document but the head, a batch at a time.
    removeAll: function(db) {
      return db.allDocs({ limit: SRStorage.batchSize }).then(function(res) {
        var gone = [];
        res.rows.forEach(function(row) {
          if (row.id !== 'head') gone.push({ _id: row.id, _rev: row.value.rev, _deleted: true });
        });
        if (!gone.length) return;
        return db.bulkDocs(gone).then(function(results) {
          results.forEach(function(r) { if (r.error) throw r; SRStorage.revs[r.id] = r.rev; });
          return SRStorage.yieldToPage().then(function() { return SRStorage.removeAll(db); });
        });
      });
    },
    // Gives the page a turn (input, a frame) before the next step of a long write.
    yieldToPage: function() {
      return new Promise(function(r) { setTimeout(r, 0); });
    },
    // A new task at once (a message to this page: no 4 ms clamp as nested timeouts get), so
    // input and frames run between the slices of a long read.
    nextTask: function() {
      return new Promise(function(r) {
        if (typeof MessageChannel === 'undefined') return setTimeout(r, 0);
        var c = new MessageChannel();
        c.port1.onmessage = function() { c.port1.close(); r(); };
        c.port2.postMessage(0);
      });
    },
    // A document's record as JSON text: `r` is the text as the backup writes it (an object in
    // documents written otherwise, e.g. by hand in a CouchDB, is written out as JSON).
    recordText: function(doc) {
      var r = doc ? doc.r : undefined;
      if (typeof r === 'string') return r;
      return r === undefined ? '' : JSON.stringify(r);
    },
    // Text without a line break, for a page of "id\ntext\n": a line break is JSON's whitespace,
    // as a carriage return is, and invalid inside a JSON string, as a carriage return is.
    lineSafe: function(t) {
      return t.indexOf('\n') < 0 ? t : t.replace(/\n/g, '\r');
    },
    // Streams every document to C++ (sr_storage_docs_begin / _page / _work / _end): pages of
    // `pageSize` documents, each handed over as one text (a malloc'd copy: "id\ntext\n" per
    // document) that C++ reads a slice at a time (`sliceMs` of the page's time, the page given a
    // turn between slices), while the next page is read from IndexedDB; then C++ checks the whole
    // a step at a time. Resolves to the head read before, or rejects when a save of another tab
    // ran meanwhile (`moved`).
    streamDocs: function(db, why, writer) {
      var head0;
      var begun = false;
      var revs = {};
      var conflicts = [];
      var read = function(startkey) {
        var opts = { include_docs: true, limit: SRStorage.pageSize };
        if (SRSync.cfg && SRSync.cfg.url) opts.conflicts = true;
        if (startkey !== null) { opts.startkey = startkey; opts.skip = 1; }
        return db.allDocs(opts);
      };
      // C++ reads what it was given, a slice per task; `fn` is _sr_storage_docs_work or _finish.
      var work = function(fn) {
        if (Module[fn](SRStorage.sliceMs)) return Promise.resolve();
        return SRStorage.nextTask().then(function() { return work(fn); });
      };
      var page = function(res) {
        var parts = [];
        for (var i = 0; i < res.rows.length; i++) {
          var row = res.rows[i];
          if (row.id === 'head' || row.id.charAt(0) === '_') continue;
          revs[row.id] = row.value.rev;
          if (row.doc && row.doc._conflicts && row.doc._conflicts.length) conflicts.push(row.id);
          parts.push(SRStorage.lineSafe(row.id), SRStorage.lineSafe(SRStorage.recordText(row.doc)));
        }
        var full = res.rows.length >= SRStorage.pageSize;
        // The next page is read while C++ reads this one.
        var next = full ? read(res.rows[res.rows.length - 1].id) : null;
        if (next) next.catch(function() {});  // (handled below, once C++ has read this page)
        if (!parts.length) return next ? next.then(page) : Promise.resolve();
        parts.push('');
        var text = parts.join('\n');
        parts = null;
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        if (!p) throw new Error('not enough memory to read the stored program');
        stringToUTF8(text, p, n);
        Module['_sr_storage_docs_page'](p, n - 1);
        return work('_sr_storage_docs_work').then(function() { return next ? next.then(page) : null; });
      };
      return SRStorage.getHead(db).then(function(head) {
        head0 = head;
        if (head && head.pending) throw { moved: true };
        Module['_sr_storage_docs_begin'](why);
        begun = true;
        return read(null).then(page);
      }).then(function() {
        return work('_sr_storage_docs_finish');
      }).then(function() {
        return SRStorage.getHead(db);
      }).then(function(head) {
        if (!head0 || !head || head._rev !== head0._rev) throw { moved: true };
        for (var id in revs) SRStorage.revs[id] = revs[id];
        Module['_sr_storage_docs_end'](1, 0, writer ? 1 : 0);
        if (SRSync.cfg && SRSync.cfg.url) return SRSync.found(db, conflicts).then(function() { return head0; });
        return head0;
      }).catch(function(e) {
        // A save of the writer ran meanwhile: the caller reads again (C++ starts over at begin).
        if (!begun || (e && e.moved)) throw e;
        Module['_sr_storage_docs_end'](0, SRStorage.toC(SRStorage.describePouch(e)), writer ? 1 : 0);
        throw SRStorage.reported(e);
      });
    },
    // An error C++ has already been told of (the read's end).
    reported: function(e) {
      var r = e && typeof e === 'object' ? e : { message: String(e) };
      r.reported = true;
      return r;
    },
    // Writes a save: `docs` [[id, JSON text or null], ...], as the three steps above, the
    // documents `batchSize` to a bulkDocs with the page given a turn between batches.
    writeSave: function(db, docs, fromLegacy) {
      var n = SRStorage.headSeq + 1;
      var ids = docs.map(function(d) { return d[0]; });
      var bytes = 0;
      var legacy = fromLegacy || SRStorage.headLegacy;
      // Nothing committed as documents yet: the first save, rolled back by removing everything.
      var fresh = SRStorage.headSeq === 0;
      var pending = { s: SRStorage.headSeq, pending: n, legacy: legacy || undefined };
      if (fresh) pending.fresh = true;
      else {
        pending.ids = ids;
        pending.was = ids.map(function(id) { return SRStorage.revs[id] || null; });
      }
      SRStorage.writeFault = null;
      var batch = function(from) {
        if (from >= docs.length) return Promise.resolve();
        var part = docs.slice(from, from + SRStorage.batchSize).map(function(d) {
          var doc = { _id: d[0], s: n };
          var rev = SRStorage.revs[d[0]];
          if (rev) doc._rev = rev;
          if (d[1] === null) doc._deleted = true;
          else { doc.r = d[1]; bytes += d[1].length; }
          return doc;
        });
        return db.bulkDocs(part).then(function(results) {
          var clashed = [];
          results.forEach(function(r, i) {
            if (r.error && r.status === 409 && SRSync.handle) clashed.push(part[i]);
            else if (r.error) throw r;
          });
          results.forEach(function(r, i) { if (!r.error) SRStorage.revs[part[i]._id] = r.rev; });
          return SRStorage.branch(db, clashed);
        }).then(function() {
          if (from + SRStorage.batchSize >= docs.length) return;
          return SRStorage.yieldToPage().then(function() { return batch(from + SRStorage.batchSize); });
        });
      };
      return SRStorage.putHead(db, pending).then(function() {
        return batch(0);
      }).then(function() {
        var body = { s: n };
        if (legacy) body.legacy = true;
        return SRStorage.putHead(db, body);
      }).then(function() {
        SRStorage.headSeq = n;
        SRStorage.headLegacy = !!legacy;
        var w = SRStorage.written;
        w.saves++;
        if (SRSync.handle) SRSync.saved(docs.length);
        w.docs += docs.length;
        w.bytes += bytes;
        w.last = { docs: docs.length, bytes: bytes, put: docs.filter(function(d) { return d[1] !== null; }).length,
                   deleted: docs.filter(function(d) { return d[1] === null; }).length, ids: ids.slice(0, 50) };
        if (++SRStorage.saves >= SRStorage.compactEvery) {
          SRStorage.saves = 0;
          return db.compact().catch(function() {});  // old revisions go; nothing is pending now
        }
      });
    },
    // Documents of a save that a change received from the server replaced since this tab read
    // them (bulkDocs answered 409): written as a second version beside the server's, on top of
    // the version this tab had read, so both are kept and the record is a conflict for people to
    // resolve (docs/rules.md, "Teams"), as when two browsers edit it offline.
    branch: function(db, docs) {
      if (!docs.length) return Promise.resolve();
      var hex = function() {
        var b = new Uint8Array(16);
        crypto.getRandomValues(b);
        return Array.prototype.map.call(b, function(x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
      };
      var out = docs.map(function(d) {
        var parent = d._rev, h = hex();
        var doc = { _id: d._id, s: d.s };
        if (d._deleted) doc._deleted = true;
        else doc.r = d.r;
        if (parent) {
          var gen = parseInt(parent, 10);
          doc._rev = (gen + 1) + '-' + h;
          doc._revisions = { start: gen + 1, ids: [h, parent.slice(parent.indexOf('-') + 1)] };
        } else {
          doc._rev = '1-' + h;
          doc._revisions = { start: 1, ids: [h] };
        }
        return doc;
      });
      return db.bulkDocs(out, { new_edits: false }).then(function(results) {
        results.forEach(function(r) { if (r && r.error) throw r; });
        out.forEach(function(d) { SRStorage.revs[d._id] = d._rev; });
      });
    },
    // Runs `fn` after the writes before it (saves, recovery, compaction) have finished.
    queue: function(fn) {
      var run = function() { return fn(); };
      var p = (SRStorage.chain || Promise.resolve()).then(run, run);
      SRStorage.chain = p.catch(function() {});
      return p;
    },
    // Reads the documents for C++ again (a follower after the writer saved, a tab taking over,
    // the check after moving the earlier record), retrying while the writer is mid-save.
    reread: function(why, writer, tries) {
      return SRStorage.openPouch().then(function(db) {
        return SRStorage.streamDocs(db, why, writer);
      }).catch(function(e) {
        if (e && e.moved && (tries || 0) < 50) {
          return new Promise(function(r) { setTimeout(r, 100); }).then(function() { return SRStorage.reread(why, writer, (tries || 0) + 1); });
        }
        throw e;
      });
    },
    newestPointAt: function(db) {
      return new Promise(function(resolve) {
        try {
          var tx = db.transaction('versions', 'readonly');
          var req = tx.objectStore('versions').openCursor(null, 'prev');
          req.onsuccess = function() { resolve(req.result ? req.result.value.at || 0 : 0); };
          req.onerror = function() { resolve(0); };
        } catch (e) {
          resolve(0);
        }
      });
    },
  },

  // Takes the writer lock if free and reads the stored program: the documents
  // (sr_storage_docs_begin / _doc / _end) when there are some, else the record of an earlier
  // version or nothing, through sr_storage_loaded(bytes or 0, length, ok, error or 0, writer,
  // legacy). A read-only tab reads the documents again after each save of the writer (why 1),
  // and once more when it becomes the writer (why 2).
  sr_storage_load__deps: ['$SRStorage', '$SRSync', 'malloc'],
  sr_storage_load: function() {
    // What the saves wrote, for the page API (sparkRoster.storageStats: tests and the benchmark).
    Module['srStorageStats'] = function() { return JSON.parse(JSON.stringify(SRStorage.written)); };
    // The documents' database, for tests that inject faults into its writes.
    Module['srStorageDb'] = function() { return SRStorage.pouch; };
    var followWriter = function() {
      if (typeof BroadcastChannel === 'undefined') return;
      SRStorage.channel = new BroadcastChannel('spark-roster');
      SRStorage.channel.onmessage = function(ev) {
        if (!ev.data || ev.data.type !== 'saved' || SRStorage.isWriter) return;
        SRStorage.reread(1, false).catch(function() {});
      };
    };
    var promoted = function() {
      SRStorage.isWriter = true;
      SRStorage.queue(function() {
        // The adapter keeps the database's update sequence in memory from when it opened it,
        // and the writer's saves since have moved it on: the database is opened afresh before
        // this tab writes (else its first write reuses a sequence number and fails).
        var old = SRStorage.pouch;
        SRStorage.pouch = null;
        return (old ? old.close().catch(function() {}) : Promise.resolve()).then(function() {
          return SRStorage.openPouch();
        }).then(function(db) {
          return SRStorage.recover(db).then(function(head) {
            SRStorage.headSeq = head ? head.s : 0;
            SRStorage.headLegacy = !!(head && head.legacy);
            if (!head || !head.s) {
              // Nothing saved as documents yet: this tab's program is saved whole by its next save.
              Module['_sr_storage_docs_begin'](2);
              Module['_sr_storage_docs_end'](2, 0, 1);
              return;
            }
            return SRStorage.streamDocs(db, 2, true);
          });
        });
      }).catch(function(err) {
        if (err && err.reported) return;
        // Without a stream begun, C++ hears of it as a read of nothing that failed.
        Module['_sr_storage_docs_begin'](2);
        Module['_sr_storage_docs_end'](0, SRStorage.toC(SRStorage.describePouch(err)), 1);
      });
    };
    var legacyLoad = function(writer) {
      return SRStorage.read().then(function(bytes) {
        var p = SRStorage.bytesToC(bytes);
        Module['_sr_storage_loaded'](p, bytes ? bytes.length : 0, 1, 0, writer ? 1 : 0, bytes ? 1 : 0);
      });
    };
    // The team's program, once opened here from a CouchDB, is in a local database of its own.
    var synced = SRSync.localName();
    if (synced) SRStorage.docsName = synced;
    SRSync.cfg = SRSync.readConfig();  // (conflicts are looked for in every read while synced)
    SRStorage.becomeWriter(promoted).then(function(writer) {
      SRStorage.isWriter = writer;
      if (!SRStorage.channel && typeof BroadcastChannel !== 'undefined') followWriter();
      return SRStorage.open().then(function(kv) {
        return SRStorage.newestPointAt(kv);
      }).then(function(at) {
        SRStorage.lastPointAt = at;
        return SRStorage.openPouch();
      }).then(function(db) {
        if (!writer) {
          // A reader: the documents as of the writer's last commit (retried while it saves).
          return SRStorage.getHead(db).then(function(head) {
            if (!head || !head.s) return legacyLoad(false);
            return SRStorage.reread(0, false);
          });
        }
        return SRStorage.queue(function() { return SRStorage.recover(db); }).then(function(head) {
          SRStorage.headSeq = head ? head.s : 0;
          SRStorage.headLegacy = !!(head && head.legacy);
          if (!head || !head.s) return legacyLoad(true);
          return SRStorage.streamDocs(db, 0, true).then(function() {
            if (!SRStorage.headLegacy) return;
            // Moved from the earlier record, not yet checked (the tab closed first): check now.
            return SRStorage.read().then(function(bytes) {
              if (bytes === null) return SRStorage.queue(function() { return SRStorage.putHead(db, { s: SRStorage.headSeq }); })
                .then(function() { SRStorage.headLegacy = false; });
              SRStorage.giveBytes('_sr_storage_legacy', bytes);
            });
          });
        });
      });
    }).catch(function(err) {
      if (err && err.reported) return;
      Module['_sr_storage_loaded'](0, 0, 0, SRStorage.toC(SRStorage.describePouch(err)), 1, 0);
    });
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then(SRStorage.persistedIs, function() {});
    }
  },

  // One document of the save being handed over: its JSON (`size` bytes at `json`), or json = 0
  // to delete it.
  sr_storage_stage__deps: ['$SRStorage'],
  sr_storage_stage: function(id, json, size) {
    SRStorage.staged.push([UTF8ToString(id), json ? UTF8ToString(json, size) : null]);
  },

  // Writes the documents handed over since the last commit. Calls back sr_storage_saved(seq,
  // ok, error or 0) once the head is committed or the save failed (rolled back before the next).
  sr_storage_commit__deps: ['$SRStorage', 'malloc'],
  sr_storage_commit: function(seq, fromLegacy) {
    var docs = SRStorage.staged;
    SRStorage.staged = [];
    SRStorage.queue(function() {
      SRStorage.writeFault = null;
      return SRStorage.openPouch().then(function(db) {
        var ready = SRStorage.needsRecovery ? SRStorage.recover(db).then(function(head) {
          SRStorage.needsRecovery = false;
          SRStorage.headSeq = head ? head.s : 0;
          // The revisions are those of the documents as put back.
          return db.allDocs({ keys: docs.map(function(d) { return d[0]; }) }).then(function(res) {
            res.rows.forEach(function(row) { if (row.value) SRStorage.revs[row.key] = row.value.rev; });
          });
        }) : Promise.resolve();
        return ready.then(function() { return SRStorage.writeSave(db, docs, !!fromLegacy); });
      });
    }).then(function() {
      Module['_sr_storage_saved'](seq, 1, 0);
      if (SRStorage.channel) SRStorage.channel.postMessage({ type: 'saved', seq: seq });
      if (!SRStorage.askedPersist && navigator.storage && navigator.storage.persist) {
        SRStorage.askedPersist = true;
        navigator.storage.persist().then(SRStorage.persistedIs, function() {});
      }
    }, function(err) {
      SRStorage.needsRecovery = true;
      // After a failed write PouchDB may have closed its IndexedDB connection: the next save
      // opens the database again (and rolls this one back first).
      var db = SRStorage.pouch;
      SRStorage.pouch = null;
      if (db) SRStorage.queue(function() { return db.close().catch(function() {}); });
      Module['_sr_storage_saved'](seq, 0, SRStorage.toC(SRStorage.describePouch(err)));
    });
  },

  // Reads the documents back for C++ to check against the earlier record (why 3).
  sr_storage_reread__deps: ['$SRStorage', 'malloc'],
  sr_storage_reread: function() {
    SRStorage.queue(function() { return SRStorage.reread(3, true); }).catch(function(err) {
      if (err && err.reported) return;
      Module['_sr_storage_docs_begin'](3);
      Module['_sr_storage_docs_end'](0, SRStorage.toC(SRStorage.describePouch(err)), 1);
    });
  },

  // Reads the documents again after changes came from the server (why 4).
  sr_storage_reread_sync__deps: ['$SRStorage', '$SRSync', 'malloc'],
  sr_storage_reread_sync: function() {
    SRStorage.queue(function() { return SRStorage.reread(4, true); }).catch(function(err) {
      if (err && err.reported) return;
      Module['_sr_storage_docs_begin'](4);
      Module['_sr_storage_docs_end'](0, SRStorage.toC(SRStorage.describePouch(err)), 1);
    });
  },

  // The documents hold the earlier record's program: the record goes, then the head's mark.
  sr_storage_migrated__deps: ['$SRStorage'],
  sr_storage_migrated: function() {
    SRStorage.queue(function() {
      return SRStorage.open().then(function(kv) {
        return new Promise(function(resolve, reject) {
          var tx = kv.transaction('kv', 'readwrite', { durability: 'strict' });
          tx.objectStore('kv').delete(SRStorage.key);
          tx.oncomplete = resolve;
          tx.onerror = function() { reject(tx.error); };
          tx.onabort = function() { reject(tx.error); };
        });
      }).then(function() {
        return SRStorage.openPouch();
      }).then(function(db) {
        return SRStorage.putHead(db, { s: SRStorage.headSeq });
      }).then(function() {
        SRStorage.headLegacy = false;
      });
    }).catch(function() {});  // kept: the next open checks again
  },

  // Whether a recovery point is due: the newest is ten minutes old or more (or there is none).
  sr_storage_point_due__deps: ['$SRStorage'],
  sr_storage_point_due: function() {
    return Date.now() - SRStorage.lastPointAt >= SRStorage.versionSpacingMs ? 1 : 0;
  },

  // Writes a recovery point of `length` bytes of backup JSON at `textPtr`; the oldest beyond the
  // last five go. Calls back sr_storage_point_saved() either way (a point is a copy: the program
  // itself is in the documents).
  sr_storage_save_point__deps: ['$SRStorage'],
  sr_storage_save_point: function(textPtr, length) {
    var done = function() { Module['_sr_storage_point_saved'](); };
    var blob;
    try {
      blob = new Blob([HEAPU8.subarray(textPtr, textPtr + length)], { type: 'application/json' });
    } catch (e) {
      return done();
    }
    var now = Date.now();
    SRStorage.lastPointAt = now;
    SRStorage.open().then(function(kv) {
      return new Promise(function(resolve, reject) {
        var tx = kv.transaction('versions', 'readwrite', { durability: 'strict' });
        var versions = tx.objectStore('versions');
        versions.add({ bytes: blob, size: length, at: now, savedAt: now });
        var seen = 0;
        var cursorReq = versions.openCursor(null, 'prev');
        cursorReq.onsuccess = function() {
          var cur = cursorReq.result;
          if (!cur) return;
          if (++seen > SRStorage.keepVersions) cur.delete();
          cur.continue();
        };
        tx.oncomplete = resolve;
        tx.onerror = function(ev) { if (ev && ev.preventDefault) ev.preventDefault(); reject(tx.error); };
        tx.onabort = function() { reject(tx.error); };
      });
    }).then(done, done);
  },

  // Lists the recovery points, newest first: sr_storage_versions_listed(json or 0, error or 0)
  // with json = [{"id": n, "saved_at": "ISO time", "bytes": n}].
  sr_storage_list_versions__deps: ['$SRStorage', 'malloc'],
  sr_storage_list_versions: function() {
    Module['srAsync'](SRStorage.open().then(function(db) {
      return new Promise(function(resolve, reject) {
        var out = [];
        var tx = db.transaction('versions', 'readonly');
        var req = tx.objectStore('versions').openCursor(null, 'prev');
        req.onsuccess = function() {
          var cur = req.result;
          if (!cur) return;
          out.push({ id: cur.primaryKey, saved_at: new Date(cur.value.savedAt).toISOString(), bytes: SRStorage.sizeOf(cur.value) });
          cur.continue();
        };
        tx.oncomplete = function() { resolve(out); };
        tx.onerror = function() { reject(tx.error); };
      });
    })).then(function(list) {
      Module['_sr_storage_versions_listed'](SRStorage.toC(JSON.stringify(list)), 0);
    }, function(err) {
      Module['_sr_storage_versions_listed'](0, SRStorage.toC(SRStorage.describe(err)));
    });
  },

  // Reads one recovery point: sr_storage_version_read(id, bytes or 0, length, error or 0).
  sr_storage_read_version__deps: ['$SRStorage', 'malloc'],
  sr_storage_read_version: function(id) {
    Module['srAsync'](SRStorage.open().then(function(db) {
      return new Promise(function(resolve, reject) {
        var tx = db.transaction('versions', 'readonly');
        var req = tx.objectStore('versions').get(id);
        tx.oncomplete = function() { resolve(req.result); };
        tx.onerror = function() { reject(tx.error); };
      });
    }).then(SRStorage.bytesOf)).then(function(bytes) {
      if (bytes === null) Module['_sr_storage_version_read'](id, 0, 0, SRStorage.toC('that recovery point no longer exists'));
      else Module['_sr_storage_version_read'](id, SRStorage.bytesToC(bytes), bytes.length, 0);
    }).catch(function(err) {
      Module['_sr_storage_version_read'](id, 0, 0, SRStorage.toC(SRStorage.describe(err)));
    });
  },

  sr_storage_persisted: function() {
    var p = Module['srPersisted'];
    return p === true ? 1 : p === false ? 0 : -1;
  },
});
