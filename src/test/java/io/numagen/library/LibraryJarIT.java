package io.numagen.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library artifact (the main jar `package` leaves in target/) as another project sees it: only numagen's
 * library packages, no reference to the CLI, the harness or their dependencies, JNA and zstd-jni as its only
 * dependencies, and the README's example compiled and run against it alone.
 */
class LibraryJarIT {
    private static final Path JAR = Path.of("target", "numagen-0.1.0-SNAPSHOT.jar");
    /** Packages (as class-file names) the library must neither contain nor refer to. */
    private static final List<String> FOREIGN = List.of("io/numagen/bench/", "io/numagen/cli/",
            "io/numagen/analysis/", "org/openjdk/jmh/", "one/profiler/", "com/google/gson/",
            "org/apache/commons/math3/");

    @Test
    void containsOnlyLibraryPackagesAndRefersToNothingOutsideThem() throws IOException {
        Set<String> packages = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                packages.add(name.substring(0, name.lastIndexOf('/')));
                String constants;
                try (InputStream in = jar.getInputStream(entry)) {
                    constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                for (String foreign : FOREIGN) {
                    if (name.startsWith(foreign) || constants.contains(foreign)) {
                        problems.add(name + " -> " + foreign);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("io/numagen/exec", "io/numagen/generator", "io/numagen/memory", "io/numagen/metrics",
                "io/numagen/nativeio", "io/numagen/topology"), packages);
    }

    @Test
    void dependsOnlyOnJnaAndZstd() throws Exception {
        NodeList deps = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"))
                .getDocumentElement().getElementsByTagName("dependency");
        Set<String> inherited = new TreeSet<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (!(d.getParentNode().getParentNode() instanceof Element)
                    || !"project".equals(((Element) d.getParentNode().getParentNode()).getTagName())) {
                continue;   // a plugin's dependency, not the project's
            }
            String scope = text(d, "scope");
            if (!"true".equals(text(d, "optional")) && (scope.isEmpty() || scope.equals("compile")
                    || scope.equals("runtime"))) {
                inherited.add(text(d, "artifactId"));
            }
        }
        assertEquals(Set.of("jna", "zstd-jni"), inherited);
    }

    @Test
    void readmeExampleCompilesAndRunsAgainstTheLibraryAlone(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String library = readme.substring(readme.indexOf("## Library"));
        int start = library.indexOf("```java\n") + "```java\n".length();
        Path source = dir.resolve("Example.java");
        Files.writeString(source, library.substring(start, library.indexOf("```", start)));
        String classpath = String.join(File.pathSeparator, JAR.toAbsolutePath().toString(), dependency("jna-"),
                dependency("zstd-jni-"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-cp", classpath, "-d", dir.toString(),
                source.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m"));
        if (Runtime.version().feature() >= 19) {
            command.add("--enable-native-access=ALL-UNNAMED");   // JNA's native access; 17 has no such flag
        }
        command.addAll(List.of("-cp", classpath + File.pathSeparator + dir, "Example"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "example still running: " + out);
        assertEquals(0, p.exitValue(), out);
        double dedup = Double.parseDouble(out.replaceAll("(?s).*dedup ([0-9.]+), zstd.*", "$1"));
        double zstd = Double.parseDouble(out.replaceAll("(?s).*zstd ([0-9.]+)\\n.*", "$1"));
        assertEquals(2.0, dedup, 0.05, out);
        assertEquals(3.0, zstd, 0.3, out);
    }

    private static String dependency(String prefix) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().startsWith(prefix) && p.endsWith(".jar"))
                .collect(Collectors.collectingAndThen(Collectors.toList(), l -> {
                    assertEquals(1, l.size(), prefix + " on the test class path: " + l);
                    return l.get(0);
                }));
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }
}
