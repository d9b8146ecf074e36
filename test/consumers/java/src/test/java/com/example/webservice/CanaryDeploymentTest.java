package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.securefargate.CanaryDeploymentOptions;
import io.github.securefargate.SecureFargateWebService;
import io.github.securefargate.ServiceDeploymentStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerImage;

/** A canary deployment: 10% of the traffic for 15 minutes, then all of it, rolled back on alarms. */
class CanaryDeploymentTest {

    private static ServiceDeploymentStrategy strategy;
    private static SecureFargateWebService web;
    private static Stack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = TestApps.testApp();
        stack = new Stack(app, "Prod");
        strategy = ServiceDeploymentStrategy.canary(CanaryDeploymentOptions.builder()
                .percent(10)
                .canaryBakeTime(Duration.minutes(15))
                .build());
        web = SecureFargateWebService.Builder.create(stack, "Canary")
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/app:1.1"))
                .domainName("app.example.com")
                .hostedZone(TestApps.exampleZone(stack))
                .deploymentStrategy(strategy)
                .build();
        template = Template.fromStack(stack);
    }

    @Test
    void theServiceDeploysByCanaryWithoutTheCircuitBreaker() {
        assertFalse(strategy.getSupportsCircuitBreaker());
        assertTrue(strategy.getShiftsTraffic());
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "Strategy", "CANARY",
                        "CanaryConfiguration", Map.of("CanaryPercent", 10, "CanaryBakeTimeInMinutes", 15),
                        "BakeTimeInMinutes", 10,
                        "DeploymentCircuitBreaker", Match.absent()))));
    }

    @Test
    void theErrorRateAlarmJoinsTheDeploymentAlarms() {
        List<String> names = List.of("Http5xx", "UnhealthyTargets", "RunningTasksBelowMinimum", "NoHealthyTargets",
                "ErrorRate");
        List<String> deploymentAlarms = web.getAlarms().getDeploymentAlarmNames();
        assertEquals(names.size(), deploymentAlarms.size(), deploymentAlarms.toString());
        for (String name : names) {
            assertTrue(deploymentAlarms.contains("Prod-Canary-" + name), deploymentAlarms.toString());
        }
        assertNotNull(web.getAlarms().getErrorRate());
        template.resourceCountIs("AWS::CloudWatch::Alarm", 8);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "Prod-Canary-ErrorRate"));
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "Alarms", Map.of("AlarmNames", deploymentAlarms, "Enable", true, "Rollback", true)))));
    }

    @Test
    void theListenerRuleForwardsToBothTargetGroupsWeighted100And0() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 2);
        Object primary = stack.resolve(web.getTargetGroup().getTargetGroupArn());
        Object alternate = stack.resolve(web.getAlternateTargetGroup().getTargetGroupArn());
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Actions", List.of(Match.objectLike(Map.of(
                        "Type", "forward",
                        "ForwardConfig", Match.objectLike(Map.of(
                                "TargetGroups", List.of(
                                        Map.of("TargetGroupArn", primary, "Weight", 100),
                                        Map.of("TargetGroupArn", alternate, "Weight", 0)))))))));
    }
}
