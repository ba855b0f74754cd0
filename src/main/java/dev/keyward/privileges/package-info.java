/**
 * Privileged roles by dual control: a request for SECURITY_OFFICER, AUDITOR or ADMIN (stored by identity) goes
 * through the approval engine (bpmn/RoleGrant.bpmn calling bpmn/Approval.bpmn) and is applied only once two security
 * officers or administrators, neither the requester nor the person, signed it with their passkeys. Its own module
 * because identity sits below the approval engine and cannot use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privileges", allowedDependencies = {"approvals", "identity", "audit", "common"})
package dev.keyward.privileges;
