package com.example.webservice.docs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the names that Java fragments use against the classes they mean.
 *
 * <p>The fragments are the Java translations of the README's examples and the API reference's
 * signatures: they have no imports and declare their inputs without values, so they are not
 * compiled. Instead each name is resolved by reflection:
 *
 * <ul>
 *   <li>{@code X.Builder.create(...)} and {@code X.builder()} chains: each {@code .name(...)} must be a
 *       method of the builder (the API reference's optional props, {@code //  .name(Type)}, too);
 *   <li>{@code new X(...)}: a public constructor with that many arguments;
 *   <li>{@code X.method(...)} and {@code X.CONSTANT}: a static method or field (enum constants are);
 *   <li>calls and reads on what those return, and on variables the fragment declares
 *       ({@code SecureFargateWebService web;}): a method, or a public field (jsii properties are
 *       getters in Java, so {@code web.vpc} is reported, with {@code getVpc()} as the fix);
 *   <li>the API reference's member signatures ({@code public Bucket getBucket();}): a member of the
 *       type whose section holds them.
 * </ul>
 *
 * A simple name that several classes share passes when any of them has the member. Arguments are
 * counted, not typed.
 */
final class FragmentChecker {

    /** Something a fragment names that does not exist, with where it is. */
    record Problem(int line, int block, String message) {
    }

    /** What was checked and what was found. */
    record Report(int blocks, int names, int builderMethods, List<Problem> problems, List<Problem> notes) {

        String summary(final String document) {
            return String.format(Locale.ROOT,
                    "%s: checked %d java blocks, %d names (%d of them builder methods): %d problems, %d notes",
                    document, blocks, names, builderMethods, problems.size(), notes.size());
        }
    }

    private enum Kind { IDENT, NUMBER, STRING, PUNCT }

    private record Token(Kind kind, String text, int line) {
        boolean is(final String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }
    }

    private static final Pattern COMMENTED_BUILDER_PROP = Pattern.compile("^(\\s*)//(\\s+\\.\\w+\\()");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+)\\s*;\\s*$");
    private static final Pattern MEMBER = Pattern.compile(
            "^\\s*public\\s+(static\\s+)?(?:final\\s+)?(.+?)\\s+(\\w+)\\((.*)\\)\\s*;?\\s*$");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

    private final ClassIndex index;
    private final String libraryPackage;

    // Per check.
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> notes = new ArrayList<>();
    private int names;
    private int builderMethods;

    // Per block.
    private int block;
    private List<Token> tokens;
    private final Map<String, List<Class<?>>> variables = new HashMap<>();
    private final Map<String, String> imports = new HashMap<>();
    /** The classes that a complete example declares itself, such as its stack: not looked up in the jars. */
    private final java.util.Set<String> declared = new java.util.HashSet<>();

    FragmentChecker(final ClassIndex index, final String libraryPackage) {
        this.index = index;
        this.libraryPackage = libraryPackage;
    }

    Report check(final List<JavaBlocks.Block> blocks) {
        problems.clear();
        notes.clear();
        names = 0;
        builderMethods = 0;
        for (JavaBlocks.Block b : blocks) {
            checkBlock(b);
        }
        Comparator<Problem> byLine = Comparator.comparingInt(Problem::line);
        return new Report(blocks.size(), names, builderMethods,
                problems.stream().sorted(byLine).collect(Collectors.toList()),
                notes.stream().sorted(byLine).collect(Collectors.toList()));
    }

    private void checkBlock(final JavaBlocks.Block b) {
        block = b.number();
        variables.clear();
        imports.clear();
        declared.clear();
        DECLARATION.matcher(b.code()).results().forEach(m -> declared.add(m.group(1)));
        String[] lines = b.code().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = b.firstLine() + i;
            Matcher imported = IMPORT.matcher(lines[i]);
            Matcher member = MEMBER.matcher(lines[i]);
            if (imported.matches()) {
                String name = imported.group(1);
                imports.put(name.substring(name.lastIndexOf('.') + 1), name);
                lines[i] = "";
            } else if (member.matches()) {
                checkMemberSignature(line, b.anchor(), member);
                lines[i] = "";
            } else {
                lines[i] = COMMENTED_BUILDER_PROP.matcher(lines[i]).replaceFirst("$1  $2");
            }
        }
        tokens = tokenize(String.join("\n", lines), b.firstLine());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENT || (i > 0 && tokens.get(i - 1).is("."))) {
                continue;
            }
            if (t.text().equals("new")) {
                checkNew(i);
            } else if (Character.isUpperCase(t.text().charAt(0))) {
                checkTypeName(i);
            } else if (at(i + 1).is(".") && variables.containsKey(t.text())) {
                walk(i, variables.get(t.text()), false, label(variables.get(t.text())));
            }
        }
    }

    // ---- API reference member signatures ----------------------------------------------------

    private void checkMemberSignature(final int line, final String anchor, final Matcher member) {
        String[] parts = anchor.split("\\.");
        if (parts.length < 2) {
            return;
        }
        String typeName = parts[1];
        List<Class<?>> owners = classesIn(libraryPackage, typeName);
        if (owners.isEmpty()) {
            problem(line, "the API reference section " + anchor + " is about " + typeName
                    + ", which " + libraryPackage + " does not have");
            return;
        }
        boolean isStatic = member.group(1) != null;
        String name = member.group(3);
        int arity = countArguments(member.group(4));
        names++;
        if (!methods(owners, name, arity, isStatic).isEmpty()) {
            return;
        }
        String property = parts[parts.length - 1];
        if (parts.length >= 3 && parts[parts.length - 2].equals("property") && CONSTANT.matcher(property).matches()
                && !staticFields(owners, property).isEmpty()) {
            notes.add(new Problem(line, block, name + "() stands for the constant " + typeName + "." + property));
            return;
        }
        List<Method> byName = methods(owners, name, -1, isStatic);
        problem(line, label(owners) + " has no " + (isStatic ? "static " : "") + "method " + name
                + arguments(arity) + (byName.isEmpty()
                        ? hint(name, memberNames(owners, isStatic))
                        : " (" + name + " takes " + arities(byName) + ")"));
    }

    // ---- fragments ---------------------------------------------------------------------------

    /** {@code new X(...)}, then what the new object is used for. */
    private void checkNew(final int i) {
        Token type = at(i + 1);
        if (type.kind() != Kind.IDENT || !at(i + 2).is("(")) {
            return;
        }
        List<Class<?>> classes = resolve(type);
        if (classes.isEmpty()) {
            return;
        }
        int close = closing(i + 2);
        int arity = countArguments(i + 2, close);
        names++;
        List<Class<?>> constructed = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Constructor<?> constructor : c.getConstructors()) {
                if (takes(constructor, arity)) {
                    constructed.add(c);
                    break;
                }
            }
        }
        if (constructed.isEmpty()) {
            problem(type.line(), label(classes) + " has no public constructor" + arguments(arity));
            return;
        }
        walk(close, constructed, false, label(constructed));
    }

    /** A capitalized name that does not follow a dot: a class used statically, or a declaration's type. */
    private void checkTypeName(final int i) {
        Token type = tokens.get(i);
        Token next = at(i + 1);
        if (next.is(".")) {
            List<Class<?>> classes = resolve(type);
            if (!classes.isEmpty()) {
                walk(i, classes, true, type.text());
            }
        } else if (next.kind() == Kind.IDENT && declarationEnds(at(i + 2))) {
            declare(next.text(), resolve(type));
        } else if (next.is("<")) {
            int end = i + 1;
            for (int depth = 0; end < tokens.size(); end++) {
                depth += tokens.get(end).is("<") ? 1 : tokens.get(end).is(">") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (at(end + 1).kind() == Kind.IDENT && declarationEnds(at(end + 2))) {
                declare(at(end + 1).text(), resolve(type));
            }
        } else if (next.is("[") && at(i + 2).is("]") && at(i + 3).kind() == Kind.IDENT) {
            resolve(type);
            declare(at(i + 3).text(), List.of()); // an array: its members are not looked up
        }
    }

    private static boolean declarationEnds(final Token token) {
        return token.is(";") || token.is("=") || token.is(",") || token.is(")");
    }

    private void declare(final String variable, final List<Class<?>> types) {
        variables.put(variable, types);
    }

    /**
     * Follows {@code .name(...)} and {@code .name} from the receiver ending at token {@code i}, checking
     * each against the receiver's possible classes, and the next one against what it returns.
     */
    private void walk(final int i, final List<Class<?>> receiverTypes, final boolean receiverIsStatic,
                      final String receiverLabel) {
        List<Class<?>> types = receiverTypes;
        boolean isStatic = receiverIsStatic;
        String label = receiverLabel;
        int j = i + 1;
        while (!types.isEmpty() && at(j).is(".") && at(j + 1).kind() == Kind.IDENT) {
            Token member = at(j + 1);
            String name = member.text();
            if (at(j + 2).is("(")) {
                int close = closing(j + 2);
                int arity = countArguments(j + 2, close);
                names++;
                if (!isStatic && types.stream().anyMatch(FragmentChecker::isBuilder)) {
                    builderMethods++;
                }
                List<Method> found = methods(types, name, arity, isStatic);
                if (found.isEmpty()) {
                    List<Method> byName = methods(types, name, -1, isStatic);
                    problem(member.line(), label + " has no " + (isStatic ? "static " : "") + "method " + name
                            + arguments(arity) + (byName.isEmpty()
                                    ? hint(name, memberNames(types, isStatic))
                                    : " (" + name + " takes " + arities(byName) + ")"));
                    if (!isStatic && types.stream().allMatch(FragmentChecker::isBuilder)) {
                        // A builder's setters return the builder: the rest of the chain is still checked.
                        j = close + 1;
                        continue;
                    }
                    return;
                }
                types = distinct(found.stream().map(Method::getReturnType));
                types.removeIf(c -> c.isPrimitive() || c.isArray());
                label = label(types);
                isStatic = false;
                j = close + 1;
                continue;
            }
            if (isStatic) {
                List<Class<?>> nested = nestedClasses(types, name);
                if (!nested.isEmpty()) {
                    types = nested;
                    label = label + "." + name;
                    j += 2;
                    continue;
                }
            }
            names++;
            List<Field> fields = isStatic ? staticFields(types, name) : instanceFields(types, name);
            if (fields.isEmpty()) {
                String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
                boolean isProperty = !isStatic && !methods(types, getter, 0, false).isEmpty();
                problem(member.line(), label + " has no " + (isStatic ? "static field or constant " : "field ") + name
                        + (isProperty
                                ? ": a property, which Java reads with " + getter + "()"
                                : hint(name, isStatic ? fieldNames(types) : memberNames(types, false))));
                return;
            }
            types = distinct(fields.stream().map(Field::getType));
            label = label(types);
            isStatic = false;
            j += 2;
        }
    }

    // ---- reflection --------------------------------------------------------------------------

    private List<Class<?>> resolve(final Token type) {
        String name = type.text();
        if (declared.contains(name)) {
            return List.of();
        }
        List<Class<?>> classes = Optional.ofNullable(imports.get(name))
                .flatMap(index::load)
                .map(c -> List.<Class<?>>of(c))
                .orElseGet(() -> index.resolve(name));
        if (classes.isEmpty()) {
            problem(type.line(), "no class " + name + " in " + libraryPackage + ", aws-cdk-lib, constructs, "
                    + "java.lang or java.util");
        }
        return classes;
    }

    private List<Class<?>> classesIn(final String pkg, final String simpleName) {
        return index.load(pkg + "." + simpleName).map(c -> List.<Class<?>>of(c)).orElse(List.of());
    }

    private static List<Method> methods(final List<Class<?>> types, final String name, final int arity,
                                        final boolean isStatic) {
        List<Method> found = new ArrayList<>();
        for (Class<?> type : types) {
            for (Method method : publicMethods(type)) {
                if (method.getName().equals(name) && (!isStatic || Modifier.isStatic(method.getModifiers()))
                        && (arity < 0 || takes(method, arity))) {
                    found.add(method);
                }
            }
        }
        return found;
    }

    /** A class's public methods; an interface's include Object's, as every object has them. */
    private static List<Method> publicMethods(final Class<?> type) {
        List<Method> methods = new ArrayList<>(Arrays.asList(type.getMethods()));
        if (type.isInterface()) {
            methods.addAll(Arrays.asList(Object.class.getMethods()));
        }
        return methods;
    }

    private static boolean takes(final Executable executable, final int arity) {
        int parameters = executable.getParameterCount();
        return executable.isVarArgs() ? arity >= parameters - 1 : arity == parameters;
    }

    private static List<Field> staticFields(final List<Class<?>> types, final String name) {
        return fields(types, name).stream().filter(f -> Modifier.isStatic(f.getModifiers()))
                .collect(Collectors.toList());
    }

    private static List<Field> instanceFields(final List<Class<?>> types, final String name) {
        return fields(types, name).stream().filter(f -> !Modifier.isStatic(f.getModifiers()))
                .collect(Collectors.toList());
    }

    private static List<Field> fields(final List<Class<?>> types, final String name) {
        List<Field> found = new ArrayList<>();
        for (Class<?> type : types) {
            for (Field field : type.getFields()) {
                if (field.getName().equals(name)) {
                    found.add(field);
                }
            }
        }
        return found;
    }

    private List<Class<?>> nestedClasses(final List<Class<?>> types, final String name) {
        List<Class<?>> nested = new ArrayList<>();
        for (Class<?> type : types) {
            index.load(type.getName() + "$" + name).filter(c -> Modifier.isPublic(c.getModifiers()))
                    .ifPresent(nested::add);
        }
        return nested;
    }

    private static boolean isBuilder(final Class<?> type) {
        return type.getSimpleName().equals("Builder") && type.getEnclosingClass() != null;
    }

    private static List<Class<?>> distinct(final Stream<Class<?>> classes) {
        return new ArrayList<>(classes.collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static Set<String> memberNames(final List<Class<?>> types, final boolean isStatic) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : types) {
            for (Method method : publicMethods(type)) {
                if (!isStatic || Modifier.isStatic(method.getModifiers())) {
                    names.add(method.getName());
                }
            }
        }
        if (isStatic) {
            names.addAll(fieldNames(types));
        }
        return names;
    }

    private static Set<String> fieldNames(final List<Class<?>> types) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : types) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }

    // ---- messages ----------------------------------------------------------------------------

    private void problem(final int line, final String message) {
        problems.add(new Problem(line, block, message));
    }

    private static String label(final List<Class<?>> types) {
        return types.stream()
                .map(c -> c.getName().substring(c.getPackageName().isEmpty() ? 0 : c.getPackageName().length() + 1)
                        .replace('$', '.'))
                .distinct()
                .collect(Collectors.joining(" | "));
    }

    private static String arguments(final int arity) {
        return arity == 1 ? " with 1 argument" : " with " + arity + " arguments";
    }

    private static String arities(final List<Method> methods) {
        return methods.stream().map(Method::getParameterCount).distinct().sorted()
                .map(n -> n == 1 ? "1 argument" : n + " arguments").collect(Collectors.joining(" or "));
    }

    /** "; did you mean x?" for a member whose name differs only in case or by two letters at most. */
    private static String hint(final String name, final Set<String> candidates) {
        Optional<String> sameIgnoringCase = candidates.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst();
        Optional<String> close = sameIgnoringCase.or(() -> candidates.stream()
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt(c -> distance(c, name))));
        return close.map(c -> "; did you mean " + c + "?").orElse("");
    }

    private static int distance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---- tokens ------------------------------------------------------------------------------

    private Token at(final int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : new Token(Kind.PUNCT, "", -1);
    }

    /** The index of the ")" that closes the "(" at {@code open}, or the last token. */
    private int closing(final int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            depth += tokens.get(i).is("(") ? 1 : tokens.get(i).is(")") ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    /** The number of arguments between "(" at {@code open} and ")" at {@code close}. */
    private int countArguments(final int open, final int close) {
        if (close == open + 1) {
            return 0;
        }
        int arguments = 1;
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            String text = tokens.get(i).kind() == Kind.PUNCT ? tokens.get(i).text() : "";
            switch (text) {
                case "(", "[", "{", "<" -> depth++;
                case ")", "]", "}", ">" -> depth--;
                case "," -> arguments += depth == 0 ? 1 : 0;
                default -> {
                }
            }
        }
        return arguments;
    }

    /** The same, for a signature's parameter list such as {@code java.util.Map<K, V> m, String s}. */
    private static int countArguments(final String parameters) {
        if (parameters.isBlank()) {
            return 0;
        }
        int arguments = 1;
        int depth = 0;
        for (char c : parameters.toCharArray()) {
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            arguments += c == ',' && depth == 0 ? 1 : 0;
        }
        return arguments;
    }

    /** Identifiers, numbers, string and char literals (contents dropped) and single-character punctuation. */
    private static List<Token> tokenize(final String code, final int firstLine) {
        List<Token> tokens = new ArrayList<>();
        int line = firstLine;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (code.startsWith("//", i)) {
                while (i < n && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += (int) code.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(Kind.STRING, "\"\"", line));
                i = Math.min(j + 1, n);
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(code.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENT, code.substring(i, j), line));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_'
                        || (code.charAt(j) == '.' && j + 1 < n && Character.isDigit(code.charAt(j + 1))))) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, code.substring(i, j), line));
                i = j;
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }
}
