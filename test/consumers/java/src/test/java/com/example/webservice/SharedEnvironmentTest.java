package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.securefargate.AlertSubscriptions;
import io.github.securefargate.AlertTopicsProps;
import io.github.securefargate.EnvironmentServiceProps;
import io.github.securefargate.SecureFargateWebService;
import io.github.securefargate.ServiceRouteOptions;
import io.github.securefargate.WebServiceEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerImage;

/** Two services behind one shared environment: one VPC, cluster and load balancer, a route each. */
class SharedEnvironmentTest {

    private static Stack stack;
    private static WebServiceEnvironment shared;
    private static SecureFargateWebService shop;
    private static SecureFargateWebService api;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = TestApps.testApp();
        stack = new Stack(app, "Platform");
        shared = WebServiceEnvironment.Builder.create(stack, "Shared")
                .domainName("*.example.com")
                .hostedZone(TestApps.exampleZone(stack))
                .alerts(AlertTopicsProps.builder()
                        .critical(AlertSubscriptions.builder().emails(List.of("oncall@example.com")).build())
                        .build())
                .build();
        shop = SecureFargateWebService.inEnvironment(stack, "Shop", shared, EnvironmentServiceProps.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/shop:1.0"))
                .route(ServiceRouteOptions.builder()
                        .hostHeaders(List.of("shop.example.com"))
                        .rulePriority(10)
                        .build())
                .build());
        api = SecureFargateWebService.inEnvironment(stack, "Api", shared, EnvironmentServiceProps.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/api:2.3"))
                .route(ServiceRouteOptions.builder()
                        .hostHeaders(List.of("api.example.com"))
                        .pathPatterns(List.of("/v1/*"))
                        .rulePriority(20)
                        .build())
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void whatServicesShareIsCreatedOnce() {
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        template.resourceCountIs("AWS::WAFv2::WebACL", 1);
        template.resourceCountIs("AWS::SNS::Topic", 3);
        template.resourceCountIs("AWS::CertificateManager::Certificate", 1);
        template.hasResourceProperties("AWS::CertificateManager::Certificate", Map.of("DomainName", "*.example.com"));
        template.hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
        assertEquals(List.of("*.example.com"), shared.getCertificateNames());
    }

    @Test
    void eachServiceHasItsOwnServiceTargetGroupAlarmsAndDashboard() {
        template.resourceCountIs("AWS::ECS::Service", 2);
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 2);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 2);
        List<String> expected = new ArrayList<>();
        for (String service : List.of("Api", "Shop")) {
            for (String alarm : List.of("HighCpu", "HighMemory", "Http5xx", "NoHealthyTargets", "ResponseTimeP99",
                    "RunningTasksBelowMinimum", "UnhealthyTargets")) {
                expected.add("Platform-" + service + "-" + alarm);
            }
        }
        assertEquals(expected, TestApps.sortedStrings(template, "AWS::CloudWatch::Alarm", "AlarmName"));
        for (SecureFargateWebService service : List.of(shop, api)) {
            assertEquals(stack.resolve(shared.getCluster().getClusterName()),
                    stack.resolve(service.getCluster().getClusterName()));
        }
    }

    @Test
    void eachServiceIsRoutedByItsHostsAndPathsAtItsPriority() {
        Object listener = stack.resolve(shared.getHttpsListener().getListenerArn());
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 2);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "ListenerArn", listener,
                "Priority", 10,
                "Conditions", List.of(Map.of("Field", "host-header",
                        "HostHeaderConfig", Map.of("Values", List.of("shop.example.com")))),
                "Actions", List.of(Map.of("Type", "forward",
                        "TargetGroupArn", stack.resolve(shop.getTargetGroup().getTargetGroupArn())))));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "ListenerArn", listener,
                "Priority", 20,
                "Conditions", List.of(
                        Map.of("Field", "host-header", "HostHeaderConfig", Map.of("Values", List.of("api.example.com"))),
                        Map.of("Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/v1/*")))),
                "Actions", List.of(Map.of("Type", "forward",
                        "TargetGroupArn", stack.resolve(api.getTargetGroup().getTargetGroupArn())))));
    }
}
