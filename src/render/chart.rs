//! Small inline SVG bar charts (articles per year, and per month by topic), drawn at build
//! time so they need no JavaScript. Colours come from the theme through `currentColor`.
//!
//! Why the geometry is chosen here and not in CSS: the stylesheet scales an SVG by its
//! viewBox, so a viewBox as narrow as one bar became a chart thousands of pixels tall
//! (issue 20). Each chart is drawn at a bounded natural width (at most `MAX_WIDTH`) and a
//! fixed height, and the stylesheet only ever shrinks it. Axis labels are thinned from
//! their estimated width, so they cannot overlap at any scale (they shrink with the bars).

use std::fmt::Write as _;

use crate::render::markdown::escape_html;

/// The widest a chart is drawn, in SVG units; about the width of the text column.
const MAX_WIDTH: u32 = 640;
/// Axis and value labels, in SVG units.
const FONT: u32 = 12;
/// The estimated width of one digit at `FONT` (system sans-serif digits are ~0.6 em).
const DIGIT: u32 = 8;
/// Space kept between two labels, and around the plot.
const SPACE: u32 = 8;

fn n32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The height of a bar for `count` out of `max`, in a plot `full` units tall: at least 2
/// so a single article still shows.
fn bar_height(count: usize, max: usize, full: u32) -> u32 {
    if count == 0 {
        return 0;
    }
    let h = u64::from(n32(count)) * u64::from(full) / u64::from(n32(max.max(1)));
    u32::try_from(h).unwrap_or(full).clamp(2, full)
}

/// Bars for every year from the first to the last (empty years included, so gaps show).
/// `counts` is (year, articles), in any order. Empty when there is nothing to draw.
pub fn per_year(counts: &[(i32, usize)], label: &str) -> String {
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return String::new();
    };
    let years: Vec<(i32, usize)> = (first..=last)
        .map(|y| (y, counts.iter().filter(|c| c.0 == y).map(|c| c.1).sum()))
        .collect();
    let max = years.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let n = n32(years.len());
    // A slot per year: 48 units while they fit, narrower (down to 2) when they don't.
    let slot = (MAX_WIDTH.saturating_sub(2 * SPACE) / n.max(1)).clamp(2, 48);
    let bar = (slot * 2 / 3).max(2);
    // At least 240 wide, so one or two years don't make a narrow, tall chart; centred.
    let width = (2 * (SPACE + 8) + n * slot).max(240);
    let left = (width - n * slot) / 2;
    const PLOT: u32 = 110;
    let top = FONT + 6;
    let height = top + PLOT + FONT + 10;
    // Show every `every`-th year label (aligned on years divisible by it), so that two
    // labels are never closer than a label's width.
    let every = (4 * DIGIT + SPACE).div_ceil(slot).max(1);
    let summary: Vec<String> = years
        .iter()
        .filter(|y| y.1 > 0)
        .map(|(y, c)| format!("{y}: {c}"))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape_html(&format!("{label}: {}", summary.join(", ")))
    );
    for (i, (year, count)) in years.iter().enumerate() {
        let x = left + n32(i) * slot + (slot - bar) / 2;
        let mid = left + n32(i) * slot + slot / 2;
        let h = bar_height(*count, max, PLOT);
        let y = top + PLOT - h;
        let _ = write!(svg, "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\"><title>{year}: {count}</title></rect>");
        let digits = n32(count.to_string().len());
        if *count > 0 && digits * DIGIT + SPACE / 2 <= slot {
            let _ = write!(svg, "<text class=\"label\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{FONT}\">{count}</text>", y - 4);
        }
        let step = i32::try_from(every).unwrap_or(1);
        if every == 1 || year.rem_euclid(step) == 0 {
            let _ = write!(svg, "<text class=\"label\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{FONT}\">{year}</text>", height - 6);
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A timeline: one row of bars per series (a topic), a bar per month from the first
/// month of any series to the last. `rows` is (name, the months of its articles).
pub fn per_month(rows: &[(String, Vec<(i32, u8)>)], label: &str) -> String {
    let all = rows.iter().flat_map(|r| r.1.iter().copied());
    let (Some(first), Some(last)) = (all.clone().min(), all.max()) else {
        return String::new();
    };
    let index = |(y, m): (i32, u8)| {
        usize::try_from((y - first.0) * 12 + i32::from(m) - i32::from(first.1)).unwrap_or(0)
    };
    let months = index(last) + 1;
    const ROW: u32 = 40;
    const BAR_H: u32 = 20;
    const LEFT: u32 = SPACE;
    let step = (MAX_WIDTH.saturating_sub(2 * SPACE) / n32(months).max(1)).clamp(2, 16);
    // Wide enough for the longest row name and the last year label.
    let names = rows
        .iter()
        .map(|r| n32(r.0.chars().count()) * DIGIT)
        .max()
        .unwrap_or(0);
    let width = (LEFT + n32(months).saturating_mul(step) + 4 * DIGIT + SPACE)
        .max(LEFT + names + SPACE)
        .max(240);
    let height = n32(rows.len()) * ROW + FONT + 10;
    let mut summary = Vec::new();
    let mut body = String::new();
    for (r, (name, dates)) in rows.iter().enumerate() {
        let mut counts = vec![0usize; months];
        for &d in dates {
            counts[index(d).min(months - 1)] += 1;
        }
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let top = n32(r) * ROW;
        summary.push(format!("{name}: {}", dates.len()));
        let name = escape_html(name);
        let _ = write!(
            body,
            "<text class=\"label\" x=\"{LEFT}\" y=\"{}\" font-size=\"{FONT}\">{name}</text>",
            top + FONT
        );
        for (m, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
            let h = bar_height(c, max, BAR_H);
            let x = LEFT + n32(m) * step;
            let (y, mo) = (
                first.0 + i32::try_from((usize::from(first.1) - 1 + m) / 12).unwrap_or(0),
                (usize::from(first.1) - 1 + m) % 12 + 1,
            );
            let _ = write!(body, "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\"><title>{name}, {y}-{mo:02}: {c}</title></rect>", top + FONT + 4 + BAR_H - h, step.saturating_sub(1).max(1));
        }
    }
    // A year label at each January, skipped when it would touch the previous one.
    let axis_y = height - 6;
    let mut axis = String::new();
    let mut next_free = 0;
    for year in first.0..=last.0 {
        if year == first.0 && first.1 != 1 {
            continue;
        }
        let x = LEFT + n32(index((year, 1))) * step;
        if x >= next_free {
            let _ = write!(
                axis,
                "<text class=\"label\" x=\"{x}\" y=\"{axis_y}\" font-size=\"{FONT}\">{year}</text>"
            );
            next_free = x + 4 * DIGIT + SPACE;
        }
    }
    format!(
        "<svg class=\"chart timeline\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">{body}{axis}</svg>",
        escape_html(&format!("{label}: {}", summary.join(", ")))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_box(svg: &str) -> (u32, u32) {
        let v = svg.split("viewBox=\"0 0 ").nth(1).expect("a viewBox");
        let mut it = v
            .split(['"', ' '])
            .map(|n| n.parse::<u32>().expect("a number"));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }

    #[test]
    fn bars_cover_every_year() {
        let svg = per_year(&[(2015, 2), (2017, 4)], "Articles per year");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("aria-label=\"Articles per year: 2015: 2, 2017: 4\""));
        assert!(per_year(&[], "x").is_empty());
    }

    /// Issue 20: one year drew a 30-unit-wide viewBox that CSS scaled to 2,755 px tall.
    #[test]
    fn a_chart_is_wider_than_tall_and_bounded_whatever_the_years() {
        for n in [1, 2, 20, 80, 300] {
            let counts: Vec<(i32, usize)> = (0..n).map(|i| (1900 + i, 1 + i as usize)).collect();
            let (w, h) = view_box(&per_year(&counts, "x"));
            assert!(
                w >= h && w <= MAX_WIDTH + 40 && h < 200,
                "{n} years: {w}x{h}"
            );
        }
    }

    #[test]
    fn the_timeline_has_a_row_per_topic() {
        let rows = vec![
            ("Welfare".to_string(), vec![(2019, 7), (2019, 7), (2020, 1)]),
            ("Privatisation".to_string(), vec![(2019, 9)]),
        ];
        let svg = per_month(&rows, "Articles per month");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("Welfare, 2019-07: 2"));
        assert!(svg.contains("aria-label=\"Articles per month: Welfare: 3, Privatisation: 1\""));
        let (w, _) = view_box(&svg);
        assert!(w <= MAX_WIDTH + 40);
    }
}
