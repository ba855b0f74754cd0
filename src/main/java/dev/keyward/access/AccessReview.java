package dev.keyward.access;

import java.util.List;

/** What an approver needs beside the request: the beneficiary's current grants on the key, and warnings. */
public record AccessReview(AccessRequest request, List<Grant> currentGrants, List<String> warnings) {
}
