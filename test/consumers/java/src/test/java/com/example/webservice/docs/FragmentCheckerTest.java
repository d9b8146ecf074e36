package com.example.webservice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.securefargate.SecureFargateWebService;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.constructs.Construct;

/** The fragment checker finds what it should, where it is, and nothing else. */
class FragmentCheckerTest {

    private static FragmentChecker checker;

    @BeforeAll
    static void index() {
        ClassIndex index = ClassIndex.ofJarsHolding(SecureFargateWebService.class, App.class, Construct.class);
        checker = new FragmentChecker(index, SecureFargateWebService.class.getPackageName());
    }

    private static FragmentChecker.Report check(final String markdown) {
        return checker.check(JavaBlocks.of(markdown));
    }

    private static List<String> problems(final FragmentChecker.Report report) {
        return report.problems().stream().map(p -> p.line() + ": " + p.message()).collect(Collectors.toList());
    }

    @Test
    void theReadmesSmallestExampleHasNoProblems() {
        FragmentChecker.Report report = check("""
                # Example

                ```java
                IHostedZone hostedZone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                        .hostedZoneId("Z0123456789EXAMPLE")
                        .zoneName("example.com")
                        .build());

                SecureFargateWebService web = SecureFargateWebService.Builder.create(this, "WebService")
                        .image(ContainerImage.fromRegistry("nginxinc/nginx-unprivileged:1.27-alpine"))
                        .containerPort(8080)
                        // nginx-unprivileged runs as uid 101.
                        .user("101:101")
                        .writablePaths(List.of("/tmp", "/var/cache/nginx"))
                        .environment(Map.of("LOG_LEVEL", "info"))
                        .domainName("app.example.com")
                        .hostedZone(hostedZone)
                        .build();

                CfnOutput.Builder.create(this, "Url").value(web.getUrl()).build();
                web.getTaskDefinition().getTaskRole().getRoleArn();
                ```
                """);
        assertEquals(List.of(), problems(report));
        assertEquals(1, report.blocks());
        assertEquals(13, report.builderMethods());
        assertEquals(24, report.names());
    }

    @Test
    void aMisspelledBuilderPropIsReportedOnItsLineWithTheRightName() {
        FragmentChecker.Report report = check("""
                Text.

                ```java
                SecureFargateWebService.Builder.create(this, "Api")
                        .image(ContainerImage.fromRegistry("public.ecr.aws/example/api:1.4.2"))
                        .memoryLimitMib(1024)
                        .cpu(512)
                        .build();
                ```
                """);
        assertEquals(List.of("6: SecureFargateWebService.Builder has no method memoryLimitMib with 1 argument; "
                + "did you mean memoryLimitMiB?"), problems(report));
        assertEquals(1, report.problems().get(0).block());
    }

    @Test
    void theApiReferencesBuilderSignaturesAreCheckedOptionalPropsToo() {
        FragmentChecker.Report report = check("""
                #### Initializers <a name="Initializers" id="secure-fargate-web-service.HardenedFargateService.Initializer"></a>

                ```java
                import io.github.securefargate.HardenedFargateService;

                HardenedFargateService.Builder.create(Construct scope, java.lang.String id)
                //  .memoryLimitMib(java.lang.Number)
                //  .secrets(java.util.Map<java.lang.String, Secret>)
                    .image(ContainerImage)
                    .vpcs(IVpc)
                    .build();
                ```
                """);
        assertEquals(List.of(
                "7: HardenedFargateService.Builder has no method memoryLimitMib with 1 argument; "
                        + "did you mean memoryLimitMiB?",
                "10: HardenedFargateService.Builder has no method vpcs with 1 argument; did you mean vpc?"),
                problems(report));
    }

    @Test
    void staticMethodsConstantsAndConstructorsAreChecked() {
        FragmentChecker.Report report = check("""
                ```java
                WebServiceProfile profile = WebServiceProfile.DEVELOPMENT;
                WebServiceProfile other = WebServiceProfile.DEVELOPMNT;
                NatGateways nat = NatGateways.perAZ();
                ServiceDeploymentStrategy strategy = ServiceDeploymentStrategy.canary(null, null);
                TwoTierSubnetPlan plan = new TwoTierSubnetPlan();
                TwoTierSubnetPlan fine = new TwoTierSubnetPlan("10.0.0.0/16");
                Map<String, String> tags = Map.of("team", "web");
                ```
                """);
        assertEquals(List.of(
                "3: WebServiceProfile has no static field or constant DEVELOPMNT; did you mean DEVELOPMENT?",
                "4: NatGateways has no static method perAZ with 0 arguments; did you mean perAz?",
                "5: ServiceDeploymentStrategy has no static method canary with 2 arguments "
                        + "(canary takes 0 arguments or 1 argument)",
                "6: TwoTierSubnetPlan has no public constructor with 0 arguments"), problems(report));
    }

    @Test
    void aPropertyReadAsAFieldIsReportedWithItsGetter() {
        FragmentChecker.Report report = check("""
                ```java
                SecureFargateWebService web;

                web.taskDefinition.taskRole.addToPrincipalPolicy(null);
                web.getAlarms().getDeploymentAlarmNames().size();
                ```
                """);
        assertEquals(List.of("4: SecureFargateWebService has no field taskDefinition: a property, "
                + "which Java reads with getTaskDefinition()"), problems(report));
    }

    @Test
    void anUnknownClassIsReported() {
        FragmentChecker.Report report = check("""
                ```java
                SecureFargateWebServic.Builder.create(this, "Web").build();
                ```
                """);
        assertEquals(List.of("2: no class SecureFargateWebServic in io.github.securefargate, aws-cdk-lib, "
                + "constructs, java.lang or java.util"), problems(report));
    }

    @Test
    void aClassThatTheExampleDeclaresIsNotLookedUpButTheOthersAre() {
        FragmentChecker.Report report = check("""
                ```java
                public class WebStack extends Stack {
                }
                new WebStack(app, "Web");
                new WebStak(app, "Web");
                ```
                """);
        assertEquals(List.of("5: no class WebStak in io.github.securefargate, aws-cdk-lib, "
                + "constructs, java.lang or java.util"), problems(report));
    }

    @Test
    void namesInStringsAndCommentsAreNotChecked() {
        FragmentChecker.Report report = check("""
                ```java
                // NatGateways.perAZ() would not compile.
                /* Nor would WebServiceProfile.DEV. */
                String text = "NatGateways.perAZ() and https://example.com/x.Builder.create(";
                ```
                """);
        assertEquals(List.of(), problems(report));
    }

    @Test
    void memberSignaturesAreCheckedAgainstTheTypeOfTheirSection() {
        FragmentChecker.Report report = check("""
                ##### `bucket`<sup>Required</sup> <a name="bucket" id="secure-fargate-web-service.AccessLogBucket.property.bucket"></a>

                ```java
                public Bucket getBucket();
                ```

                ##### `grantLogDelivery` <a name="grantLogDelivery" id="secure-fargate-web-service.AccessLogBucket.grantLogDelivery"></a>

                ```java
                public void grantLogDelivery(java.lang.String prefix, java.util.Map<java.lang.String, java.lang.String> tags)
                ```

                ##### `DEFAULT_ERROR_QUERY` <a name="DEFAULT_ERROR_QUERY" id="secure-fargate-web-service.ServiceDashboard.property.DEFAULT_ERROR_QUERY"></a>

                ```java
                public java.lang.String getDefaultErrorQuery();
                ```

                ##### `buckets` <a name="buckets" id="secure-fargate-web-service.AccessLogBucket.property.buckets"></a>

                ```java
                public Bucket getBuckets();
                ```
                """);
        assertEquals(List.of(
                "10: AccessLogBucket has no method grantLogDelivery with 2 arguments (grantLogDelivery takes 1 argument)",
                "22: AccessLogBucket has no method getBuckets with 0 arguments; did you mean getBucket?"),
                problems(report));
        assertEquals(1, report.notes().size());
        assertEquals("getDefaultErrorQuery() stands for the constant ServiceDashboard.DEFAULT_ERROR_QUERY",
                report.notes().get(0).message());
    }

    @Test
    void blocksAreFoundIndentedTooWithTheirLinesAndAnchors() {
        List<JavaBlocks.Block> blocks = JavaBlocks.of("""
                <a name="X" id="secure-fargate-web-service.X"></a>
                ```ts
                const a = 1;
                ```
                - A recipe:

                  ```java
                  App app = new App();
                  ```
                """);
        assertEquals(1, blocks.size());
        assertEquals(8, blocks.get(0).firstLine());
        assertEquals("secure-fargate-web-service.X", blocks.get(0).anchor());
        assertEquals("  App app = new App();\n", blocks.get(0).code());
    }
}
