package dev.keyward.privileges.internal;

import dev.keyward.identity.RoleApprovals;
import dev.keyward.identity.RoleRequest;
import dev.keyward.privileges.process.RoleGrantProcess;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts bpmn/RoleGrant.bpmn for each privileged role request identity stores. */
@Component
class RoleGrantStarter implements RoleApprovals {

    private final RuntimeService runtime;

    RoleGrantStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void start(RoleRequest request) {
        runtime.startProcessInstanceByKey(RoleGrantProcess.KEY, request.id(),
                Map.of(RoleGrantProcess.REQUEST_ID, request.id()));
    }
}
