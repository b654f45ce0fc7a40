// What the device keeps between visits, in IndexedDB: settings ("kv"), the downloaded attendees of the chosen
// entrance, and the scans made offline that the server has not confirmed yet ("queue", by nonce).

const DB = 'door';
let opened;

function db() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('kv');
      request.result.createObjectStore('attendees', { keyPath: '_id' });
      request.result.createObjectStore('queue', { keyPath: 'nonce' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run(storeName, mode, work) {
  const database = await db();
  return new Promise((resolve, reject) => {
    const tx = database.transaction(storeName, mode);
    const result = work(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const get = (key) => run('kv', 'readonly', (s) => s.get(key));
export const set = (key, value) => run('kv', 'readwrite', (s) => s.put(value, key));
export const remove = (key) => run('kv', 'readwrite', (s) => s.delete(key));
export const all = (storeName) => run(storeName, 'readonly', (s) => s.getAll());
export const putAll = (storeName, values) => run(storeName, 'readwrite', (s) => values.forEach((v) => s.put(v)));
export const deleteAll = (storeName, keys) => run(storeName, 'readwrite', (s) => keys.forEach((k) => s.delete(k)));
export const clear = (storeName) => run(storeName, 'readwrite', (s) => s.clear());
