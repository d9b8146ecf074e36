"""AWS WAF from Python: a CLOUDFRONT-scope web ACL, a managed rule counted instead of blocking, the service's
firewall choice, and CloudFront turned on by its options."""

import pytest
from aws_cdk import assertions
from secure_fargate_web_service import (
    CloudFrontOptions,
    Firewall,
    FirewallScope,
    ManagedRuleAction,
    ManagedRuleOverride,
    SecureFargateWebService,
    WebApplicationFirewall,
)

from support import certificate, image, new_stack, only, properties


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


def test_the_service_takes_one_firewall_choice() -> None:
    stack = new_stack("Choice", env={"account": "123456789012", "region": "us-west-2"})
    arn = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/shared/1"
    SecureFargateWebService(stack, "Managed", image=image(), certificate=certificate(stack, "A"),
                            firewall=Firewall.managed(rate_limit=500))
    SecureFargateWebService(stack, "Given", image=image(), certificate=certificate(stack, "B"),
                            firewall=Firewall.from_web_acl_arn(arn))
    off = SecureFargateWebService(stack, "Off", image=image(), certificate=certificate(stack, "C"),
                                  firewall=Firewall.none())
    template = assertions.Template.from_stack(stack)
    rules = only(properties(template, "AWS::WAFv2::WebACL"))["Rules"]
    assert rules[-1]["Statement"]["RateBasedStatement"]["Limit"] == 500
    associated = [a["WebACLArn"] for a in properties(template, "AWS::WAFv2::WebACLAssociation")]
    assert len(associated) == 2 and arn in associated
    assert off.firewall is None


def test_cloud_front_is_on_when_its_options_are_given() -> None:
    stack = new_stack("Edge", env={"account": "123456789012", "region": "us-east-1"})
    web = SecureFargateWebService(stack, "Web", image=image(), cloud_front=CloudFrontOptions())
    template = assertions.Template.from_stack(stack)
    template.resource_count_is("AWS::CloudFront::Distribution", 1)
    assert web.cloud_front_firewall is not None
    assert web.https_load_balancer is not None
