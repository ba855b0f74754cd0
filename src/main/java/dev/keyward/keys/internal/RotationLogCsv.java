package dev.keyward.keys.internal;

import dev.keyward.keys.Rotation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A key's rotation log as CSV, one row per rotation (times in UTC, ISO 8601). */
public final class RotationLogCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader("rotation", "key", "trigger", "reason",
            "requester", "status", "outcome", "approvers", "old_version", "old_kcv", "new_version", "new_kcv",
            "requested_at", "completed_at").get();

    private RotationLogCsv() {
    }

    public static String of(List<Rotation> rotations) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (Rotation r : rotations) {
                printer.printRecord(r.id(), r.key(), r.trigger(), r.reason(), r.requester(), r.status(), r.outcome(),
                        r.approvers().stream().map(a -> a.username() + " (" + a.as().toLowerCase() + ", " + a.decision()
                                + ", " + (a.verified() ? "signature verified" : "signature DOES NOT VERIFY") + ")")
                                .collect(Collectors.joining("; ")),
                        r.oldVersion(), r.oldKcv(), r.newVersion(), r.newKcv(), r.createdAt(), r.completedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
