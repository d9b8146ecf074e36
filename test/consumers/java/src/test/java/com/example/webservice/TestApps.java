package com.example.webservice;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.constructs.Construct;

/** What the tests share: test apps, the example's zone and certificate, and template look-ups. */
final class TestApps {

    static final String CERTIFICATE_ARN = "arn:aws:acm:us-west-2:123456789012:certificate/abc";

    private TestApps() {
    }

    /**
     * A unit-test app, as the library's own unit tests make it: aws-cdk-lib's built-in CloudFormation
     * validation, which releases newer than the library's minimum run on every synth, is switched off.
     * The minimum, 2.257.0, has no such validation and no such setting.
     */
    static App testApp() {
        AppProps.Builder props = AppProps.builder();
        try {
            Method setting = AppProps.Builder.class.getMethod("builtinCloudFormationValidation", Boolean.class);
            setting.invoke(props, Boolean.FALSE);
        } catch (NoSuchMethodException absent) {
            // This aws-cdk-lib validates nothing on synth.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return new App(props.build());
    }

    /** The example's hosted zone, by its attributes (no look-up). */
    static IHostedZone exampleZone(final Construct scope) {
        return HostedZone.fromHostedZoneAttributes(scope, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId("Z0123456789EXAMPLE")
                .zoneName("example.com")
                .build());
    }

    /** An existing certificate, by its ARN. */
    static ICertificate certificate(final Construct scope) {
        return Certificate.fromCertificateArn(scope, "Cert", CERTIFICATE_ARN);
    }

    /** A property of every resource of a type, such as each subnet's CidrBlock, in logical-id order. */
    static List<Object> propertyOfEach(final Template template, final String type, final String property) {
        List<Object> values = new ArrayList<>();
        template.findResources(type).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> values.add(properties(entry.getValue()).get(property)));
        return values;
    }

    /** The same, as sorted strings. */
    static List<String> sortedStrings(final Template template, final String type, final String property) {
        return propertyOfEach(template, type, property).stream()
                .map(String::valueOf)
                .sorted()
                .collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(final Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
