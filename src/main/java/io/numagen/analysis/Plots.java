package io.numagen.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

/**
 * The plots, drawn once through a small {@link Canvas} and rendered both as SVG text and as PNG with java.awt in
 * headless mode (no plotting dependency).
 */
public final class Plots {

    /** Drawing primitives shared by the SVG and PNG back ends. Coordinates in pixels, origin top left. */
    interface Canvas {
        void rect(double x, double y, double w, double h, Color fill, Color stroke);

        void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

        /** anchor: -1 start, 0 middle, 1 end; y is the baseline. */
        void text(double x, double y, String s, int size, int anchor, Color color, boolean bold);

        /** A closed polygon (the line plot's markers); fill may be null for an outline. */
        void polygon(double[] xs, double[] ys, Color fill, Color stroke);
    }

    /** A drawing that can be rendered at a fixed size. */
    interface Drawing {
        int width();

        int height();

        void draw(Canvas c);
    }

    /** A drawing of the given size painted by {@code paint}. */
    static Drawing drawing(int width, int height, java.util.function.Consumer<Canvas> paint) {
        return new Drawing() {
            public int width() {
                return width;
            }

            public int height() {
                return height;
            }

            public void draw(Canvas c) {
                paint.accept(c);
            }
        };
    }

    /** One row of a forest plot: value with CI. */
    public record Row(String label, double value, double low, double high, boolean significant) {
    }

    /**
     * One heat map panel: throughput[i][j] (GB/s) and its ratio to the row's local cell, for cpu node rows[i] and
     * memory node cols[j]; NaN = not measured.
     */
    public record Panel(String title, List<Integer> rows, List<Integer> cols, double[][] throughput,
                        double[][] ratios) {
    }

    /**
     * One line of a line panel: y (GB/s) with its interval [low, high] at each x (thread count), x ascending.
     */
    public record Line(String label, int[] x, double[] y, double[] low, double[] high) {
    }

    /** One panel of a line plot: a bold title, a smaller subtitle, its lines. */
    public record LinePanel(String title, String subtitle, List<Line> lines) {
    }

    private static final Color AXIS = new Color(0x44, 0x44, 0x44);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color SIG = new Color(0x1f, 0x77, 0xb4);
    private static final Color NOSIG = new Color(0x99, 0x99, 0x99);
    private static final Color REF = new Color(0xd6, 0x27, 0x28);

    private Plots() {
    }

    // ---- forest plot (ratios with CI bars, log axis) and bar chart (values with CI whiskers, linear axis) ----

    /** Ratios with their CIs on a log axis (a ratio and its inverse are equally far from 1), line at 1. */
    public static Drawing forest(String title, String xLabel, List<Row> rows) {
        return horizontal(title, xLabel, rows, true, "blue: holds after the Holm correction; grey: inconclusive");
    }

    /** Bars from 0 with CI whiskers on a linear axis (e.g. throughput per node). */
    public static Drawing bars(String title, String xLabel, List<Row> rows) {
        return horizontal(title, xLabel, rows, false, "bar: geometric mean of the fork means; whisker: 95 % CI over forks");
    }

    private static Drawing horizontal(String title, String xLabel, List<Row> rows, boolean log, String legend) {
        // 11 px text needs about 7 px a character: the label column grows with the longest label up to 80 characters
        // (several thread counts add " threads=N"); longer ones are cut, never at the image edge.
        int longest = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        int labelChars = Math.max(60, Math.min(80, longest));
        int labelW = 430 + (int) Math.round((labelChars - 60) * 7.2);
        int plotW = 420;
        int top = 50;
        int rowH = 20;
        int height = top + Math.max(1, rows.size()) * rowH + 70;
        int width = labelW + plotW + 40;
        double lo = log ? 1 : 0;
        double hi = log ? 1 : 0;
        for (Row r : rows) {
            for (double v : new double[] {r.value(), r.low(), r.high()}) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        DoubleUnaryOperator f = log ? Math::log : v -> v;
        double pad = Math.max((f.applyAsDouble(hi) - f.applyAsDouble(lo)) * 0.08, log ? 0.02 : 1e-9);
        final double min = log ? f.applyAsDouble(lo) - pad : 0;
        final double max = f.applyAsDouble(hi) + pad;
        final List<Double> ticks = log ? logTicks(Math.exp(min), Math.exp(max)) : ticks(0, max);
        return drawing(width, height, c -> {
            c.rect(0, 0, width, height, Color.WHITE, null);
            c.text(width / 2.0, 24, shorten(title, 110), 14, 0, Color.BLACK, true);
            double x0 = labelW;
            double bottom = top + Math.max(1, rows.size()) * rowH;
            DoubleUnaryOperator sx = v -> x0 + (f.applyAsDouble(v) - min) / (max - min) * plotW;
            for (double t : ticks) {
                double x = sx.applyAsDouble(t);
                c.line(x, top - 5, x, bottom, GRID, 1, false);
                c.text(x, bottom + 16, fmtTick(t), 11, 0, AXIS, false);
            }
            if (log) {
                double xr = sx.applyAsDouble(1);
                c.line(xr, top - 5, xr, bottom, REF, 1.5, true);
            }
            c.line(x0, bottom, x0 + plotW, bottom, AXIS, 1, false);
            c.text(x0 + plotW / 2.0, bottom + 36, xLabel, 12, 0, AXIS, false);
            if (rows.isEmpty()) {
                c.text(x0 + plotW / 2.0, top + 14, "no data", 12, 0, AXIS, false);
            }
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                double y = top + i * rowH + rowH / 2.0;
                c.text(x0 - 8, y + 4, shorten(r.label(), labelChars), 11, 1, Color.BLACK, false);
                Color col = r.significant() ? SIG : NOSIG;
                if (!log && Double.isFinite(r.value())) {
                    c.rect(x0, y - 6, sx.applyAsDouble(r.value()) - x0, 12, new Color(0xc6, 0xdb, 0xef), null);
                }
                if (Double.isFinite(r.low()) && Double.isFinite(r.high()) && (!log || r.low() > 0)) {
                    double a = sx.applyAsDouble(r.low());
                    double b = sx.applyAsDouble(r.high());
                    c.line(a, y, b, y, col, 2, false);
                    c.line(a, y - 4, a, y + 4, col, 2, false);
                    c.line(b, y - 4, b, y + 4, col, 2, false);
                }
                if (log && Double.isFinite(r.value()) && r.value() > 0) {
                    double x = sx.applyAsDouble(r.value());
                    c.rect(x - 3.5, y - 3.5, 7, 7, col, null);
                }
            }
            c.text(width - 10.0, height - 8.0, legend, 10, 1, AXIS, false);
        });
    }

    /**
     * Ratio ticks for a log axis: 1 and the usual fractions and multiples in [lo, hi], going outwards from 1 and
     * keeping a tick only when it is at least an eighth of the axis away from the previous one (labels never overlap).
     */
    static List<Double> logTicks(double lo, double hi) {
        double[] nice = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.67, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25, 1.5, 2, 3,
            4, 5, 10, 20, 50, 100};
        double gap = (Math.log(hi) - Math.log(lo)) / 8;
        List<Double> out = new ArrayList<>(List.of(1.0));
        double last = 1;
        for (double t : nice) {
            if (t > 1 && t <= hi && Math.log(t) - Math.log(last) >= gap) {
                out.add(t);
                last = t;
            }
        }
        last = 1;
        for (int i = nice.length - 1; i >= 0; i--) {
            double t = nice[i];
            if (t < 1 && t >= lo && Math.log(last) - Math.log(t) >= gap) {
                out.add(0, t);
                last = t;
            }
        }
        return out;
    }

    // ---- line plot (throughput against thread count, one panel per node and benchmark) ----

    /** Nine colours that stay apart on white (matplotlib's tab10 without its grey). */
    private static final Color[] SERIES_COLOURS = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
        new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd),
        new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0xbc, 0xbd, 0x22),
        new Color(0x17, 0xbe, 0xcf)};
    /** Marker shapes; with the 9 colours, 18 series get a distinct colour and shape pair. */
    private static final int MARKERS = 6;

    /**
     * Lines with interval whiskers, one panel per entry in a two-column grid, x on a log2 axis with a tick at every
     * measured x, y linear from 0. A line keeps its colour and marker (by label) in every panel, and one legend above
     * the panels names them; lines of a panel are nudged a few pixels apart in x so equal values stay visible.
     */
    public static Drawing lines(String title, String xLabel, String yLabel, String yUnit, List<LinePanel> panels) {
        List<String> labels = new ArrayList<>();
        panels.forEach(p -> p.lines().forEach(l -> {
            if (!labels.contains(l.label())) {
                labels.add(l.label());
            }
        }));
        int columns = panels.size() > 1 ? 2 : 1;
        int panelW = 540;
        int panelH = 290;
        int width = columns * panelW + 20;
        // As many legend columns as the longest label allows (11 px text: under 6.5 px a character), at most 3.
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        int legendCols = (int) Math.max(1, Math.min(3, (width - 20) / (Math.min(longest, 60) * 6.5 + 50)));
        double colW = (width - 20.0) / legendCols;
        int legendChars = (int) ((colW - 46) / 6.5);
        int legendRowH = 18;
        int legendRows = (labels.size() + legendCols - 1) / legendCols;
        int top = 56 + legendRows * legendRowH + 10;
        int rows = (panels.size() + columns - 1) / columns;
        int height = top + Math.max(1, rows) * panelH + 10;
        return drawing(width, height, c -> {
            c.rect(0, 0, width, height, Color.WHITE, null);
            c.text(width / 2.0, 24, shorten(title, 120), 14, 0, Color.BLACK, true);
            c.text(width / 2.0, 42, shorten("x: " + xLabel + "; y: " + yLabel, width / 6), 11, 0, AXIS, false);
            for (int i = 0; i < labels.size(); i++) {
                double lx = 10 + (i % legendCols) * colW;
                double ly = 56 + (i / legendCols) * legendRowH + 8;
                Color col = SERIES_COLOURS[i % SERIES_COLOURS.length];
                c.line(lx + 4, ly, lx + 34, ly, col, 2, false);
                marker(c, i, lx + 19, ly, col);
                c.text(lx + 42, ly + 4, shorten(labels.get(i), legendChars), 11, -1, Color.BLACK, false);
            }
            if (panels.isEmpty()) {
                c.text(width / 2.0, top + 20, "no data", 12, 0, AXIS, false);
            }
            for (int k = 0; k < panels.size(); k++) {
                linePanel(c, panels.get(k), 10 + (k % columns) * panelW, top + (k / columns) * panelH, panelW, panelH,
                        labels, xLabel, yUnit);
            }
        });
    }

    /** One panel of {@link #lines} at (ox, oy); a line's colour and marker come from its label's place in labels. */
    private static void linePanel(Canvas c, LinePanel p, double ox, double oy, int panelW, int panelH,
                                  List<String> labels, String xLabel, String yUnit) {
        double left = ox + 62;
        double right = ox + panelW - 20;
        double plotTop = oy + 54;
        double bottom = oy + panelH - 46;
        c.text(ox + 4, oy + 14, shorten(p.title(), 80), 12, -1, Color.BLACK, true);
        c.text(ox + 4, oy + 30, shorten(p.subtitle(), 95), 10, -1, AXIS, false);
        TreeSet<Integer> xs = new TreeSet<>();
        double yMax = 0;
        for (Line l : p.lines()) {
            for (int i = 0; i < l.x().length; i++) {
                xs.add(l.x()[i]);
                for (double v : new double[] {l.y()[i], l.high()[i]}) {
                    if (Double.isFinite(v)) {
                        yMax = Math.max(yMax, v);
                    }
                }
            }
        }
        if (xs.isEmpty()) {
            c.text((left + right) / 2, (plotTop + bottom) / 2, "no data", 12, 0, AXIS, false);
            return;
        }
        double top = yMax > 0 ? yMax * 1.08 : 1;
        List<Double> yTicks = ticks(0, top);
        double lo = log2(xs.first()) - 0.35;
        double hi = log2(xs.last()) + 0.35;
        DoubleUnaryOperator sx = v -> left + (log2(v) - lo) / (hi - lo) * (right - left);
        DoubleUnaryOperator sy = v -> bottom - v / top * (bottom - plotTop);
        for (double t : yTicks) {
            double y = sy.applyAsDouble(t);
            c.line(left, y, right, y, GRID, 1, false);
            c.text(left - 6, y + 4, fmtTick(t), 10, 1, AXIS, false);
        }
        double lastTick = Double.NEGATIVE_INFINITY;
        for (int x : xs) {
            double px = sx.applyAsDouble(x);
            c.line(px, plotTop, px, bottom, GRID, 1, false);
            if (px - lastTick >= 24) { // labels of close thread counts would overlap: every other one
                c.text(px, bottom + 15, Integer.toString(x), 10, 0, AXIS, false);
                lastTick = px;
            }
        }
        c.line(left, bottom, right, bottom, AXIS, 1, false);
        c.line(left, plotTop, left, bottom, AXIS, 1, false);
        c.text((left + right) / 2, bottom + 32, xLabel, 11, 0, AXIS, false);
        c.text(left + 4, plotTop - 5, yUnit, 10, -1, AXIS, false);
        int n = p.lines().size();
        for (int j = 0; j < n; j++) {
            Line l = p.lines().get(j);
            int style = labels.indexOf(l.label());
            Color col = SERIES_COLOURS[style % SERIES_COLOURS.length];
            double nudge = (j - (n - 1) / 2.0) * Math.min(5, 40.0 / n);
            double prevX = Double.NaN;
            double prevY = Double.NaN;
            for (int i = 0; i < l.x().length; i++) {
                double px = sx.applyAsDouble(l.x()[i]) + nudge;
                double py = sy.applyAsDouble(l.y()[i]);
                if (!Double.isNaN(prevX)) {
                    c.line(prevX, prevY, px, py, col, 1.8, false);
                }
                if (Double.isFinite(l.low()[i]) && Double.isFinite(l.high()[i])) {
                    double a = sy.applyAsDouble(l.low()[i]);
                    double b = sy.applyAsDouble(l.high()[i]);
                    c.line(px, a, px, b, col, 1.2, false);
                    c.line(px - 3, a, px + 3, a, col, 1.2, false);
                    c.line(px - 3, b, px + 3, b, col, 1.2, false);
                }
                prevX = px;
                prevY = py;
            }
            for (int i = 0; i < l.x().length; i++) {
                marker(c, style, sx.applyAsDouble(l.x()[i]) + nudge, sy.applyAsDouble(l.y()[i]), col);
            }
        }
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Marker {@code style % MARKERS} at (x, y): circle, square, triangle up, diamond, triangle down, hollow circle. */
    static void marker(Canvas c, int style, double x, double y, Color col) {
        double r = 4.5;
        switch (style % MARKERS) {
            case 1 -> c.polygon(new double[] {x - r, x + r, x + r, x - r}, new double[] {y - r, y - r, y + r, y + r},
                    col, col);
            case 2 -> c.polygon(new double[] {x, x + r * 1.2, x - r * 1.2}, new double[] {y - r * 1.2, y + r, y + r},
                    col, col);
            case 3 -> c.polygon(new double[] {x, x + r * 1.25, x, x - r * 1.25},
                    new double[] {y - r * 1.25, y, y + r * 1.25, y}, col, col);
            case 4 -> c.polygon(new double[] {x - r * 1.2, x + r * 1.2, x}, new double[] {y - r, y - r, y + r * 1.2},
                    col, col);
            default -> {
                double[] xs = new double[16];
                double[] ys = new double[16];
                for (int i = 0; i < 16; i++) {
                    xs[i] = x + r * Math.cos(i * Math.PI / 8);
                    ys[i] = y + r * Math.sin(i * Math.PI / 8);
                }
                c.polygon(xs, ys, style % MARKERS == 0 ? col : Color.WHITE, col);
            }
        }
    }

    // ---- heat map (cpu node × memory node) ----

    public static Drawing heatmap(String title, List<Panel> panels) {
        int cell = 90;
        int left = 90;
        List<int[]> origins = new ArrayList<>();
        int y = 60;
        int maxW = 900;
        for (Panel p : panels) {
            origins.add(new int[] {left, y + 52});
            y += 52 + p.rows().size() * cell + 30;
            maxW = Math.max(maxW, left + p.cols().size() * cell + 40);
        }
        final int height = Math.max(y, 120) + 20;
        final int width = maxW;
        return drawing(width, height, c -> {
            c.rect(0, 0, width, height, Color.WHITE, null);
            c.text(width / 2.0, 24, title, 15, 0, Color.BLACK, true);
            c.text(width / 2.0, 42, "cell: mean throughput in GB/s and × its ratio to the local cell of the same "
                    + "CPU node (row); colour by ratio: orange ≤ 0.5, blue ≥ 1", 11, 0, AXIS, false);
            if (panels.isEmpty()) {
                c.text(width / 2.0, 80, "no data", 12, 0, AXIS, false);
            }
            for (int k = 0; k < panels.size(); k++) {
                Panel p = panels.get(k);
                int ox = origins.get(k)[0];
                int oy = origins.get(k)[1];
                String[] lines = p.title().split("\n", 2);
                c.text(10, oy - 36, shorten(lines[0], 120), 12, -1, Color.BLACK, true);
                if (lines.length > 1) {
                    c.text(10, oy - 22, shorten(lines[1], 140), 10, -1, AXIS, false);
                }
                c.text(ox - 10, oy - 6, "cpu \\ mem", 10, 1, AXIS, false);
                for (int j = 0; j < p.cols().size(); j++) {
                    c.text(ox + j * cell + cell / 2.0, oy - 6, "mem " + p.cols().get(j), 11, 0, AXIS, false);
                }
                for (int i = 0; i < p.rows().size(); i++) {
                    c.text(ox - 10, oy + i * cell + cell / 2.0 + 4, "cpu " + p.rows().get(i), 11, 1, AXIS, false);
                    for (int j = 0; j < p.cols().size(); j++) {
                        double v = p.ratios()[i][j];
                        double gb = p.throughput()[i][j];
                        Color fill = Double.isNaN(v) ? new Color(0xf2, 0xf2, 0xf2) : shade(v);
                        c.rect(ox + j * cell, oy + i * cell, cell, cell, fill, Color.WHITE);
                        Color ink = !Double.isNaN(v) && v > 0.8 ? Color.WHITE : Color.BLACK;
                        double cx = ox + j * cell + cell / 2.0;
                        double cy = oy + i * cell + cell / 2.0;
                        c.text(cx, cy - 2, Double.isNaN(gb) ? "n/a" : String.format(Locale.ROOT, "%.2f GB/s", gb),
                                12, 0, ink, true);
                        if (!Double.isNaN(v)) {
                            c.text(cx, cy + 15, String.format(Locale.ROOT, "× %.2f", v), 11, 0, ink, false);
                        }
                    }
                }
            }
        });
    }

    /** Blue for ≥ 1 (as fast as local), orange for ≤ 0.5. */
    static Color shade(double v) {
        double t = Math.max(0, Math.min(1, (v - 0.5) / 0.5));
        int r = (int) Math.round(0xf4 + (0x1f - 0xf4) * t);
        int g = (int) Math.round(0xa5 + (0x4e - 0xa5) * t);
        int b = (int) Math.round(0x42 + (0x99 - 0x42) * t);
        return new Color(r, g, b);
    }

    static List<Double> ticks(double min, double max) {
        double span = max - min;
        double raw = span / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (raw <= m * mag) {
                step = m * mag;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-12; t += step) {
            out.add(t);
        }
        return out;
    }

    static String fmtTick(double t) {
        return Math.abs(t) >= 100 ? String.format(Locale.ROOT, "%.0f", t) : Units.num(t);
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    // ---- back ends ----

    public static String svg(Drawing d) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(d.width()).append("\" height=\"")
                .append(d.height()).append("\" viewBox=\"0 0 ").append(d.width()).append(' ').append(d.height())
                .append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        d.draw(new Canvas() {
            public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"%s/>\n", x, y, w, h, hex(fill),
                        stroke == null ? "" : " stroke=\"" + hex(stroke) + "\""));
            }

            public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, hex(color), width,
                        dashed ? " stroke-dasharray=\"4 3\"" : ""));
            }

            public void text(double x, double y, String s, int size, int anchor, Color color, boolean bold) {
                String a = anchor < 0 ? "start" : anchor == 0 ? "middle" : "end";
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
                        + "text-anchor=\"%s\" fill=\"%s\"%s>%s</text>\n", x, y, size, a, hex(color),
                        bold ? " font-weight=\"bold\"" : "", escape(s)));
            }

            public void polygon(double[] xs, double[] ys, Color fill, Color stroke) {
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < xs.length; i++) {
                    points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
                }
                sb.append(String.format(Locale.ROOT, "<polygon points=\"%s\" fill=\"%s\"%s/>\n", points,
                        fill == null ? "none" : hex(fill),
                        stroke == null ? "" : " stroke=\"" + hex(stroke) + "\" stroke-width=\"1.5\""));
            }
        });
        sb.append("</svg>\n");
        return sb.toString();
    }

    public static byte[] png(Drawing d) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            d.draw(new Canvas() {
                public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
                    java.awt.geom.Rectangle2D r = new java.awt.geom.Rectangle2D.Double(x, y, w, h);
                    g.setColor(fill);
                    g.fill(r);
                    if (stroke != null) {
                        g.setColor(stroke);
                        g.setStroke(new BasicStroke(1f));
                        g.draw(r);
                    }
                }

                public void line(double x1, double y1, double x2, double y2, Color color, double width,
                                 boolean dashed) {
                    g.setColor(color);
                    g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
                            : new BasicStroke((float) width));
                    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
                }

                public void text(double x, double y, String s, int size, int anchor, Color color, boolean bold) {
                    g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
                    FontMetrics fm = g.getFontMetrics();
                    int w = fm.stringWidth(s);
                    double sx = anchor < 0 ? x : anchor == 0 ? x - w / 2.0 : x - w;
                    g.setColor(color);
                    g.drawString(s, (float) sx, (float) y);
                }

                public void polygon(double[] xs, double[] ys, Color fill, Color stroke) {
                    java.awt.geom.Path2D.Double path = new java.awt.geom.Path2D.Double();
                    path.moveTo(xs[0], ys[0]);
                    for (int i = 1; i < xs.length; i++) {
                        path.lineTo(xs[i], ys[i]);
                    }
                    path.closePath();
                    if (fill != null) {
                        g.setColor(fill);
                        g.fill(path);
                    }
                    if (stroke != null) {
                        g.setColor(stroke);
                        g.setStroke(new BasicStroke(1.5f));
                        g.draw(path);
                    }
                }
            });
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer in this JVM");
        }
        return bytes.toByteArray();
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
