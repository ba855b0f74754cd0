package dev.keyward.common.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Instants as the viewer reads them: in their browser's time zone, one format everywhere ("30 Nov 2026, 19:27").
 * The zone is asked of the browser once per session, on the first page (the sign-in page), and kept in the
 * session; until it is known, times are shown in UTC.
 */
public final class ViewerTime {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter MILLI = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss.SSS", Locale.ENGLISH);
    private static final String NOTHING = "—";

    private ViewerTime() {
    }

    public static String day(Instant instant) {
        return format(DAY, instant);
    }

    public static String minute(Instant instant) {
        return format(MINUTE, instant);
    }

    public static String second(Instant instant) {
        return format(SECOND, instant);
    }

    /** For the audit log, where the order of events a few milliseconds apart matters. */
    public static String milli(Instant instant) {
        return format(MILLI, instant);
    }

    /** The viewer's zone, UTC while it is not known. */
    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        ZoneId zone = session == null ? null : session.getAttribute(ZoneId.class);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    /** "Times are in Europe/Zurich", for pages where it matters which zone they are in. */
    public static String zoneNote() {
        return "Times are in " + zone().getId() + " (your browser's time zone).";
    }

    private static String format(DateTimeFormatter format, Instant instant) {
        return instant == null ? NOTHING : format.withZone(zone()).format(instant);
    }

    /** Asks every new browser window's time zone until the session knows it. */
    @Component
    static class ZoneProbe implements VaadinServiceInitListener {

        @Override
        public void serviceInit(ServiceInitEvent event) {
            event.getSource().addUIInitListener(init -> {
                var ui = init.getUI();
                if (ui.getSession().getAttribute(ZoneId.class) == null) {
                    ui.getPage().retrieveExtendedClientDetails(details -> remember(ui.getSession(), details.getTimeZoneId()));
                }
            });
        }

        private static void remember(VaadinSession session, String zoneId) {
            try {
                session.setAttribute(ZoneId.class, ZoneId.of(zoneId));
            } catch (DateTimeException | NullPointerException unknown) {
                session.setAttribute(ZoneId.class, ZoneOffset.UTC); // a browser that names no zone we know
            }
        }
    }
}
