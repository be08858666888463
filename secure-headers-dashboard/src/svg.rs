//! Charts as SVG written on the server: no script draws anything. Labels are escaped text;
//! colours come from the stylesheet through class names (the policy has no
//! `'unsafe-inline'` for styles, and SVG presentation attributes are not styles).

use crate::html::{Esc, Out, w};

/// One line of a chart: a label and one count per time bucket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Series {
    /// What the line counts (a policy version, say); shown escaped.
    pub label: String,
    /// One count per bucket, oldest first.
    pub counts: Vec<u64>,
}

const WIDTH: u32 = 640;
const HEIGHT: u32 = 160;
const PAD: u32 = 24;
/// How many series a chart draws (the stylesheet has this many colours); the rest are
/// summed into the last one, named "other".
pub(crate) const MAX_SERIES: usize = 6;

/// A line chart of `series` over `buckets` time buckets with the given labels (first and
/// last are shown), with a legend; an empty chart says so.
pub(crate) fn line_chart(
    out: &mut Out,
    title: &str,
    series: &[Series],
    bucket_labels: (&str, &str),
) {
    let buckets = series.iter().map(|s| s.counts.len()).max().unwrap_or(0);
    let max = series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0);
    w!(
        out,
        "<figure class=\"chart\"><svg viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        Esc(title),
        Esc(title)
    );
    let base = HEIGHT - PAD;
    w!(
        out,
        "<line class=\"axis\" x1=\"{PAD}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\"/>",
        WIDTH - PAD
    );
    if buckets == 0 || max == 0 {
        w!(
            out,
            "<text class=\"empty\" x=\"{}\" y=\"{}\">no reports in this window</text>",
            WIDTH / 2 - 80,
            HEIGHT / 2
        );
    } else {
        w!(
            out,
            "<text class=\"tick\" x=\"0\" y=\"{}\">{max}</text>",
            PAD - 8
        );
        for (i, s) in series.iter().take(MAX_SERIES).enumerate() {
            let mut points = String::with_capacity(s.counts.len() * 12);
            for (x, y) in scaled(&s.counts, buckets, max, WIDTH - 2 * PAD, HEIGHT - 2 * PAD) {
                points.push_str(&format!("{},{} ", x + PAD, y + PAD));
            }
            w!(
                out,
                "<polyline class=\"s{i}\" fill=\"none\" points=\"{}\"><title>{}</title></polyline>",
                points.trim_end(),
                Esc(&s.label)
            );
        }
        w!(
            out,
            "<text class=\"tick\" x=\"{PAD}\" y=\"{}\">{}</text><text class=\"tick end\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            HEIGHT - 6,
            Esc(bucket_labels.0),
            WIDTH - PAD,
            HEIGHT - 6,
            Esc(bucket_labels.1)
        );
    }
    out.raw("</svg><figcaption>");
    for (i, s) in series.iter().take(MAX_SERIES).enumerate() {
        let total: u64 = s.counts.iter().sum();
        w!(
            out,
            "<span class=\"key k{i}\">{}</span> {} ",
            Esc(&s.label),
            crate::html::count(total)
        );
    }
    out.raw("</figcaption></figure>");
}

/// A sparkline: a small polyline of one fingerprint's reports per bucket.
pub(crate) fn sparkline(out: &mut Out, counts: &[u64]) {
    const W: u32 = 80;
    const H: u32 = 18;
    let max = counts.iter().copied().max().unwrap_or(0);
    w!(
        out,
        "<svg class=\"spark\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" aria-hidden=\"true\">"
    );
    if max > 0 {
        let mut points = String::with_capacity(counts.len() * 8);
        for (x, y) in scaled(counts, counts.len(), max, W - 2, H - 2) {
            points.push_str(&format!("{},{} ", x + 1, y + 1));
        }
        w!(
            out,
            "<polyline fill=\"none\" points=\"{}\"/>",
            points.trim_end()
        );
    }
    out.raw("</svg>");
}

/// The points of `counts` in a `width` × `height` box (y grows downwards), `buckets`
/// wide, scaled to `max`.
fn scaled(
    counts: &[u64],
    buckets: usize,
    max: u64,
    width: u32,
    height: u32,
) -> impl Iterator<Item = (u32, u32)> + '_ {
    let step = if buckets > 1 {
        f64::from(width) / (buckets - 1) as f64
    } else {
        0.0
    };
    counts.iter().enumerate().map(move |(i, &c)| {
        let x = (i as f64 * step).round() as u32;
        let y = height - ((c as f64 / max as f64) * f64::from(height)).round() as u32;
        (x, y)
    })
}

/// Keeps the first `MAX_SERIES - 1` series and sums the rest into one named "other".
pub(crate) fn fold_series(mut series: Vec<Series>) -> Vec<Series> {
    if series.len() <= MAX_SERIES {
        return series;
    }
    let rest = series.split_off(MAX_SERIES - 1);
    let len = rest.iter().map(|s| s.counts.len()).max().unwrap_or(0);
    let mut other = vec![0u64; len];
    for s in &rest {
        for (o, c) in other.iter_mut().zip(&s.counts) {
            *o += c;
        }
    }
    series.push(Series {
        label: format!(
            "{} other {}",
            rest.len(),
            secure_headers_reports::plural(rest.len() as u64, "version")
        ),
        counts: other,
    });
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_spans_its_box_from_zero_to_the_maximum() {
        let mut out = Out::default();
        sparkline(&mut out, &[0, 5, 10]);
        assert_eq!(
            out.0,
            "<svg class=\"spark\" viewBox=\"0 0 80 18\" width=\"80\" height=\"18\" aria-hidden=\"true\">\
             <polyline fill=\"none\" points=\"1,17 40,9 79,1\"/></svg>"
        );
        let mut empty = Out::default();
        sparkline(&mut empty, &[0, 0]);
        assert!(!empty.0.contains("polyline"));
    }

    #[test]
    fn chart_labels_are_text_and_extra_series_are_summed() {
        let mut out = Out::default();
        let series = (0..8)
            .map(|i| Series {
                label: format!("<v{i}>"),
                counts: vec![i, 1],
            })
            .collect();
        let folded = fold_series(series);
        assert_eq!(folded.len(), MAX_SERIES);
        assert_eq!(folded[5].label, "3 other versions");
        assert_eq!(folded[5].counts, vec![5 + 6 + 7, 3]);
        line_chart(&mut out, "per <version>", &folded, ("a", "b"));
        assert!(out.0.contains("<title>&lt;v0&gt;</title>"));
        assert!(out.0.contains("aria-label=\"per &lt;version&gt;\""));
        assert!(!out.0.contains("<v0>"));
        assert_eq!(out.0.matches("<polyline").count(), MAX_SERIES);
    }
}
