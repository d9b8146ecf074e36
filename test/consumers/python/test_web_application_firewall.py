"""WebApplicationFirewall from Python: a CLOUDFRONT-scope web ACL, and a managed rule counted instead of blocking."""

import pytest
from aws_cdk import assertions
from secure_fargate_web_service import (
    FirewallScope,
    ManagedRuleAction,
    ManagedRuleOverride,
    WebApplicationFirewall,
)

from support import new_stack, only, properties


def test_a_cloudfront_web_acl_in_us_east_1_with_a_rule_counted() -> None:
    stack = new_stack("Edge", env={"region": "us-east-1"})
    firewall = WebApplicationFirewall(
        stack,
        "Firewall",
        web_acl_scope=FirewallScope.CLOUDFRONT,
        rule_action_overrides=[
            ManagedRuleOverride(
                rule_group="AWSManagedRulesCommonRuleSet",
                rule="SizeRestrictions_BODY",
                action=ManagedRuleAction.COUNT,
            )
        ],
    )
    assert firewall.web_acl_scope == FirewallScope.CLOUDFRONT
    acl = only(properties(assertions.Template.from_stack(stack), "AWS::WAFv2::WebACL"))
    assert acl["Scope"] == "CLOUDFRONT"
    groups = [r["Statement"]["ManagedRuleGroupStatement"] for r in acl["Rules"] if "ManagedRuleGroupStatement" in r["Statement"]]
    common = only([g for g in groups if g["Name"] == "AWSManagedRulesCommonRuleSet"])
    assert common["RuleActionOverrides"] == [
        {"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}
    ]


def test_a_cloudfront_web_acl_outside_us_east_1_is_refused_naming_the_prop() -> None:
    stack = new_stack("Elsewhere", env={"region": "us-west-2"})
    with pytest.raises(RuntimeError, match=r"webAclScope CLOUDFRONT in a stack in us-west-2"):
        WebApplicationFirewall(stack, "Firewall", web_acl_scope=FirewallScope.CLOUDFRONT)
