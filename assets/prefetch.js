// Starts reading the stored projects while the app's wasm is still downloading and compiling
// (about 90 ms of a 400 ms open at 10k tasks, BENCHMARKS.md): the app takes the open connection
// and these results when it starts (`src/storage/prefetch.rs`), if the database is the version it
// knows; otherwise it closes the connection and opens the database itself, as before. Nothing is
// created or written here: a database that does not exist yet is left to the app.
(() => {
  try {
    if (!self.indexedDB || !indexedDB.databases) return;
    self.miePrefetch = indexedDB.databases().then((dbs) => {
      if (!dbs.some((d) => d.name === 'mieruka')) return null;
      return new Promise((resolve) => {
        const req = indexedDB.open('mieruka');
        // Deleted meanwhile: opening would create an empty database; refuse instead.
        req.onupgradeneeded = () => req.transaction.abort();
        req.onerror = () => resolve(null);
        req.onsuccess = () => {
          const db = req.result;
          // A newer app wants the database: let it have it (the app sets its own handler).
          db.onversionchange = () => db.close();
          try {
            const tx = db.transaction(['projects', 'entities'], 'readonly');
            const heads = tx.objectStore('projects').getAll();
            const entities = tx.objectStore('entities').getAll();
            tx.oncomplete = () => resolve({ db, heads: heads.result, entities: entities.result });
            tx.onabort = () => resolve({ db });
          } catch {
            resolve({ db });
          }
        };
      });
    }).catch(() => null);
  } catch {
    // Storage blocked (private modes, site settings): the app says so when it starts.
  }
})();
