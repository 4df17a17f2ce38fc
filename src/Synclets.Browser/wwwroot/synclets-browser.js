// The browser half of Synclets.Browser: BroadcastChannel, IndexedDB and Web Storage, called from
// .NET through [JSImport]. Everything that validates, decides or counts lives in .NET; this module
// only moves bytes and runs IndexedDB requests, so a hostile peer meets the same checks as anywhere.

const handles = new Map();
let nextHandle = 1;

const keep = (value) => {
  const handle = nextHandle++;
  handles.set(handle, value);
  return handle;
};

const take = (handle) => {
  const value = handles.get(handle);
  handles.delete(handle);
  return value;
};

// ---- BroadcastChannel: the TypeScript Synclets' message shape, {from, packet} ----

let lastBinary = null;

export function channelOpen(name, onText, onBinary, onMalformed) {
  const channel = new BroadcastChannel(name);
  channel.onmessage = ({ data }) => {
    const from = data?.from;
    const packet = data?.packet;
    if (typeof from !== 'string') {
      onMalformed('a message without a string "from"');
    } else if (typeof packet === 'string') {
      onText(from, packet);
    } else if (packet instanceof Uint8Array) {
      // .NET takes the bytes with channelTakeBinary while the callback runs.
      lastBinary = packet;
      onBinary(from);
      lastBinary = null;
    } else {
      onMalformed('a message whose "packet" is neither text nor bytes');
    }
  };
  channel.onmessageerror = () => onMalformed('a message the browser could not deserialize');
  return keep(channel);
}

export function channelPostText(handle, from, packet) {
  handles.get(handle)?.postMessage({ from, packet });
}

export function channelPostBinary(handle, from, packet) {
  // The view .NET passes is only valid during this call: post a copy.
  handles.get(handle)?.postMessage({ from, packet: packet.slice() });
}

export function channelTakeBinary() {
  return lastBinary ?? new Uint8Array(0);
}

export function channelClose(handle) {
  take(handle)?.close();
}

// ---- IndexedDB: object stores keyed by address arrays ----
// Keys are arrays of ids. An array sorts after every string, so [...parent, []] bounds every key
// below parent, and a cursor skips a whole child with continue([...parent, id, []]).

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
});

const below = (parent) => IDBKeyRange.bound(parent, [...parent, []], true, true);

export async function idbOpen(name, storeNames) {
  const names = JSON.parse(storeNames);
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const store of names) {
      if (!open.result.objectStoreNames.contains(store)) {
        open.result.createObjectStore(store);
      }
    }
  };
  const db = await request(open);
  const missing = names.filter((store) => !db.objectStoreNames.contains(store));
  if (missing.length > 0) {
    db.close();
    throw new Error(`IndexedDB database '${name}' exists but has no object store ${missing.join(', ')}: it was made by something else.`);
  }
  db.onversionchange = () => db.close();
  return keep(db);
}

export function idbClose(handle) {
  take(handle)?.close();
}

export async function idbDeleteDatabase(name) {
  await request(indexedDB.deleteDatabase(name));
}

// Values read for many keys at once, in order; a missing key gives null.
export async function idbGetMany(handle, store, keys) {
  const tx = handles.get(handle).transaction(store, 'readonly');
  const objects = tx.objectStore(store);
  const values = await Promise.all(JSON.parse(keys).map((key) => request(objects.get(key))));
  return JSON.stringify(values.map((value) => (value === undefined ? null : String(value))));
}

export async function idbGet(handle, store, key) {
  const value = await request(handles.get(handle).transaction(store, 'readonly').objectStore(store).get(JSON.parse(key)));
  return value === undefined ? null : String(value);
}

// The distinct ids one level below parent: one cursor step per child, however many leaves it holds.
export async function idbChildIds(handle, store, parentKey) {
  const parent = JSON.parse(parentKey);
  const tx = handles.get(handle).transaction(store, 'readonly');
  const ids = [];
  await new Promise((resolve, reject) => {
    const cursorRequest = tx.objectStore(store).openKeyCursor(below(parent));
    cursorRequest.onerror = () => reject(cursorRequest.error);
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) {
        resolve();
        return;
      }
      const id = cursor.key[parent.length];
      ids.push(id);
      cursor.continue([...parent, id, []]);
    };
  });
  return JSON.stringify(ids);
}

// Every leaf directly below a leaf's parent, flattened as [id, value, id, value, ...].
export async function idbLeaves(handle, store, parentKey) {
  const parent = JSON.parse(parentKey);
  const objects = handles.get(handle).transaction(store, 'readonly').objectStore(store);
  const range = below(parent);
  const [keys, values] = await Promise.all([request(objects.getAllKeys(range)), request(objects.getAll(range))]);
  const flat = new Array(keys.length * 2);
  for (let i = 0; i < keys.length; i++) {
    flat[2 * i] = keys[i][parent.length];
    flat[2 * i + 1] = String(values[i]);
  }
  return JSON.stringify(flat);
}

// The leaves below many leaf parents (siblings: children of one parent), from several stores, in
// one transaction: result[store][parent] = [id, value, id, value, ...]. One range from the first
// parent to the last is read whole when that is not much more than asked for (the common case: a
// sync walking a table's rows); otherwise each parent's range is read on its own.
const spanLimit = 65536;

export async function idbLeavesOfMany(handle, storeNames, parentKeys) {
  const stores = JSON.parse(storeNames);
  const parents = JSON.parse(parentKeys);
  const tx = handles.get(handle).transaction(stores, 'readonly');
  const depth = parents[0].length;
  const sorted = [...parents].sort(indexedDB.cmp.bind(indexedDB));
  const span = IDBKeyRange.bound(sorted[0], [...sorted[sorted.length - 1], []], true, true);
  const flatten = (keys, values) => {
    const byParent = new Map();
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i][depth - 1];
      let flat = byParent.get(id);
      if (!flat) byParent.set(id, flat = []);
      flat.push(keys[i][depth], String(values[i]));
    }
    return byParent;
  };
  const result = await Promise.all(stores.map(async (store) => {
    const objects = tx.objectStore(store);
    const [keys, values] = await Promise.all([request(objects.getAllKeys(span, spanLimit)), request(objects.getAll(span, spanLimit))]);
    if (keys.length < spanLimit) {
      const byParent = flatten(keys, values);
      return parents.map((parent) => byParent.get(parent[depth - 1]) ?? []);
    }
    return Promise.all(parents.map(async (parent) => {
      const range = below(parent);
      const [own, ownValues] = await Promise.all([request(objects.getAllKeys(range)), request(objects.getAll(range))]);
      return flatten(own, ownValues).get(parent[depth - 1]) ?? [];
    }));
  }));
  return JSON.stringify(result);
}

// Whether any key below prefix is not among the excluded ones (the batch's own deletions).
export async function idbHasKeyBesides(handle, store, prefixKey, excludedKeys) {
  const excluded = new Set(JSON.parse(excludedKeys).map((key) => JSON.stringify(key)));
  const keys = await request(handles.get(handle).transaction(store, 'readonly').objectStore(store)
    .getAllKeys(below(JSON.parse(prefixKey)), excluded.size + 1));
  return keys.some((key) => !excluded.has(JSON.stringify(key)));
}

// One batch in one transaction: [[store, key, value or null to delete], ...]. All or nothing.
export async function idbCommit(handle, storeNames, operations) {
  const db = handles.get(handle);
  const tx = db.transaction(JSON.parse(storeNames), 'readwrite');
  const finished = done(tx);
  try {
    for (const [store, key, value] of JSON.parse(operations)) {
      if (value === null) {
        tx.objectStore(store).delete(key);
      } else {
        tx.objectStore(store).put(value, key);
      }
    }
  } catch (error) {
    tx.abort();
    await finished.catch(() => {});
    throw error;
  }
  await finished;
}

export async function idbCount(handle, store) {
  return await request(handles.get(handle).transaction(store, 'readonly').objectStore(store).count());
}

// ---- Web Locks: one synclet per database across the origin's tabs and workers ----

// Takes the lock if no other tab or worker holds it: a handle, or 0. The browser releases it when
// this document or worker goes away, so a crashed or closed tab never keeps a database.
export function lockTry(name) {
  return new Promise((resolve, reject) => {
    navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(0);
        return undefined;
      }
      return new Promise((release) => resolve(keep(release)));
    }).catch(reject);
  });
}

export function lockRelease(handle) {
  take(handle)?.();
}

// ---- Web Storage (localStorage, sessionStorage) ----

const area = (local) => (local ? globalThis.localStorage : globalThis.sessionStorage);

export function storageGet(local, key) {
  return area(local).getItem(key);
}

// Returns null when stored, or why not: a quota error leaves the old value in place.
export function storageSet(local, key, value) {
  try {
    area(local).setItem(key, value);
    return null;
  } catch (error) {
    return error?.name === 'QuotaExceededError' ? 'quota' : String(error?.message ?? error);
  }
}

export function storageRemove(local, key) {
  area(local).removeItem(key);
}
