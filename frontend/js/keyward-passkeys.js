/*
 * Keyward passkey ceremonies against Spring Security's WebAuthn endpoints.
 * Protocol as in Spring Security's spring-security-webauthn.js (Apache-2.0); Keyward returns promises
 * instead of driving a page, so its Vaadin views can report the outcome.
 */
(() => {
  "use strict";

  const b64url = {
    encode(buffer) {
      const base64 = btoa(String.fromCharCode(...new Uint8Array(buffer)));
      return base64.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
    },
  };

  async function post(url, csrfHeader, csrfToken, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [csrfHeader]: csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`The server answered ${response.status}.`);
    }
    return response.json();
  }

  function requireWebAuthn() {
    if (!window.PublicKeyCredential) {
      throw new Error("This browser does not support passkeys.");
    }
  }

  /** Creates a passkey for the signed-in person and stores it under the given label. */
  async function register(csrfHeader, csrfToken, label) {
    requireWebAuthn();
    const options = await post("webauthn/register/options", csrfHeader, csrfToken);
    const publicKey = {
      ...options,
      challenge: b64url.decode(options.challenge),
      user: { ...options.user, id: b64url.decode(options.user.id) },
      excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
    };
    const created = await navigator.credentials.create({ publicKey });
    const credential = {
      id: created.id,
      rawId: b64url.encode(created.rawId),
      response: {
        attestationObject: b64url.encode(created.response.attestationObject),
        clientDataJSON: b64url.encode(created.response.clientDataJSON),
        transports: created.response.getTransports ? created.response.getTransports() : [],
      },
      type: created.type,
      clientExtensionResults: created.getClientExtensionResults(),
      authenticatorAttachment: created.authenticatorAttachment,
    };
    const result = await post("webauthn/register", csrfHeader, csrfToken, { publicKey: { credential, label } });
    if (!result.success) {
      throw new Error("The passkey was not accepted.");
    }
  }

  /** Signs in with a discoverable passkey and follows the server's redirect. */
  async function signIn(csrfHeader, csrfToken) {
    requireWebAuthn();
    const options = await post("webauthn/authenticate/options", csrfHeader, csrfToken);
    const publicKey = {
      ...options,
      challenge: b64url.decode(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
    };
    const assertion = await navigator.credentials.get({ publicKey });
    const response = assertion.response;
    const result = await post("login/webauthn", csrfHeader, csrfToken, {
      id: assertion.id,
      rawId: b64url.encode(assertion.rawId),
      response: {
        authenticatorData: b64url.encode(response.authenticatorData),
        clientDataJSON: b64url.encode(response.clientDataJSON),
        signature: b64url.encode(response.signature),
        userHandle: response.userHandle ? b64url.encode(response.userHandle) : undefined,
      },
      credType: assertion.type,
      clientExtensionResults: assertion.getClientExtensionResults(),
      authenticatorAttachment: assertion.authenticatorAttachment,
    });
    if (!(result.authenticated && result.redirectUrl)) {
      throw new Error("The passkey was not accepted.");
    }
    window.location.href = result.redirectUrl;
  }

  /**
   * Signs something other than a sign-in (e.g. an approval decision): asks one of the person's passkeys, with user
   * verification, for an assertion over the server's challenge, and returns its parts for the server to verify
   * and keep.
   */
  async function signDecision(challenge, rpId, credentialIds) {
    requireWebAuthn();
    const assertion = await navigator.credentials.get({
      publicKey: {
        challenge: b64url.decode(challenge),
        rpId,
        userVerification: "required",
        timeout: 120000,
        allowCredentials: credentialIds.map((id) => ({ type: "public-key", id: b64url.decode(id) })),
      },
    });
    const response = assertion.response;
    return {
      credentialId: b64url.encode(assertion.rawId),
      authenticatorData: b64url.encode(response.authenticatorData),
      clientDataJSON: b64url.encode(response.clientDataJSON),
      signature: b64url.encode(response.signature),
    };
  }

  window.keywardPasskeys = { register, signIn, signDecision };
})();
