package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web page as a node serves it without nginx (a Tomcat of one's own): the document at the root with its
 * policy, and every script and stylesheet it loads, under a context path too (a WAR named {@code todo.war}).
 */
class PageIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension("/todo-app", Map.of());

    private final Http http = app.http();

    @Test
    void thePageLoadsAtTheRootWithAStrictContentSecurityPolicy() {
        Http.Reply page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<section class=\"todoapp\"", "src=\"app/app.js\"");
        assertThat(page.header("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("Cache-Control")).contains("no-cache");
    }

    @Test
    void everyScriptAndStylesheetOfThePageIsServedWithItsType() throws IOException {
        List<Path> files;
        Path root = Path.of("src/main/webapp");
        try (Stream<Path> walk = Files.walk(root.resolve("app"))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".js") || file.toString().endsWith(".css")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            String path = "/" + root.relativize(file).toString().replace('\\', '/');
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).as("%s (each file needs its url-pattern in web.xml)", path).isEqualTo(200);
            assertThat(reply.contentType()).as(path)
                    .startsWith(path.endsWith(".js") ? "text/javascript" : "text/css");
            assertThat(reply.body()).as(path).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void theApiStillAnswersBesideThePage() {
        assertThat(http.get("/todo/counts").json().get("all").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(http.get("/app/missing.js").status()).isEqualTo(404);
    }
}
