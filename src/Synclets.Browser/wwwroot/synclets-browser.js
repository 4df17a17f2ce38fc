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
//
// A leaf's atom and timestamp are one record of the 'leaves' store, [timestamp, atom] (the atom
// absent once deleted): one write per leaf, not two. .NET still speaks of two logical stores,
// 'atoms' and 'timestamps'; the functions below pick the record's field each means.

const LEAVES = 'leaves';
const FIELD = { timestamps: 0, atoms: 1 };
const isLeafStore = (store) => store in FIELD;
const physical = (store) => (isLeafStore(store) ? LEAVES : store);
const field = (value, index) => (value === undefined || value[index] === undefined || value[index] === null ? null : value[index]);

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
  const objects = handles.get(handle).transaction(physical(store), 'readonly').objectStore(physical(store));
  const values = await Promise.all(JSON.parse(keys).map((key) => request(objects.get(key))));
  return JSON.stringify(values.map((value) => text(store, value)));
}

export async function idbGet(handle, store, key) {
  const value = await request(handles.get(handle).transaction(physical(store), 'readonly').objectStore(physical(store)).get(JSON.parse(key)));
  return text(store, value);
}

const text = (store, value) => {
  const picked = isLeafStore(store) ? field(value, FIELD[store]) : value;
  return picked === undefined || picked === null ? null : String(picked);
};

// The distinct ids one level below parent: one cursor step per child, however many leaves it holds
// (a child whose first leaves lack the field, deleted atoms say, costs a step per such leaf).
export async function idbChildIds(handle, store, parentKey) {
  const parent = JSON.parse(parentKey);
  const tx = handles.get(handle).transaction(physical(store), 'readonly');
  const ids = [];
  await new Promise((resolve, reject) => {
    const cursorRequest = tx.objectStore(physical(store)).openCursor(below(parent));
    cursorRequest.onerror = () => reject(cursorRequest.error);
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) {
        resolve();
        return;
      }
      if (isLeafStore(store) && field(cursor.value, FIELD[store]) === null) {
        cursor.continue();
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
  const objects = handles.get(handle).transaction(LEAVES, 'readonly').objectStore(LEAVES);
  const range = below(parent);
  const [keys, values] = await Promise.all([request(objects.getAllKeys(range)), request(objects.getAll(range))]);
  const flat = [];
  for (let i = 0; i < keys.length; i++) {
    const value = field(values[i], FIELD[store]);
    if (value !== null) {
      flat.push(keys[i][parent.length], value);
    }
  }
  return JSON.stringify(flat);
}

// The leaves below many leaf parents (siblings: children of one parent), for several logical
// stores, in one transaction: result[store][parent] = [id, value, id, value, ...]. One range from
// the first parent to the last is read whole when that is not much more than asked for (the common
// case: a sync walking a table's rows); otherwise each parent's range is read on its own.
const spanLimit = 65536;

export async function idbLeavesOfMany(handle, storeNames, parentKeys) {
  const stores = JSON.parse(storeNames);
  const parents = JSON.parse(parentKeys);
  const objects = handles.get(handle).transaction(LEAVES, 'readonly').objectStore(LEAVES);
  const depth = parents[0].length;
  const split = (keys, values) => {
    const byParent = new Map();
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i][depth - 1];
      let flats = byParent.get(id);
      if (!flats) byParent.set(id, flats = stores.map(() => []));
      stores.forEach((store, s) => {
        const value = field(values[i], FIELD[store]);
        if (value !== null) flats[s].push(keys[i][depth], value);
      });
    }
    return byParent;
  };
  const empty = () => stores.map(() => []);
  const sorted = [...parents].sort(indexedDB.cmp.bind(indexedDB));
  const span = IDBKeyRange.bound(sorted[0], [...sorted[sorted.length - 1], []], true, true);
  const [keys, values] = await Promise.all([request(objects.getAllKeys(span, spanLimit)), request(objects.getAll(span, spanLimit))]);
  let perParent;
  if (keys.length < spanLimit) {
    const byParent = split(keys, values);
    perParent = parents.map((parent) => byParent.get(parent[depth - 1]) ?? empty());
  } else {
    perParent = await Promise.all(parents.map(async (parent) => {
      const range = below(parent);
      const [own, ownValues] = await Promise.all([request(objects.getAllKeys(range)), request(objects.getAll(range))]);
      return split(own, ownValues).get(parent[depth - 1]) ?? empty();
    }));
  }
  return JSON.stringify(stores.map((_, s) => perParent.map((flats) => flats[s])));
}

// Whether any leaf below prefix that has the store's field is not among the excluded keys (the
// batch's own deletions).
export async function idbHasKeyBesides(handle, store, prefixKey, excludedKeys) {
  const excluded = new Set(JSON.parse(excludedKeys).map((key) => JSON.stringify(key)));
  const objects = handles.get(handle).transaction(physical(store), 'readonly').objectStore(physical(store));
  return await new Promise((resolve, reject) => {
    const cursorRequest = objects.openCursor(below(JSON.parse(prefixKey)));
    cursorRequest.onerror = () => reject(cursorRequest.error);
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) {
        resolve(false);
      } else if (!excluded.has(JSON.stringify(cursor.key)) && (!isLeafStore(store) || field(cursor.value, FIELD[store]) !== null)) {
        resolve(true);
      } else {
        cursor.continue();
      }
    };
  });
}

// One batch in one transaction: [[store, key, value or null to delete], ...]. All or nothing. A
// leaf's atom and timestamp become one record; when the batch changes only one of them, the
// record is read and merged inside the transaction.
export async function idbCommit(handle, storeNames, operations) {
  const db = handles.get(handle);
  const tx = db.transaction(JSON.parse(storeNames).map(physical).filter((store, i, all) => all.indexOf(store) === i), 'readwrite');
  const finished = done(tx);
  try {
    const leaves = new Map();
    for (const [store, key, value] of JSON.parse(operations)) {
      if (isLeafStore(store)) {
        const id = JSON.stringify(key);
        let change = leaves.get(id);
        if (!change) leaves.set(id, change = { key, set: [undefined, undefined] });
        change.set[FIELD[store]] = value;
      } else if (value === null) {
        tx.objectStore(store).delete(key);
      } else {
        tx.objectStore(store).put(value, key);
      }
    }
    const objects = leaves.size > 0 ? tx.objectStore(LEAVES) : null;
    const write = (key, [timestamp, atom]) => {
      if (timestamp === null && atom === null) objects.delete(key);
      else objects.put(atom === null ? [timestamp] : [timestamp, atom], key);
    };
    for (const { key, set } of leaves.values()) {
      if (set[0] !== undefined && set[1] !== undefined) {
        write(key, set);
      } else {
        const read = objects.get(key);
        read.onsuccess = () => write(key, set.map((value, i) => (value === undefined ? field(read.result, i) : value)));
      }
    }
  } catch (error) {
    tx.abort();
    await finished.catch(() => {});
    throw error;
  }
  await finished;
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
