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

/// A timeline: one row of bars per series (a topic), a bar per month from the first
/// month of any series to the last. `rows` is (name, the months of its articles).
pub fn per_month(rows: &[(String, Vec<(i32, u8)>)], label: &str) -> String {
    let all = rows.iter().flat_map(|r| r.1.iter().copied());
    let (Some(first), Some(last)) = (all.clone().min(), all.max()) else {
        return String::new();
    };
    let index = |(y, m): (i32, u8)| {
        ((y - first.0) * 12 + i32::from(m) - i32::from(first.1)).max(0) as usize
    };
    let months = index(last) + 1;
    const ROW: u32 = 46;
    const BAR_H: u32 = 30;
    const LEFT: u32 = 4;
    let step: u32 = if months > 120 { 3 } else { 5 };
    let width = LEFT
        + u32::try_from(months)
            .unwrap_or(u32::MAX / 8)
            .saturating_mul(step)
        + 8;
    let height = u32::try_from(rows.len()).unwrap_or(0) * ROW + 20;
    let mut summary = Vec::new();
    let mut body = String::new();
    for (r, (name, dates)) in rows.iter().enumerate() {
        let mut counts = vec![0u32; months];
        for &d in dates {
            counts[index(d).min(months - 1)] += 1;
        }
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let top = u32::try_from(r).unwrap_or(0) * ROW;
        summary.push(format!("{name}: {}", dates.len()));
        let _ = write!(
            body,
            "<text class=\"label\" x=\"{LEFT}\" y=\"{}\" font-size=\"11\">{}</text>",
            top + 11,
            crate::render::markdown::escape_html(name)
        );
        for (m, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
            let h = (c * BAR_H / max).max(2);
            let x = LEFT + u32::try_from(m).unwrap_or(0) * step;
            let (y, mo) = (
                first.0 + i32::try_from((usize::from(first.1) - 1 + m) / 12).unwrap_or(0),
                (usize::from(first.1) - 1 + m) % 12 + 1,
            );
            let _ = write!(body, "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\"><title>{name}, {y}-{mo:02}: {c}</title></rect>", top + 14 + BAR_H - h, step.saturating_sub(1).max(1), name = crate::render::markdown::escape_html(name));
        }
    }
    let axis_y = height - 4;
    let mut axis = String::new();
    for year in first.0..=last.0 {
        let m = index((year, 1)).min(months.saturating_sub(1));
        if year > first.0 || first.1 == 1 {
            let _ = write!(
                axis,
                "<text class=\"label\" x=\"{}\" y=\"{axis_y}\" font-size=\"10\">{year}</text>",
                LEFT + u32::try_from(m).unwrap_or(0) * step
            );
        }
    }
    format!(
        "<svg class=\"chart timeline\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">{body}{axis}</svg>",
        crate::render::markdown::escape_html(&format!("{label}: {}", summary.join(", ")))
    )
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
    }
}
