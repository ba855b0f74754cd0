package dev.keyward.crypto.ui;

import com.vaadin.flow.component.Html;
import dev.keyward.common.ui.ViewerTime;
import dev.keyward.crypto.CryptoOperation;
import dev.keyward.crypto.UsageService.KeyUsage;
import dev.keyward.crypto.UsageService.Point;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A key's uses over time as stacked bars, one colour per operation, drawn as SVG on the server (no chart library:
 * Vaadin's is commercial). Only enum labels and numbers go into the markup.
 */
final class UsageChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int AXIS = 24;
    private static final Map<CryptoOperation, String> COLOURS = new EnumMap<>(Map.of(
            CryptoOperation.ENCRYPT, "#1a73e8", CryptoOperation.DECRYPT, "#34a853", CryptoOperation.REWRAP, "#a142f4",
            CryptoOperation.SIGN, "#fa7b17", CryptoOperation.VERIFY, "#f9ab00", CryptoOperation.MAC, "#e8453c",
            CryptoOperation.MAC_VERIFY, "#9aa0a6"));

    private UsageChart() {
    }

    static Html of(KeyUsage usage) {
        List<Instant> buckets = usage.buckets();
        Map<Instant, Map<CryptoOperation, Long>> byBucket = new HashMap<>();
        for (Point p : usage.points()) {
            byBucket.computeIfAbsent(p.bucket(), b -> new EnumMap<>(CryptoOperation.class)).merge(p.operation(), p.uses(), Long::sum);
        }
        long max = Math.max(1, byBucket.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max().orElse(0));
        double barWidth = (double) WIDTH / Math.max(1, buckets.size());
        int plot = HEIGHT - AXIS;
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' role='img' id='usage-chart' "
                + "viewBox='0 0 " + WIDTH + " " + (HEIGHT + 20) + "' style='width:100%;max-width:" + WIDTH + "px'>");
        svg.append("<title>Uses per ").append(usage.window().bucket().toString().toLowerCase().replaceAll("s$", ""))
                .append(", at most ").append(max).append("</title>");
        for (int i = 0; i < buckets.size(); i++) {
            double y = plot;
            for (var entry : byBucket.getOrDefault(buckets.get(i), Map.of()).entrySet()) {
                double h = entry.getValue() * (double) (plot - 10) / max;
                y -= h;
                svg.append(String.format(java.util.Locale.ROOT,
                        "<rect class='bar' x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s %s: %d</title></rect>",
                        i * barWidth + 1, y, Math.max(1, barWidth - 2), h, COLOURS.get(entry.getKey()),
                        label(buckets.get(i), usage.window().bucket()), entry.getKey().label(), entry.getValue()));
            }
        }
        svg.append("<line x1='0' y1='").append(plot).append("' x2='").append(WIDTH).append("' y2='").append(plot)
                .append("' stroke='#888'/>");
        if (!buckets.isEmpty()) {
            svg.append("<text x='0' y='").append(plot + 16).append("' font-size='12'>")
                    .append(label(buckets.get(0), usage.window().bucket())).append("</text>");
            svg.append("<text x='").append(WIDTH).append("' y='").append(plot + 16).append("' font-size='12' text-anchor='end'>")
                    .append(label(buckets.get(buckets.size() - 1), usage.window().bucket())).append("</text>");
        }
        svg.append("<text x='4' y='12' font-size='12'>").append(max).append("</text>");
        int x = 0;
        for (var entry : COLOURS.entrySet()) {
            svg.append("<rect x='").append(x).append("' y='").append(HEIGHT + 8).append("' width='10' height='10' fill='")
                    .append(entry.getValue()).append("'/><text x='").append(x + 14).append("' y='").append(HEIGHT + 17)
                    .append("' font-size='11'>").append(entry.getKey().label()).append("</text>");
            x += 100;
        }
        // Wrapped in a div: its inner HTML is parsed by the browser, which puts <svg> in the SVG namespace (as the
        // root element itself, Vaadin would create a plain HTML element that draws nothing).
        return new Html("<div class='usage-chart'>" + svg.append("</svg>") + "</div>");
    }

    private static String label(Instant bucket, ChronoUnit unit) {
        String pattern = unit == ChronoUnit.DAYS ? "MM-dd" : "MM-dd HH:mm";
        return DateTimeFormatter.ofPattern(pattern).withZone(ViewerTime.zone()).format(bucket);
    }
}
