"""Services of one WebServiceEnvironment calling each other through ECS Service Connect, with TLS and a service
that has no route, as a Python user writes it."""

from dataclasses import dataclass

import pytest
from aws_cdk import Stack, assertions
from aws_cdk import aws_acmpca as acmpca
from aws_cdk import aws_ecs as ecs
from secure_fargate_web_service import (
    CertificateAuthorityUsageMode,
    CostComponent,
    SecureFargateWebService,
    ServiceConnectNamespaceOptions,
    ServiceConnectOptions,
    ServiceConnectTls,
    ServiceRouteOptions,
    WebServiceEnvironment,
)

from support import CA_ARN, hosted_zone, image, new_stack, properties


@dataclass
class Mesh:
    stack: Stack
    environment: WebServiceEnvironment
    orders: SecureFargateWebService
    shop: SecureFargateWebService
    orders_url: str
    template: assertions.Template


@pytest.fixture(scope="module")
def mesh() -> Mesh:
    stack = new_stack("Mesh")
    authority = acmpca.CertificateAuthority.from_certificate_authority_arn(stack, "Ca", CA_ARN)
    environment = WebServiceEnvironment(
        stack,
        "Environment",
        domain_name="*.example.com",
        hosted_zone=hosted_zone(stack),
        service_connect=ServiceConnectNamespaceOptions(
            tls=ServiceConnectTls(
                certificate_authority=authority, usage_mode=CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE
            )
        ),
    )
    orders = environment.add_service(
        "Orders",
        image=image(),
        container_port=8080,
        load_balanced=False,
        container_health_check=ecs.HealthCheck(command=["CMD", "/app/healthcheck"]),
    )
    shop = environment.add_service(
        "Shop",
        image=image(),
        route=ServiceRouteOptions(host_headers=["shop.example.com"], rule_priority=10),
        service_connect=ServiceConnectOptions(dns_name="shop"),
    )
    orders_url = shop.connect_to(orders)
    shop.container.add_environment("ORDERS_URL", orders_url)
    return Mesh(stack, environment, orders, shop, orders_url, assertions.Template.from_stack(stack))


def test_connect_to_returns_the_address_the_client_calls(mesh: Mesh) -> None:
    assert mesh.orders_url == "http://orders:8080"
    assert mesh.orders.url == "http://orders:8080"
    endpoint = mesh.orders.service_connect_endpoint
    assert endpoint is not None
    assert (endpoint.dns_name, endpoint.port) == ("orders", 8080)


def test_a_service_without_a_route_has_no_target_group(mesh: Mesh) -> None:
    assert mesh.orders.target_group is None
    assert mesh.orders.listener_rule is None
    assert mesh.shop.target_group is not None
    mesh.template.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 1)


def test_each_server_uses_the_namespace_and_the_private_ca(mesh: Mesh) -> None:
    services = [p["ServiceConnectConfiguration"] for p in properties(mesh.template, "AWS::ECS::Service")]
    aliases = sorted(s["Services"][0]["ClientAliases"][0]["DnsName"] for s in services)
    assert aliases == ["orders", "shop"]
    for configuration in services:
        tls = configuration["Services"][0]["Tls"]
        assert tls["IssuerCertificateAuthority"] == {"AwsPcaAuthorityArn": CA_ARN}
        assert configuration["AccessLogConfiguration"]["Format"] == "JSON"


def test_the_namespace_estimate_counts_the_ca_once(mesh: Mesh) -> None:
    namespace = mesh.environment.service_connect
    assert namespace is not None
    estimate = namespace.cost_estimate()
    assert estimate.monthly_usd_of(CostComponent.PRIVATE_CERTIFICATE_AUTHORITIES) == 50
