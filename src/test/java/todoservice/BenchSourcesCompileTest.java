package todoservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark programs under {@code bench/} run as single-file sources against the built classes, so nothing else
 * compiles them: a renamed class would only show when someone runs a benchmark. Compiles each one here.
 */
class BenchSourcesCompileTest {

    @Test
    void everyBenchmarkProgramCompilesAgainstTheCurrentClasses(@TempDir Path out) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("bench/*.java").isNotEmpty();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path source : sources) {
            StringWriter errors = new StringWriter();
            boolean compiled = javac.getTask(errors, null, null,
                    List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile()))
                    .call();
            assertThat(compiled).as("%s compiles:%n%s", source, errors).isTrue();
        }
    }
}
