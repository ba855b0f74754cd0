package dev.keyward.common.ui;

import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Span;
import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/**
 * Where a form shows its refusals: at the field the service named ({@link InvalidInputException#field()}), kept
 * until that field changes, and otherwise on one line under the form's button, kept until the next try. Both are
 * read out by screen readers. The service is the judge; the fields only show what it said.
 */
public final class FormErrors {

    private final Map<String, ? extends HasValidation> fields;
    private final Span line = new Span();

    /** {@code fields} by the names the service's refusals use; {@code id} names the form-wide line. */
    public FormErrors(String id, Map<String, ? extends HasValidation> fields) {
        this.fields = fields;
        line.setId(id);
        line.getElement().setAttribute("role", "alert");
        line.addClassName("kw-form-error");
        line.setVisible(false);
        fields.values().forEach(field -> {
            field.setManualValidation(true);
            if (field instanceof HasValue<?, ?> value) {
                value.addValueChangeListener(e -> field.setInvalid(false));
            }
        });
    }

    /** The form-wide line; place it under the form's button. */
    public Span line() {
        return line;
    }

    /** Runs the form's change; a refusal is shown at its field or on the line, and false returned. */
    public boolean attempt(Runnable change) {
        clear();
        try {
            change.run();
            return true;
        } catch (InvalidInputException e) {
            HasValidation field = e.field().map(fields::get).orElse(null);
            if (field == null) {
                show(e.getMessage());
            } else {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
                if (field instanceof Focusable<?> focusable) {
                    focusable.focus();
                }
            }
        } catch (ConflictException | NotFoundException | AccessDeniedException e) {
            show(Refusals.message(e));
        }
        return false;
    }

    /** Shows a message on the form-wide line (for checks the view makes itself, such as a ceremony that failed). */
    public void show(String message) {
        line.setText(message);
        line.setVisible(true);
    }

    public void clear() {
        line.setVisible(false);
        fields.values().forEach(field -> field.setInvalid(false));
    }
}
