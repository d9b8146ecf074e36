package com.example.webservice;

import io.github.securefargate.Firewall;
import io.github.securefargate.FirewallOptions;
import io.github.securefargate.SecureFargateWebService;
import io.github.securefargate.WebServiceProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * A development service that brings its own certificate, sized and configured from Java: plain
 * environment variables and a database password from Secrets Manager.
 */
class DevelopmentServiceTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/db-AbCdEf";

    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = TestApps.testApp();
        Stack stack = new Stack(app, "Dev");
        ISecret database = software.amazon.awscdk.services.secretsmanager.Secret
                .fromSecretCompleteArn(stack, "Database", SECRET_ARN);

        SecureFargateWebService.Builder.create(stack, "Web")
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/api:1.4.2"))
                .certificate(TestApps.certificate(stack))
                .profile(WebServiceProfile.DEVELOPMENT)
                .cpu(512)
                .memoryLimitMiB(1024)
                .environment(Map.of("LOG_LEVEL", "info"))
                .secrets(Map.of("DB_PASSWORD", Secret.fromSecretsManager(database, "password")))
                .build();
        template = Template.fromStack(stack);
    }

    @Test
    void developmentHasOneHardenedNatInstanceAndOneTask() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::Instance", 1);
        template.hasResourceProperties("AWS::EC2::Instance", Map.of(
                "InstanceType", "t4g.nano",
                "Monitoring", true));
        template.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of(
                "LaunchTemplateData", Match.objectLike(Map.of(
                        "MetadataOptions", Map.of("HttpTokens", "required")))));
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 1));
    }

    @Test
    void developmentLeavesOutWafAndDeletionProtection() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "deletion_protection.enabled", "Value", "false")))));
    }

    @Test
    void developmentRunsMostTasksOnFargateSpotAndKeepsLogsAWeek() {
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "CapacityProviderStrategy", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("CapacityProvider", "FARGATE_SPOT"))))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }

    @Test
    void theSecretIsInjectedIntoTheContainerAndOnlyItIsReadable() {
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Cpu", "512",
                "Memory", "1024",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Environment", List.of(Map.of("Name", "LOG_LEVEL", "Value", "info")),
                        "Secrets", List.of(Map.of("Name", "DB_PASSWORD", "ValueFrom", SECRET_ARN + ":password::")))))));
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                        "Effect", "Allow",
                        "Resource", SECRET_ARN)))))));
    }

    @Test
    void aFirewallChoiceWinsOverTheProfile() {
        Stack stack = new Stack(TestApps.testApp(), "DevWithWaf");
        SecureFargateWebService.Builder.create(stack, "Web")
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/api:1.4.2"))
                .certificate(TestApps.certificate(stack))
                .profile(WebServiceProfile.DEVELOPMENT)
                .firewall(Firewall.managed(FirewallOptions.builder().rateLimit(500).build()))
                .build();
        Template withWaf = Template.fromStack(stack);
        withWaf.resourceCountIs("AWS::WAFv2::WebACL", 1);
        withWaf.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Rules", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Statement", Map.of("RateBasedStatement",
                        Match.objectLike(Map.of("Limit", 500)))))))));
    }

    @Test
    void theCertificateIsUsedAsGiven() {
        template.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443,
                "Certificates", List.of(Map.of("CertificateArn", TestApps.CERTIFICATE_ARN))));
    }
}
