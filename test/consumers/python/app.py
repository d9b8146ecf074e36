"""A secure web service on Amazon ECS Fargate: a Python CDK app that `cdk synth` needs no AWS account for."""
from typing import Any

from aws_cdk import App, CfnOutput, Stack
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_route53 as route53
from constructs import Construct
from secure_fargate_web_service import SecureFargateWebService


class WebStack(Stack):
    """VPC, HTTPS load balancer, hardened Fargate tasks, auto scaling, alarms and a dashboard."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        domain_name: str = "app.example.com",
        zone_name: str = "example.com",
        hosted_zone_id: str = "Z0123456789EXAMPLE",
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # An existing zone, given by its attributes: nothing is looked up.
        hosted_zone = route53.HostedZone.from_hosted_zone_attributes(
            self, "Zone", hosted_zone_id=hosted_zone_id, zone_name=zone_name
        )

        self.web = SecureFargateWebService(
            self,
            "WebService",
            # A small demo server that answers each request with what it received, on the port that
            # WHOAMI_PORT_NUMBER names. It writes nothing, so it runs with the read-only root filesystem
            # and the default non-root user. Replace it with your image.
            image=ecs.ContainerImage.from_registry("traefik/whoami:v1.11.0"),
            environment={"WHOAMI_PORT_NUMBER": "8080"},
            container_port=8080,
            health_check_path="/health",
            cpu=512,  # 0.5 vCPU
            memory_limit_mib=1024,  # 1 GiB
            domain_name=domain_name,  # gets a DNS-validated certificate and alias records in the zone
            hosted_zone=hosted_zone,
        )
        CfnOutput(self, "Url", value=self.web.url)


if __name__ == "__main__":
    app = App()
    WebStack(app, "SecureWebServicePython")
    app.synth()
