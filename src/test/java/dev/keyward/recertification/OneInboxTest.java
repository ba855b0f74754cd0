package dev.keyward.recertification;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** One inbox: what waits for a person's decision, approval slots and review items alike, in one list. */
class OneInboxTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessFixture fixture;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    RecertificationFixture recert;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ApprovalService approvals;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aManagerSeesTheAccessRequestToDecideAndTheGrantsToReviewInOneList() throws Exception {
        Cast cast = fixture.cast();
        String reviewed = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        recert.grant(cast.requester(), reviewed, Set.of(Permission.USE_ENCRYPT), now.minus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(30)));
        Campaign campaign = recert.launch(cast.officer1(), RecertificationFixture.overKeys("Inbox " + reviewed, "MANAGER",
                List.of(reviewed)));
        String asked = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        AccessRequest request = fixture.request(cast.requester(), asked);

        mvc.perform(get("/api/v1/me/inbox").header("Authorization", crypto.holderToken(cast.manager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].kind").value("approval"))
                .andExpect(jsonPath("$[0].id").value(request.approval().id()))
                .andExpect(jsonPath("$[0].count").value(1))
                .andExpect(jsonPath("$[0].view").value("approvals"))
                .andExpect(jsonPath("$[0].summary").value(Matchers.containsString(asked)))
                .andExpect(jsonPath("$[1].kind").value("review"))
                .andExpect(jsonPath("$[1].id").value(campaign.id()))
                .andExpect(jsonPath("$[1].count").value(1))
                .andExpect(jsonPath("$[1].view").value("reviews"))
                .andExpect(jsonPath("$[1].summary").value("1 grant to review in Inbox " + reviewed));
        mvc.perform(get("/api/v1/me/inbox").header("Authorization", crypto.holderToken(cast.requester())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));

        fixture.as(cast.officer1());
        campaigns.close(campaign.id());
        fixture.as(cast.requester());
        approvals.withdraw(request.approval().id());
    }
}
