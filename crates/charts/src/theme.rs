//! Colours and the font of every chart, for the light and the dark theme.

use plotters::style::RGBColor;

/// Fonts that render Japanese on Linux, macOS and Windows, then the generic family. Written as one
/// CSS font-family list: the SVG backend copies it into `font-family="…"` (escaping the quotes) and
/// the canvas backend into `ctx.font`, so both accept it as it is.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', Meiryo, 'Yu Gothic', sans-serif";

/// Colours of one theme. Series colours follow the Okabe–Ito palette (distinguishable with the
/// common colour-vision deficiencies); risk levels go from green to red *and* from light to dark
/// in lightness, so they stay ordered in greyscale too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub dark: bool,
    pub background: RGBColor,
    /// Alternate rows (Gantt zebra) and boxes behind labels.
    pub surface: RGBColor,
    pub text: RGBColor,
    pub text_muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Line / bar colours in order of use.
    pub series: [RGBColor; 7],
    /// Reference lines: ideal line, BAC.
    pub reference: RGBColor,
    /// The status-date ("today") line and the イナヅマ線.
    pub status: RGBColor,
    /// Over-allocation, critical path, late.
    pub alert: RGBColor,
    /// Threat levels [low, medium, high, critical] and the text drawn on them.
    pub level: [RGBColor; 4],
    pub level_text: [RGBColor; 4],
    /// Opportunity levels (blues: an opportunity is good news, not a warning).
    pub opportunity: [RGBColor; 4],
    pub opportunity_text: [RGBColor; 4],
    /// Gantt: task bar, its progress fill, summary bars, milestones, dependency arrows.
    pub bar: RGBColor,
    pub bar_progress: RGBColor,
    pub critical_bar: RGBColor,
    pub critical_progress: RGBColor,
    pub summary: RGBColor,
    pub milestone: RGBColor,
    pub link: RGBColor,
    /// Non-working days in the Gantt timeline.
    pub weekend: RGBColor,
}

const BLACK: RGBColor = RGBColor(0x1f, 0x23, 0x28);
const WHITE: RGBColor = RGBColor(0xff, 0xff, 0xff);

impl Theme {
    pub fn light() -> Theme {
        Theme {
            dark: false,
            background: WHITE,
            surface: RGBColor(0xf6, 0xf8, 0xfa),
            text: BLACK,
            text_muted: RGBColor(0x57, 0x60, 0x6a),
            grid: RGBColor(0xe4, 0xe7, 0xeb),
            axis: RGBColor(0x8c, 0x95, 0x9f),
            series: [
                RGBColor(0x00, 0x72, 0xb2), // blue
                RGBColor(0xe6, 0x9f, 0x00), // orange
                RGBColor(0x00, 0x9e, 0x73), // bluish green
                RGBColor(0xcc, 0x79, 0xa7), // reddish purple
                RGBColor(0x56, 0xb4, 0xe9), // sky blue
                RGBColor(0xd5, 0x5e, 0x00), // vermillion
                RGBColor(0x6e, 0x77, 0x81), // grey
            ],
            reference: RGBColor(0x8c, 0x95, 0x9f),
            status: RGBColor(0x82, 0x50, 0xdf),
            alert: RGBColor(0xcf, 0x22, 0x2e),
            level: [
                RGBColor(0x7f, 0xc9, 0x7f), // low: green
                RGBColor(0xf6, 0xdc, 0x4a), // medium: yellow
                RGBColor(0xf0, 0x8c, 0x2a), // high: orange
                RGBColor(0xc6, 0x28, 0x28), // critical: red
            ],
            level_text: [BLACK, BLACK, BLACK, WHITE],
            opportunity: [
                RGBColor(0xd6, 0xe8, 0xf7),
                RGBColor(0x9c, 0xc8, 0xee),
                RGBColor(0x4a, 0x90, 0xd0),
                RGBColor(0x1d, 0x5a, 0x9e),
            ],
            opportunity_text: [BLACK, BLACK, WHITE, WHITE],
            bar: RGBColor(0x9c, 0xc8, 0xee),
            bar_progress: RGBColor(0x1d, 0x6f, 0xb8),
            critical_bar: RGBColor(0xf5, 0xb3, 0xb3),
            critical_progress: RGBColor(0xcf, 0x22, 0x2e),
            summary: RGBColor(0x3b, 0x43, 0x4b),
            milestone: RGBColor(0x1f, 0x23, 0x28),
            link: RGBColor(0x6e, 0x77, 0x81),
            weekend: RGBColor(0xf0, 0xf2, 0xf5),
        }
    }

    pub fn dark() -> Theme {
        Theme {
            dark: true,
            background: RGBColor(0x0d, 0x11, 0x17),
            surface: RGBColor(0x16, 0x1b, 0x22),
            text: RGBColor(0xe6, 0xed, 0xf3),
            text_muted: RGBColor(0x9d, 0xa7, 0xb3),
            grid: RGBColor(0x26, 0x2c, 0x34),
            axis: RGBColor(0x6e, 0x76, 0x81),
            series: [
                RGBColor(0x4d, 0xa3, 0xf0), // blue
                RGBColor(0xf0, 0xb4, 0x29), // orange
                RGBColor(0x2e, 0xc2, 0x8f), // bluish green
                RGBColor(0xe0, 0x91, 0xc0), // reddish purple
                RGBColor(0x8a, 0xd0, 0xf5), // sky blue
                RGBColor(0xf2, 0x7a, 0x3c), // vermillion
                RGBColor(0x9d, 0xa7, 0xb3), // grey
            ],
            reference: RGBColor(0x8b, 0x94, 0x9e),
            status: RGBColor(0xbc, 0x8c, 0xff),
            alert: RGBColor(0xff, 0x6b, 0x6b),
            // The same hues as the light theme, slightly deeper so white-on-background text
            // around them keeps its contrast; the text on each level is chosen for contrast.
            level: [
                RGBColor(0x5f, 0xb8, 0x6a),
                RGBColor(0xe8, 0xcc, 0x3c),
                RGBColor(0xe8, 0x80, 0x24),
                RGBColor(0xd6, 0x3a, 0x3a),
            ],
            level_text: [BLACK, BLACK, BLACK, WHITE],
            opportunity: [
                RGBColor(0x2a, 0x3f, 0x58),
                RGBColor(0x2f, 0x5f, 0x92),
                RGBColor(0x3f, 0x86, 0xcc),
                RGBColor(0x8c, 0xc4, 0xf5),
            ],
            opportunity_text: [WHITE, WHITE, WHITE, BLACK],
            bar: RGBColor(0x2f, 0x5f, 0x92),
            bar_progress: RGBColor(0x6c, 0xb6, 0xff),
            critical_bar: RGBColor(0x6e, 0x2a, 0x2e),
            critical_progress: RGBColor(0xff, 0x6b, 0x6b),
            summary: RGBColor(0xc9, 0xd1, 0xd9),
            milestone: RGBColor(0xe6, 0xed, 0xf3),
            link: RGBColor(0x8b, 0x94, 0x9e),
            weekend: RGBColor(0x13, 0x18, 0x1f),
        }
    }

    /// The colour of series `i` (cycling).
    pub fn series(&self, i: usize) -> RGBColor {
        self.series[i % self.series.len()]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::light()
    }
}
