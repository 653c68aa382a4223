fn main() {
    console_error_panic_hook::set_once();
    // Marks for the cold-start figure (`bench/browser.mjs`): where the time before "loaded" goes.
    mieruka::browser::perf_mark("mieruka:main");
    leptos::mount::mount_to_body(mieruka::app::App);
    mieruka::browser::perf_mark("mieruka:mounted");
}
