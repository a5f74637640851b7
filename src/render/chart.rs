//! A small inline SVG bar chart of articles per year, drawn at build time so it needs no
//! JavaScript. Colours come from the theme through `currentColor`.

use std::fmt::Write as _;

const BAR: u32 = 18;
const GAP: u32 = 6;
const HEIGHT: u32 = 80;

/// Bars for every year from the first to the last (empty years included, so gaps show).
/// `counts` is (year, articles), in any order. Empty when there is nothing to draw.
pub fn per_year(counts: &[(i32, usize)], label: &str) -> String {
    let (Some(first), Some(last)) = (
        counts.iter().map(|c| c.0).min(),
        counts.iter().map(|c| c.0).max(),
    ) else {
        return String::new();
    };
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let years: Vec<(i32, usize)> = (first..=last)
        .map(|y| (y, counts.iter().filter(|c| c.0 == y).map(|c| c.1).sum()))
        .collect();
    let n = u32::try_from(years.len()).unwrap_or(u32::MAX);
    let width = n * (BAR + GAP) + GAP;
    let total = HEIGHT + 34;
    let every = (years.len() / 12).max(1);
    let mut svg = String::new();
    let summary: Vec<String> = years
        .iter()
        .filter(|y| y.1 > 0)
        .map(|(y, c)| format!("{y}: {c}"))
        .collect();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\" xmlns=\"http://www.w3.org/2000/svg\">",
        crate::render::markdown::escape_html(&format!("{label}: {}", summary.join(", ")))
    );
    for (i, (year, count)) in years.iter().enumerate() {
        let x = GAP + u32::try_from(i).unwrap_or(0) * (BAR + GAP);
        let h = if *count == 0 {
            0
        } else {
            (u32::try_from(*count)
                .unwrap_or(u32::MAX)
                .saturating_mul(HEIGHT)
                / u32::try_from(max).unwrap_or(1))
            .max(2)
        };
        let y = 14 + HEIGHT - h;
        let _ = write!(svg, "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{BAR}\" height=\"{h}\"><title>{year}: {count}</title></rect>");
        if *count > 0 {
            let _ = write!(svg, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{count}</text>", x + BAR / 2, y - 3);
        }
        if i % every == 0 {
            let _ = write!(svg, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{year}</text>", x + BAR / 2, total - 6);
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_cover_every_year() {
        let svg = per_year(&[(2015, 2), (2017, 4)], "Articles per year");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("aria-label=\"Articles per year: 2015: 2, 2017: 4\""));
        assert!(per_year(&[], "x").is_empty());
    }
}
