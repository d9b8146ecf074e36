package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.securefargate.AntiDdosOptions;
import io.github.securefargate.EnvironmentServiceProps;
import io.github.securefargate.Firewall;
import io.github.securefargate.FirewallOptions;
import io.github.securefargate.SecureFargateWebService;
import io.github.securefargate.ServiceConnectNamespaceOptions;
import io.github.securefargate.ServiceRouteOptions;
import io.github.securefargate.WebServiceEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerImage;

/** Two services of one environment calling each other through ECS Service Connect; one has no route. */
class ServiceConnectTest {

    private static SecureFargateWebService orders;
    private static SecureFargateWebService shop;
    private static String ordersUrl;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = TestApps.testApp();
        Stack stack = new Stack(app, "Mesh");
        WebServiceEnvironment shared = WebServiceEnvironment.Builder.create(stack, "Shared")
                .domainName("*.example.com")
                .hostedZone(TestApps.exampleZone(stack))
                .serviceConnect(ServiceConnectNamespaceOptions.builder().build())
                .firewall(Firewall.managed(FirewallOptions.builder()
                        .antiDdos(AntiDdosOptions.builder().challengeExemptPaths(List.of("^/api/")).build())
                        .build()))
                .build();
        orders = shared.addService("Orders", EnvironmentServiceProps.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/orders:1.4"))
                .containerPort(8080)
                .loadBalanced(false)
                .build());
        shop = shared.addService("Shop", EnvironmentServiceProps.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/shop:1.0"))
                .route(ServiceRouteOptions.builder().hostHeaders(List.of("shop.example.com")).rulePriority(10).build())
                .build());
        ordersUrl = shop.connectTo(orders);
        template = Template.fromStack(stack);
    }

    @Test
    void connectToReturnsTheAddressTheClientCalls() {
        assertEquals("http://orders:8080", ordersUrl);
        assertEquals("orders", orders.getServiceConnectEndpoint().getDnsName());
    }

    @Test
    void aServiceWithoutARouteHasNoTargetGroup() {
        assertNull(orders.getTargetGroup());
        assertNull(orders.getListenerRule());
        assertNotNull(shop.getTargetGroup());
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
    }

    @Test
    void theWebAclRunsTheAntiDdosGroupFirst() {
        template.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Rules", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Name", "AWSManagedRulesAntiDDoSRuleSet", "Priority", 0))))));
    }
}
