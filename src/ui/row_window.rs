//! Which rows of a long list are in the page: the rows in view plus a few above and below, for
//! lists whose rows all have one fixed height (the WBS grid, a long register).

/// Rows rendered above and below the visible ones. Every rendered row costs style, layout and
/// paint on each scrolled frame (the table is laid out again when rows enter and leave): 12 gave
/// 33–89 frames over 20 ms of 200 in the scrolling benchmark, 4 gave 8–48 (same run, 10k tasks).
/// 6 keeps two mouse-wheel steps drawn ahead of the view.
pub const OVERSCAN: usize = 6;

/// The rows `first..end` of `total` to render when the list is scrolled `top` pixels down a
/// viewport `height` pixels high, every row `row_height` pixels.
pub fn row_window(top: f64, height: f64, total: usize, row_height: f64) -> (usize, usize) {
    let top = if top.is_finite() { top.max(0.0) } else { 0.0 };
    let height = if height.is_finite() { height.max(0.0) } else { 0.0 };
    let first = ((top / row_height) as usize).saturating_sub(OVERSCAN).min(total);
    let count = (height / row_height).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_of_a_list_renders_the_view_and_the_overscan_below() {
        assert_eq!(row_window(0.0, 360.0, 1000, 36.0), (0, 10 + 2 * OVERSCAN));
    }

    #[test]
    fn a_scrolled_list_renders_from_overscan_rows_above_the_view() {
        // 100 rows down: the first rendered row is 6 above.
        assert_eq!(row_window(3600.0, 360.0, 1000, 36.0), (94, 94 + 10 + 2 * OVERSCAN));
    }

    #[test]
    fn the_window_never_passes_the_end() {
        assert_eq!(row_window(36_000.0, 360.0, 1000, 36.0), (994, 1000));
        assert_eq!(row_window(1e9, 360.0, 5, 36.0), (5, 5));
        assert_eq!(row_window(0.0, 360.0, 0, 36.0), (0, 0));
    }

    #[test]
    fn a_position_the_browser_cannot_report_renders_the_top() {
        assert_eq!(row_window(f64::NAN, f64::INFINITY, 50, 36.0), (0, 2 * OVERSCAN));
        assert_eq!(row_window(-100.0, 72.0, 50, 36.0), (0, 2 + 2 * OVERSCAN));
    }
}
