package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.securefargate.FirewallScope;
import io.github.securefargate.ManagedRuleAction;
import io.github.securefargate.ManagedRuleOverride;
import io.github.securefargate.WebApplicationFirewall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A web ACL for a CloudFront distribution, with a managed rule counted instead of blocking, from Java. */
class WebApplicationFirewallTest {

    private static Stack stackIn(final String region) {
        return new Stack(TestApps.testApp(), "Edge", StackProps.builder()
                .env(Environment.builder().region(region).build())
                .build());
    }

    @Test
    void aCloudFrontWebAclInUsEast1CountsTheNamedRule() {
        Stack stack = stackIn("us-east-1");
        WebApplicationFirewall firewall = WebApplicationFirewall.Builder.create(stack, "Firewall")
                .webAclScope(FirewallScope.CLOUDFRONT)
                .ruleActionOverrides(List.of(ManagedRuleOverride.builder()
                        .ruleGroup("AWSManagedRulesCommonRuleSet")
                        .rule("SizeRestrictions_BODY")
                        .action(ManagedRuleAction.COUNT)
                        .build()))
                .build();

        assertEquals(FirewallScope.CLOUDFRONT, firewall.getWebAclScope());
        Map<String, Object> counted = Map.of(
                "Name", "SizeRestrictions_BODY",
                "ActionToUse", Map.of("Count", Map.of()));
        Object commonRuleSet = Match.objectLike(Map.of(
                "Name", "AWSManagedRulesCommonRuleSet",
                "RuleActionOverrides", List.of(counted)));
        Template.fromStack(stack).hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
                "Scope", "CLOUDFRONT",
                "Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Statement", Map.of("ManagedRuleGroupStatement", commonRuleSet)))))));
    }

    @Test
    void aCloudFrontWebAclOutsideUsEast1IsRefusedNamingTheProp() {
        Stack stack = stackIn("us-west-2");
        RuntimeException error = assertThrows(RuntimeException.class, () -> WebApplicationFirewall.Builder
                .create(stack, "Firewall")
                .webAclScope(FirewallScope.CLOUDFRONT)
                .build());
        assertTrue(error.getMessage().contains("webAclScope CLOUDFRONT in a stack in us-west-2"), error.getMessage());
    }
}
