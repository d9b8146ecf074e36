package com.example.webservice.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.securefargate.SecureFargateWebService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.constructs.Construct;

/**
 * The Java fragments of docs/java/API.md (what Construct Hub shows Java users: the README's examples
 * translated to Java, and the API reference) name only classes and members that the jars have.
 * run.sh passes the document's path as the system property sfws.apiDocs.
 */
class ApiDocsFragmentsTest {

    @Test
    void everyNameInTheJavaFragmentsExists() throws IOException {
        Path document = Path.of(System.getProperty("sfws.apiDocs", "../../../docs/java/API.md"));
        assertTrue(Files.isRegularFile(document), "no document at " + document.toAbsolutePath()
                + "; pass its path as -Dsfws.apiDocs=...");
        List<JavaBlocks.Block> blocks = JavaBlocks.of(Files.readString(document));

        ClassIndex index = ClassIndex.ofJarsHolding(SecureFargateWebService.class, App.class, Construct.class);
        FragmentChecker.Report report = new FragmentChecker(index, SecureFargateWebService.class.getPackageName())
                .check(blocks);

        String name = document.getFileName().toString();
        System.out.println(report.summary(document.toString()));
        // jsii-docgen shows a class's constants as getters, which Java does not have (the constant is a
        // static field): listed, not failed, since the API reference is generated.
        for (FragmentChecker.Problem note : report.notes()) {
            System.out.println("  note: " + format(name, note));
        }

        // The document still has what this test reads: Java blocks, builder chains among them.
        assertTrue(blocks.size() > 0, "no ```java blocks in " + document);
        assertTrue(report.builderMethods() > 0, "no builder chain found in the java blocks of " + document);
        assertTrue(report.names() >= blocks.size(), report.summary(document.toString()));

        if (!report.problems().isEmpty()) {
            System.out.println(report.problems().stream().map(p -> "  problem: " + format(name, p))
                    .collect(Collectors.joining("\n")));
            fail(report.problems().size() + " names in the java blocks of " + document
                    + " do not exist (listed above)");
        }
    }

    static String format(final String document, final FragmentChecker.Problem problem) {
        return document + ":" + problem.line() + " (java block " + problem.block() + "): " + problem.message();
    }
}
