package dev.keyward.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.access.AccessDeniedException;

/** A view's unhandled error reaches the person as a refusal's own words, a denial, or a reference into the log. */
@ExtendWith(OutputCaptureExtension.class)
class ViewErrorsTest {

    @Test
    void refusalsAreShownInTheirOwnWords() {
        assertThat(ViewErrors.messageFor(new InvalidInputException("Give a reason."))).isEqualTo("Give a reason.");
        assertThat(ViewErrors.messageFor(new NotFoundException("No key with alias 'x'."))).isEqualTo("No key with alias 'x'.");
        assertThat(ViewErrors.messageFor(new ConflictException("The alias 'x' is taken."))).isEqualTo("The alias 'x' is taken.");
        assertThat(ViewErrors.messageFor(new AccessDeniedException("Access Denied"))).isEqualTo("You may not do this.");
    }

    @Test
    void anythingElseIsAReferenceThatTheLogCarriesWithTheError(CapturedOutput log) {
        String shown = ViewErrors.messageFor(new IllegalStateException("Session closed; jdbc:postgresql://db.internal"));

        assertThat(shown).doesNotContain("jdbc").doesNotContain("Session closed");
        Matcher reference = Pattern.compile("reference ([0-9a-f]{8})\\.$").matcher(shown);
        assertThat(reference.find()).as(shown).isTrue();
        assertThat(log.getAll()).contains("Unexpected error in a view, reference " + reference.group(1))
                .contains("java.lang.IllegalStateException: Session closed; jdbc:postgresql://db.internal");
        assertThat(ViewErrors.messageFor(new RuntimeException("again"))).doesNotContain(reference.group(1));
    }
}
