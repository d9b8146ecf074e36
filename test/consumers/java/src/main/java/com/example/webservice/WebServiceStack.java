package com.example.webservice;

import io.github.securefargate.SecureFargateWebService;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/** A secure web service on ECS Fargate: a demo server behind HTTPS at app.example.com. */
public class WebServiceStack extends Stack {

    public WebServiceStack(final Construct scope, final String id, final StackProps props) {
        super(scope, id, props);

        // The zone that holds the domain, given by its attributes: nothing is looked up,
        // so the app synthesizes without an AWS account or credentials.
        IHostedZone hostedZone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId("Z0123456789EXAMPLE")
                .zoneName("example.com")
                .build());

        // VPC, HTTPS load balancer with WAF, hardened Fargate service, auto scaling, alarms and a
        // dashboard, with a certificate for the domain validated through DNS and its alias records.
        SecureFargateWebService web = SecureFargateWebService.Builder.create(this, "WebService")
                // A small demo server that answers each request with what it received, on the port that
                // WHOAMI_PORT_NUMBER names. It writes nothing, so it runs with the read-only root filesystem
                // and the default non-root user. Replace it with your image.
                .image(ContainerImage.fromRegistry("traefik/whoami:v1.11.0"))
                .environment(Map.of("WHOAMI_PORT_NUMBER", "8080"))
                .containerPort(8080)
                .healthCheckPath("/health")
                .domainName("app.example.com")
                .hostedZone(hostedZone)
                .build();

        CfnOutput.Builder.create(this, "Url").value(web.getUrl()).build();
    }

    public static void main(final String[] args) {
        App app = new App();
        new WebServiceStack(app, "SecureWebServiceExample", StackProps.builder()
                .description("Example: a secure web service on ECS Fargate (secure-fargate-web-service)")
                .build());
        app.synth();
    }
}
