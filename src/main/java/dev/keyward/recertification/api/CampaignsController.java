package dev.keyward.recertification.api;

import dev.keyward.common.Paging;
import dev.keyward.recertification.Campaign;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignService;
import dev.keyward.recertification.ReviewItem;
import dev.keyward.recertification.ReviewerProgress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recertification campaigns. Reviewers decide in the browser, where their passkey signs the batch. */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Recertification", description = "Campaigns that review who holds which grant, with signed decisions")
class CampaignsController {

    private final CampaignService campaigns;

    CampaignsController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    @Operation(summary = "Launch a campaign", description = "Security officers. scope: {\"all\": true} or any of "
            + "sensitivities, keys, keyOwners, with people / serviceAccounts; reviewers MANAGER, KEY_OWNER or "
            + "MANAGER_THEN_OWNER; durationDays in business days; noResponse per sensitivity KEEP or REVOKE; deltaOnly; "
            + "recurrence as an ISO-8601 period (P3M, P6M). 201 with the campaign, LAUNCHING until its scope is "
            + "snapshotted (seconds). Any unusable part: 400 naming the field, nothing created.")
    ResponseEntity<Campaign> launch(@RequestBody CampaignDefinition definition) {
        Campaign campaign = campaigns.launch(definition);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
    }

    @GetMapping
    @Operation(summary = "List campaigns", description = "Security officers and auditors; newest first, with progress.")
    List<Campaign> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return campaigns.list(Paging.offset(page, size, 200), size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One campaign", description = "Its definition, dates and progress (items, decided, kept, "
            + "revoked, reduced, pending, overdue, noResponse).")
    Campaign get(@PathVariable String id) {
        return campaigns.get(id);
    }

    @GetMapping("/{id}/reviewers")
    @Operation(summary = "Progress per reviewer", description = "Security officers and auditors; the officers' pool "
            + "has no reviewer.")
    List<ReviewerProgress> reviewers(@PathVariable String id) {
        return campaigns.reviewers(id);
    }

    @GetMapping("/{id}/items")
    @Operation(summary = "The campaign's items", description = "Officers and auditors see all, anyone else the items "
            + "assigned to them. Pages by item id: pass the last id seen as after.")
    List<ReviewItem> items(@PathVariable String id, @RequestParam(defaultValue = "0") long after,
                           @RequestParam(defaultValue = "500") int size) {
        Paging.offset(0, size, 1000);
        return campaigns.items(id, after, size);
    }

    @GetMapping("/{id}/report")
    @Operation(summary = "The closed campaign's report", description = "Officers and auditors: a zip with the report "
            + "as JSON and CSV, a SHA-256 manifest and its signature by the audit checkpoint key; verify it offline "
            + "with dev.keyward.audit.EvidenceVerifier and the key from GET /api/v1/audit/public-key. 409 while open.")
    ResponseEntity<byte[]> report(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + id + "-report.zip\"")
                .body(campaigns.report(id));
    }

    @PostMapping("/{id}/remind")
    @Operation(summary = "Remind reviewers now", description = "Security officers; reviewers who left are replaced by "
            + "their manager first.")
    Campaign remind(@PathVariable String id) {
        return campaigns.remind(id);
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close before the deadline", description = "Security officers: the no-response rule settles "
            + "what is pending, now; 409 unless OPEN.")
    Campaign close(@PathVariable String id) {
        return campaigns.close(id);
    }

    @DeleteMapping("/{id}/recurrence")
    @Operation(summary = "Stop the series", description = "Security officers: no further rounds after this one.")
    Campaign stopRecurrence(@PathVariable String id) {
        return campaigns.stopRecurrence(id);
    }
}
