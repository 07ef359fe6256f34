// The 'events' module the PouchDB bundle asks for (tools/bundle.mjs): an EventEmitter with the
// calls PouchDB makes, behaving as Node's does (an 'error' emitted with no listener throws).
'use strict';
function EventEmitter() {
  this._events = this._events || Object.create(null);
}
EventEmitter.prototype._list = function(type) {
  if (!this._events) this._events = Object.create(null);
  return this._events[type] || (this._events[type] = []);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener = function(type, fn) {
  if (this._events && this._events.newListener && type !== 'newListener') this.emit('newListener', type, fn);
  this._list(type).push({ fn: fn, once: false });
  return this;
};
EventEmitter.prototype.prependListener = function(type, fn) {
  this._list(type).unshift({ fn: fn, once: false });
  return this;
};
EventEmitter.prototype.once = function(type, fn) {
  this._list(type).push({ fn: fn, once: true });
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener = function(type, fn) {
  var list = this._events && this._events[type];
  if (!list) return this;
  for (var i = list.length - 1; i >= 0; i--) {
    if (list[i].fn === fn || list[i].fn.listener === fn) { list.splice(i, 1); break; }
  }
  if (!list.length) delete this._events[type];
  return this;
};
EventEmitter.prototype.removeAllListeners = function(type) {
  if (!this._events) return this;
  if (type === undefined) this._events = Object.create(null);
  else delete this._events[type];
  return this;
};
EventEmitter.prototype.emit = function(type) {
  var list = this._events && this._events[type];
  var args = Array.prototype.slice.call(arguments, 1);
  if (!list || !list.length) {
    if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error('Unhandled error: ' + args[0]);
    return false;
  }
  list = list.slice();
  for (var i = 0; i < list.length; i++) {
    if (list[i].once) this.removeListener(type, list[i].fn);
    list[i].fn.apply(this, args);
  }
  return true;
};
EventEmitter.prototype.listeners = function(type) {
  var list = this._events && this._events[type];
  return list ? list.map(function(l) { return l.fn; }) : [];
};
EventEmitter.prototype.listenerCount = function(type) {
  var list = this._events && this._events[type];
  return list ? list.length : 0;
};
EventEmitter.prototype.setMaxListeners = function() { return this; };
EventEmitter.prototype.getMaxListeners = function() { return Infinity; };
EventEmitter.prototype.eventNames = function() { return this._events ? Object.keys(this._events) : []; };
EventEmitter.listenerCount = function(emitter, type) { return emitter.listenerCount(type); };
EventEmitter.EventEmitter = EventEmitter;
module.exports = EventEmitter;
