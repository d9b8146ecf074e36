package com.example.webservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.securefargate.SecureFargateWebService;
import io.github.securefargate.WebServiceNetworkProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.ContainerImage;

/**
 * Bad input fails when the construct is built, with a message that names the prop, shows the value
 * and says what is allowed; a Java caller gets it as a RuntimeException.
 */
class ValidationTest {

    private static SecureFargateWebService.Builder service(final Stack stack) {
        return SecureFargateWebService.Builder.create(stack, "Web")
                .image(ContainerImage.fromRegistry("public.ecr.aws/example/app:1.0"));
    }

    /**
     * The library's message. The exception's own message continues with the JavaScript stack trace,
     * which starts on a line "Error: ..." that repeats the message.
     */
    private static String messageOf(final Runnable build) {
        RuntimeException error = assertThrows(RuntimeException.class, build::run);
        return error.getMessage().split("\nError: ", 2)[0];
    }

    @Test
    void aCpuValueFargateDoesNotOfferIsRefusedNamingTheProp() {
        Stack stack = new Stack(TestApps.testApp(), "Test");
        String message = messageOf(() -> service(stack).certificate(TestApps.certificate(stack)).cpu(300).build());
        assertEquals("Invalid SecureFargateWebService props:\n"
                + "  - cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384", message);
    }

    @Test
    void aMemorySizeTheCpuDoesNotAllowIsRefused() {
        Stack stack = new Stack(TestApps.testApp(), "Test");
        String message = messageOf(() -> service(stack).certificate(TestApps.certificate(stack))
                .cpu(512).memoryLimitMiB(512).build());
        assertTrue(message.contains("cpu 512 does not allow memoryLimitMiB 512; allowed: 1024-4096 in steps of 1024"),
                message);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingNestedPropsAsWritten() {
        Stack stack = new Stack(TestApps.testApp(), "Test");
        String message = messageOf(() -> service(stack)
                .cpu(300)
                .healthCheckPath("health")
                .network(WebServiceNetworkProps.builder().cidr("10.0.0.0/20").build())
                .build());
        String expected = String.join("\n",
                "Invalid SecureFargateWebService props:",
                "  - HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), "
                        + "certificate, or cloudFront",
                "  - network.cidr '10.0.0.0/20' is a /20 block; allowed: a /16 such as '10.0.0.0/16' "
                        + "(the subnet plan needs one)",
                "  - cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384",
                "  - healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'");
        assertEquals(expected, message);
    }

    @Test
    void aServiceWithoutCertificateOrDomainIsRefused() {
        Stack stack = new Stack(TestApps.testApp(), "Test");
        String message = messageOf(() -> service(stack).build());
        assertEquals("Invalid SecureFargateWebService props:\n"
                + "  - HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), "
                + "certificate, or cloudFront", message);
    }
}
