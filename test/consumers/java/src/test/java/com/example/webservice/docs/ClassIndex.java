package com.example.webservice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The public top-level classes of some jars, by simple name, so that the simple names of a Java
 * fragment (which has no imports) can be resolved: `Secret` is both aws-ecs' and aws-secretsmanager's,
 * and a name counts as known when any class of that name has what the fragment uses. Names not in
 * the jars, and names in java.lang and java.util (a fragment's `List.of(...)`, `Map.of(...)` or `String`),
 * count as well: `Map` is also a Step Functions state in aws-cdk-lib.
 * Classes are loaded without being initialized: no jsii runtime starts.
 */
final class ClassIndex {

    private static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util");

    private final Map<String, List<String>> bySimpleName = new TreeMap<>();
    private final Map<String, Optional<Class<?>>> loaded = new LinkedHashMap<>();
    private final ClassLoader loader;
    private final List<Path> jars = new ArrayList<>();

    private ClassIndex(final ClassLoader loader) {
        this.loader = loader;
    }

    /** An index of the jars (or class directories) that hold the given classes. */
    static ClassIndex ofJarsHolding(final Class<?>... anchors) {
        ClassIndex index = new ClassIndex(anchors[0].getClassLoader());
        Set<Path> jars = new LinkedHashSet<>();
        for (Class<?> anchor : anchors) {
            try {
                jars.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path jar : jars) {
            index.add(jar);
        }
        return index;
    }

    private void add(final Path jar) {
        jars.add(jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("$") || name.endsWith("package-info.class")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                String simpleName = className.substring(className.lastIndexOf('.') + 1);
                bySimpleName.computeIfAbsent(simpleName, k -> new ArrayList<>()).add(className);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** The jars indexed. */
    List<Path> jars() {
        return List.copyOf(jars);
    }

    /** The number of classes indexed. */
    int size() {
        return bySimpleName.values().stream().mapToInt(List::size).sum();
    }

    /** The public classes a simple name may mean; empty when none. */
    List<Class<?>> resolve(final String simpleName) {
        List<Class<?>> classes = new ArrayList<>();
        for (String className : bySimpleName.getOrDefault(simpleName, List.of())) {
            load(className).ifPresent(classes::add);
        }
        for (String pkg : JDK_PACKAGES) {
            load(pkg + "." + simpleName).ifPresent(classes::add);
        }
        classes.removeIf(c -> !java.lang.reflect.Modifier.isPublic(c.getModifiers()));
        return classes;
    }

    /** A class by its fully qualified (binary) name, if it exists. */
    Optional<Class<?>> load(final String binaryName) {
        return loaded.computeIfAbsent(binaryName, name -> {
            try {
                return Optional.of(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }
}
