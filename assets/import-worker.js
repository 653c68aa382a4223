// The import worker's start (src/import_worker/): Trunk builds `mieruka-import.js` and its wasm
// from the `mieruka-import` binary (index.html, data-type="worker"); this loads them in the worker.
// (Trunk's own loader shim passes the wasm's path the way wasm-bindgen now warns about.)
importScripts('./mieruka-import.js');
wasm_bindgen({ module_or_path: './mieruka-import_bg.wasm' });
