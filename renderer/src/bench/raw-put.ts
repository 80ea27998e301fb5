// One raw IndexedDB put's cost in this browser, for the sync benchmark's floor (db/request-count.ts).

/**
 * Microseconds per put of `rows` rows shaped as the desk stores an event (clear envelope, sealed payload
 * of `sealedBytes`, one index), in one transaction of a scratch database of this browser.
 */
export async function rawPutMicros(rows: number, sealedBytes: number): Promise<number> {
  const name = `bench-raw-${crypto.randomUUID()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('events', { keyPath: 'id' }).createIndex('caseId', 'caseId');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
  });
  try {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite');
      const store = tx.objectStore('events');
      for (let i = 0; i < rows; i++) {
        store.put({
          id: crypto.randomUUID(),
          caseId: `case-${i % (rows / 6)}`,
          v: 1,
          type: 'Registered',
          hlc: `${String(i).padStart(15, '0')}-000000-desk-1`,
          legalTime: '2025-03-03T10:00',
          atRest: {
            iv: crypto.getRandomValues(new Uint8Array(12)),
            data: new ArrayBuffer(sealedBytes),
          },
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    return ((performance.now() - start) * 1000) / rows;
  } finally {
    db.close();
    indexedDB.deleteDatabase(name);
  }
}
