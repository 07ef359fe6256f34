// What the page's PouchDB is made of (tools/bundle.mjs bundles this file into pouchdb.js): the
// core, the "indexeddb" adapter (one object store of documents, read in batches: about three
// times faster to open a large program than the older "idb" adapter, which reads each document
// with a request of its own; docs/rules.md, "Storage as documents"), and the HTTP adapter and
// replication for sync with a CouchDB.
module.exports = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-indexeddb'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
