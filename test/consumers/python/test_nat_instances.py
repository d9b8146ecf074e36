"""NAT instances and the cost of a shared environment, as a Python user writes them."""

from aws_cdk import assertions
from aws_cdk import aws_ec2 as ec2
from secure_fargate_web_service import (
    CostComponent,
    NatGateways,
    WebServiceEnvironment,
    WebServiceNetwork,
    WebServiceNetworkProps,
    WebServiceProfile,
)

from support import hosted_zone, image, new_stack, properties


def test_nat_instances_with_a_type_of_your_choice() -> None:
    stack = new_stack("Nat")
    network = WebServiceNetwork(
        stack,
        "Network",
        nat_gateways=NatGateways.instance(
            count=1, instance_type=ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO)
        ),
    )
    template = assertions.Template.from_stack(stack)
    template.resource_count_is("AWS::EC2::NatGateway", 0)
    [instance] = properties(template, "AWS::EC2::Instance")
    assert instance["InstanceType"] == "t4g.micro"
    assert instance["BlockDeviceMappings"][0]["Ebs"]["Encrypted"] is True
    assert network.nat_instances is not None and len(network.nat_instances) == 1


def test_the_cost_of_an_environment_and_of_each_service() -> None:
    stack = new_stack("Shared")
    environment = WebServiceEnvironment(
        stack,
        "Environment",
        domain_name="*.example.com",
        hosted_zone=hosted_zone(stack),
        profile=WebServiceProfile.DEVELOPMENT,
        network=WebServiceNetworkProps(nat_gateways=NatGateways.instance(count=1)),
    )
    service = environment.add_service("Web", image=image(), profile=WebServiceProfile.DEVELOPMENT)
    shared = environment.cost_estimate()
    assert shared.monthly_usd_of(CostComponent.NAT_INSTANCES) > 0
    assert shared.monthly_usd_of(CostComponent.FARGATE_VCPU) == 0
    assert service.cost_estimate().monthly_usd_of(CostComponent.LOAD_BALANCER_HOURS) == 0
    assert environment.cost_drivers.nat_instances == 1
