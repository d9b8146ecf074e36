package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The example app as `cdk synth` runs it: synthesized once, with aws-cdk-lib's built-in
 * CloudFormation validation left on where the release has it, as the library's example test does.
 */
class WebServiceStackTest {

    private static final String STACK_NAME = "SecureWebServiceExample";

    private static WebServiceStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        stack = new WebServiceStack(app, STACK_NAME, StackProps.builder().build());
        template = Template.fromStack(stack);
    }

    @Test
    void theVpcHasTheSpecsSubnetPlan() {
        template.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16"));
        assertEquals(List.of("10.0.1.0/24", "10.0.11.0/24", "10.0.12.0/24", "10.0.2.0/24"),
                TestApps.sortedStrings(template, "AWS::EC2::Subnet", "CidrBlock"));
    }

    @Test
    void productionHasOneNatGatewayPerAvailabilityZone() {
        template.resourceCountIs("AWS::EC2::NatGateway", 2);
    }

    @Test
    void theHttpsListenerUsesTls13And12() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443,
                "Protocol", "HTTPS",
                "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"));
    }

    @Test
    void theHttpListenerOnlyRedirectsPermanentlyToHttps() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80,
                "Protocol", "HTTP",
                "DefaultActions", List.of(Map.of(
                        "Type", "redirect",
                        "RedirectConfig", Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301")))));
    }

    @Test
    void theTargetGroupChecksTheContainersHealthPath() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "Port", 8080,
                "Protocol", "HTTP",
                "TargetType", "ip",
                "HealthCheckPath", "/health",
                "HealthCheckIntervalSeconds", 30,
                "HealthCheckTimeoutSeconds", 5,
                "HealthyThresholdCount", 2,
                "UnhealthyThresholdCount", 3,
                "Matcher", Map.of("HttpCode", "200")));
    }

    @Test
    void theAlarmsHaveFixedNamesAndTheCriticalOnesRollDeploymentsBack() {
        String prefix = STACK_NAME + "-WebService-";
        List<String> all = List.of("HighCpu", "HighMemory", "Http5xx", "NoHealthyTargets", "ResponseTimeP99",
                "RunningTasksBelowMinimum", "UnhealthyTargets");
        assertEquals(all.stream().map(name -> prefix + name).collect(Collectors.toList()),
                TestApps.sortedStrings(template, "AWS::CloudWatch::Alarm", "AlarmName"));

        List<String> critical = List.of("Http5xx", "UnhealthyTargets", "RunningTasksBelowMinimum", "NoHealthyTargets");
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "Alarms", Map.of(
                                "AlarmNames", critical.stream().map(name -> prefix + name).collect(Collectors.toList()),
                                "Enable", true,
                                "Rollback", true)))));
    }

    @Test
    void theContainerIsHardenedAndRunsAsANonRootUser() {
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Image", "traefik/whoami:v1.11.0",
                        "PortMappings", List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp")),
                        "Environment", List.of(Map.of("Name", "WHOAMI_PORT_NUMBER", "Value", "8080")),
                        "User", "1000:1000",
                        "ReadonlyRootFilesystem", true,
                        "Privileged", false)))));
    }

    @Test
    void theDomainGetsACertificateAndAliasRecords() {
        template.hasResourceProperties("AWS::CertificateManager::Certificate",
                Map.of("DomainName", "app.example.com", "ValidationMethod", "DNS"));
        for (String type : List.of("A", "AAAA")) {
            template.resourcePropertiesCountIs("AWS::Route53::RecordSet",
                    Map.of("Name", "app.example.com.", "Type", type), 1);
        }
        template.hasOutput("Url", Map.of("Value", "https://app.example.com"));
    }

    @Test
    void synthesisGivesNoWarningsOrErrors() {
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), annotations.findWarning("*", Match.anyValue()));
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()));
    }

    @Test
    void cdkJsonRunsThisAppThroughMaven() throws IOException {
        String cdkJson = Files.readString(Path.of("cdk.json"));
        assertTrue(cdkJson.contains("\"app\": \"mvn -e -q compile exec:java\""), cdkJson);

        Matcher mainClass = Pattern.compile("<mainClass>([\\w.]+)</mainClass>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(mainClass.find(), "pom.xml configures exec-maven-plugin's mainClass");
        assertEquals(WebServiceStack.class.getName(), mainClass.group(1));
    }
}
