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

  /**
   * What went wrong, in words a person can act on, instead of the browser's exception text (which cites the W3C
   * specification). `during` is "sign-in", "registration" or "signature".
   */
  function plain(error, during) {
    switch (error && error.name) {
      case "NotAllowedError":
        return during === "sign-in"
          ? "No passkey was used: the request was cancelled, timed out, or this device holds no passkey for Keyward. "
            + "Try again, or sign in with your password."
          : "No passkey was used: the request was cancelled or timed out. Try again and confirm on your device.";
      case "AbortError":
        return during === "sign-in" ? "You cancelled the passkey request. Try again, or sign in with your password."
          : "You cancelled the passkey request.";
      case "InvalidStateError":
        return "This device already holds a passkey for your account. Use it, or add a passkey on another device.";
      case "SecurityError":
        return "This address is not one Keyward accepts passkeys on. Open Keyward at its usual address, or ask your "
          + "administrator.";
      case "NotSupportedError":
        return "This device cannot make the kind of passkey Keyward needs (user verification required).";
      default:
        return error && error.keyward ? error.message
          : "The passkey could not be used (" + (error && error.name ? error.name : "unknown error") + "). Try again.";
    }
  }

  /** An error whose message is already meant for people. */
  function said(message) {
    const error = new Error(message);
    error.keyward = true;
    return error;
  }

  /** The ceremony in progress, so that the page's Cancel button can stop it. */
  let running = null;

  /**
   * Runs a ceremony (cancellable with cancel()); whatever fails is rethrown in plain words, as a string, which is
   * what the Vaadin view receives (an Error would arrive as "Error: ...").
   */
  function inPlainWords(during, ceremony) {
    return async (...args) => {
      running = new AbortController();
      try {
        return await ceremony(running.signal, ...args);
      } catch (error) {
        throw plain(error, during);
      } finally {
        running = null;
      }
    };
  }

  function cancel() {
    if (running) {
      running.abort(new DOMException("cancelled by the person", "AbortError"));
    }
  }

  async function post(url, csrfHeader, csrfToken, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [csrfHeader]: csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw said(response.status === 401 || response.status === 400
        ? "Keyward does not know this passkey (it may have been removed). Sign in with your password, then add a "
          + "passkey under My security."
        : "Keyward could not complete the passkey step just now (" + response.status + "). Try again in a moment.");
    }
    return response.json();
  }

  function requireWebAuthn() {
    if (!window.PublicKeyCredential) {
      throw said("This browser does not support passkeys. Use a current browser, or sign in with your password.");
    }
  }

  /** Creates a passkey for the signed-in person and stores it under the given label. */
  async function register(signal, csrfHeader, csrfToken, label) {
    requireWebAuthn();
    const options = await post("webauthn/register/options", csrfHeader, csrfToken);
    const publicKey = {
      ...options,
      challenge: b64url.decode(options.challenge),
      user: { ...options.user, id: b64url.decode(options.user.id) },
      excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
    };
    const created = await navigator.credentials.create({ publicKey, signal });
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
      throw said("Keyward did not accept this passkey. Try again, or use another device.");
    }
  }

  /** Signs in with a discoverable passkey and follows the server's redirect. */
  async function signIn(signal, csrfHeader, csrfToken) {
    requireWebAuthn();
    const options = await post("webauthn/authenticate/options", csrfHeader, csrfToken);
    const publicKey = {
      ...options,
      challenge: b64url.decode(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
    };
    const assertion = await navigator.credentials.get({ publicKey, signal });
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
      throw said("Keyward did not accept this passkey. Try again, or sign in with your password.");
    }
    window.location.href = result.redirectUrl;
  }

  /**
   * Signs something other than a sign-in (e.g. an approval decision): asks one of the person's passkeys, with user
   * verification, for an assertion over the server's challenge, and returns its parts for the server to verify
   * and keep.
   */
  async function signDecision(signal, challenge, rpId, credentialIds) {
    requireWebAuthn();
    const assertion = await navigator.credentials.get({
      signal,
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

  window.keywardPasskeys = {
    register: inPlainWords("registration", register),
    signIn: inPlainWords("sign-in", signIn),
    signDecision: inPlainWords("signature", signDecision),
    cancel,
  };
})();
