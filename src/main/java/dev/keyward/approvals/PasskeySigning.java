package dev.keyward.approvals;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.function.SerializableConsumer;
import dev.keyward.identity.PasskeyAssertion;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.Base64;

/**
 * The browser side of a signed decision ({@code frontend/js/keyward-passkeys.js}), for every view that has people
 * sign (the approvals inbox, recertification reviews): the person's passkey signs the prepared document's hash; the
 * assertion comes back to the server to be verified and kept.
 */
public final class PasskeySigning {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private PasskeySigning() {
    }

    /** Loads the script; call from the view's constructor. */
    public static void load(Component view) {
        view.getElement().getNode().runWhenAttached(ui -> ui.getPage().addJavaScript("context://js/keyward-passkeys.js"));
    }

    /** Asks for the signature; {@code failed} hears why it did not come (in words a person understands). */
    public static void sign(Component view, PreparedDecision decision, SerializableConsumer<PasskeyAssertion> signed,
                     SerializableConsumer<String> failed) {
        JsonArray ids = Json.createArray();
        decision.credentialIds().forEach(id -> ids.set(ids.length(), ENCODE.encodeToString(id)));
        view.getElement().executeJs("return window.keywardPasskeys.signDecision($0, $1, $2)",
                        ENCODE.encodeToString(decision.challenge()), decision.rpId(), ids)
                .then(result -> {
                    JsonObject json = (JsonObject) result;
                    signed.accept(new PasskeyAssertion(DECODE.decode(json.getString("credentialId")),
                            DECODE.decode(json.getString("authenticatorData")),
                            DECODE.decode(json.getString("clientDataJSON")), DECODE.decode(json.getString("signature"))));
                }, error -> failed.accept(error + " Nothing was recorded."));
    }
}
