package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The web page in Debian's Chromium through nginx: the browser tests of {@code src/test/browser} (Node's test
 * runner driving {@code playwright-core}, which never downloads a browser) against the stack's Tomcat nodes, each
 * reported here as a test of its own. Needs {@code node}, {@code npm} and {@code /usr/bin/chromium}
 * ({@code .ci/run} installs them); {@code npm ci} fetches playwright-core from the npm registry.
 */
@ExtendWith(StackExtension.class)
class BrowserStackIT {

    private static final Path TESTS = Stack.ROOT.resolve("src/test/browser");
    private static final Path OUT = Stack.ROOT.resolve("target/browser");

    @TestFactory
    Stream<DynamicTest> thePageInChromium() throws Exception {
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium (apt-get install chromium)").isExecutable();
        Files.createDirectories(OUT);
        if (!Files.isDirectory(TESTS.resolve("node_modules/playwright-core"))) {
            Stack.Result install = Stack.run(TESTS, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exitCode()).as("npm ci:%n%s", install.output()).isZero();
        }
        Path report = OUT.resolve("junit.xml");
        Files.deleteIfExists(report);
        Stack.Result run = Stack.run(TESTS, Duration.ofMinutes(15), "env",
                "BASE_URL=http://127.0.0.1:" + Stack.PUBLIC_PORT + "/", "BROWSER_OUT=" + OUT + "/",
                "node", "--test", "--test-concurrency=1",
                "--test-reporter=junit", "--test-reporter-destination=" + report,
                "--test-reporter=spec", "--test-reporter-destination=stdout");
        System.out.println(run.output());
        run.output().lines().filter(line -> line.contains("browser figure:"))
                .forEach(line -> Stack.figure("%s", line.substring(line.indexOf("browser figure:") + 16)));
        assertThat(report).as("node's report; its output:%n%s", run.output()).exists();
        List<BrowserCase> cases = cases(report);
        assertThat(cases).as("browser tests found; node's output:%n%s", run.output()).hasSizeGreaterThan(5);
        List<DynamicTest> tests = new ArrayList<>(cases.stream().map(BrowserCase::test).toList());
        if (run.exitCode() != 0 && cases.stream().allMatch(c -> c.failure() == null)) {
            // A crash outside any test (a syntax error, a hook): still a failure.
            tests.add(DynamicTest.dynamicTest("node's test run", () -> assertThat(run.exitCode())
                    .as("node --test exited with %d:%n%s", run.exitCode(), run.output()).isZero()));
        }
        return tests.stream();
    }

    /** One browser test as node reported it: its name, and its failure (or skip) message when it did not pass. */
    private record BrowserCase(String name, String failure) {
        DynamicTest test() {
            return DynamicTest.dynamicTest(name, () -> assertThat(failure).as(name).isNull());
        }
    }

    private static List<BrowserCase> cases(Path report) throws Exception {
        // Node writes a failure's message as it is, terminal colour codes included, which XML 1.0 forbids.
        String xml = Files.readString(report).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
        NodeList testcases = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getElementsByTagName("testcase");
        List<BrowserCase> cases = new ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            NodeList failures = testcase.getElementsByTagName("failure");
            NodeList skipped = testcase.getElementsByTagName("skipped");
            String failure = failures.getLength() > 0 ? failures.item(0).getTextContent()
                    : skipped.getLength() > 0 ? "skipped: " + skipped.item(0).getTextContent() : null;
            cases.add(new BrowserCase(testcase.getAttribute("name"), failure));
        }
        return cases;
    }
}
