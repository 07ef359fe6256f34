// What the page's PouchDB is made of (tools/bundle.mjs bundles this file into pouchdb.js): the
// core, the "indexeddb" adapter (one object store of documents, read in batches: about three
// times faster to open a large program than the older "idb" adapter, which reads each document
// with a request of its own; docs/rules.md, "Storage as documents"), and the HTTP adapter and
// replication for sync with a CouchDB.
//
// pouchdb-utils exports the browser's queueMicrotask itself as its nextTick, and the packages
// call it as `pouchdbUtils.nextTick(fn)`: a method call on another object, which the browser
// refuses ("Illegal invocation"; the HTTP adapter makes it as soon as a remote database opens).
// The export is replaced with a function that calls queueMicrotask on its own.
var utils = require('pouchdb-utils');
if (typeof queueMicrotask === 'function' && utils.nextTick === queueMicrotask) {
  utils.nextTick = function(fn) { queueMicrotask(fn); };
}
module.exports = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-indexeddb'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
