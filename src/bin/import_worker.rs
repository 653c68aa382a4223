//! The import worker's binary (index.html: `data-bin="mieruka-import" data-type="worker"`); what it
//! does is `mieruka::import_worker::worker`.

fn main() {
    console_error_panic_hook::set_once();
    mieruka::import_worker::worker::listen();
}
