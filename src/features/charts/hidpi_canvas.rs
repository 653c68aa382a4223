//! A plotters backend for `<canvas>` that is crisp on HiDPI screens: the canvas holds
//! `css size × devicePixelRatio` pixels, the context is scaled by the ratio, and the chart is laid
//! out in CSS pixels (so fonts and line widths keep their size).

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters_canvas::CanvasBackend;

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
use web_sys::HtmlCanvasElement;

pub struct HiDpiCanvas {
    inner: CanvasBackend,
    size: (u32, u32),
}

impl HiDpiCanvas {
    /// Sizes `canvas` for `css_size` at `ratio` and wraps it; `None` if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement, css_size: (u32, u32), ratio: f64) -> Option<Self> {
        let (w, h) = (css_size.0.max(1), css_size.1.max(1));
        canvas.set_width((f64::from(w) * ratio).round() as u32);
        canvas.set_height((f64::from(h) * ratio).round() as u32);
        let ctx: web_sys::CanvasRenderingContext2d =
            wasm_bindgen::JsCast::dyn_into(canvas.get_context("2d").ok()??).ok()?;
        ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
        Some(HiDpiCanvas { inner: CanvasBackend::with_canvas_object(canvas)?, size: (w, h) })
    }
}

type R = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for HiDpiCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> R {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        self.inner.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> R {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.inner.estimate_text_size(text, style)
    }
}
