package dev.keyward.approvals.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.function.SerializableConsumer;
import dev.keyward.approvals.PreparedDecision;
import dev.keyward.identity.PasskeyAssertion;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.Base64;

/**
 * The browser side of a signed decision ({@code frontend/js/keyward-passkeys.js}): the approver's passkey signs
 * the decision document's hash; the assertion comes back to the server to be verified and kept.
 */
final class DecisionSigning {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private DecisionSigning() {
    }

    static void load(Component view) {
        view.getElement().getNode().runWhenAttached(ui -> ui.getPage().addJavaScript("context://js/keyward-passkeys.js"));
    }

    static void sign(Component view, PreparedDecision decision, SerializableConsumer<PasskeyAssertion> signed,
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
