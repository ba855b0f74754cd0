package dev.keyward.bench;

import java.util.Locale;

/** Which benchmark runs ({@code -Dbench=<name>} or {@code all}), and the {@code BENCH} line format. */
final class Benchmarks {

    private Benchmarks() {
    }

    static boolean selected(String name) {
        String wanted = System.getProperty("bench", "all");
        return wanted.equals("all") || wanted.equals(name);
    }

    /** Prints {@code BENCH <metric> key=value ...}; Surefire shows test output even with -q. */
    static void print(String metric, Object... keyValues) {
        StringBuilder line = new StringBuilder("BENCH ").append(metric);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(String.valueOf(keyValues[i + 1]).toLowerCase(Locale.ROOT));
        }
        System.out.println(line);
    }
}
