package todoservice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of this checkout inside a directory only its owner may enter (0700, like a {@code mktemp -d} folder or
 * /root), with what {@code STACK_SKIP_BUILD=1 bin/stack up} needs: the scripts and configuration, the build's WAR,
 * container jar and classes, and the Tomcat already fetched. Local edits are copied as they are.
 */
final class PrivateCheckout implements AutoCloseable {

    private static final List<String> NEEDED = List.of("bin", "nginx.conf", "supervisord.conf", "tomcat-conf",
            "pom.xml", "mvnw", ".mvn", "src/main/webapp", "target/todo.war", "target/todo-container.jar",
            "target/classes", "target/test-classes", ".stack/dist");

    private final Path directory;
    private final Path checkout;

    private PrivateCheckout(Path directory) {
        this.directory = directory;
        this.checkout = directory.resolve("todo");
    }

    static PrivateCheckout of(Path source) {
        try {
            Path directory = Files.createTempDirectory("todo-private-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            PrivateCheckout copy = new PrivateCheckout(directory);
            for (String entry : NEEDED) {
                copyTree(source.resolve(entry), copy.checkout.resolve(entry));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path checkout() {
        return checkout;
    }

    Path directory() {
        return directory;
    }

    /** Deletes the copy, keeping its stack logs in target/stack-reports/private-checkout-logs. */
    @Override
    public void close() {
        try {
            copyTree(checkout.resolve(".stack/logs"), Stack.ROOT.resolve("target/stack-reports/private-checkout-logs"));
            delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
