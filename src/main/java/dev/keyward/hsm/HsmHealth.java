package dev.keyward.hsm;

/** Whether a backend answers, and why not when it does not. */
public record HsmHealth(String backend, boolean up, String detail) {
}
