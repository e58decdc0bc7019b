package todoservice;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layout as rules over the compiled classes, so a change that tangles it fails the build: features
 * ({@code accounts}, {@code todo}, {@code todo.transfer}, {@code todobackend}) sit on generic packages that import
 * none of them, and only the composition root at the top knows everything.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"todoservice.accounts..", "todoservice.todo..",
            "todoservice.todobackend.."};
    private static final String[] GENERIC = {"todoservice.auth..", "todoservice.cache..", "todoservice.config..",
            "todoservice.jobs..", "todoservice.limits..", "todoservice.live..", "todoservice.mongo..", "todoservice.ops..", "todoservice.redis..",
            "todoservice.web.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("todoservice");

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("todoservice.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theGenericPackagesImportNoFeature() {
        noClasses().that().resideInAnyPackage(GENERIC)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(MAIN);
    }

    @Test
    void theTodosKnowNothingOfTheirTransferJobsOrOfTodoBackend() {
        noClasses().that().resideInAPackage("todoservice.todo")
                .should().dependOnClassesThat().resideInAnyPackage("todoservice.todo.transfer..",
                        "todoservice.todobackend..")
                .check(MAIN);
    }

    @Test
    void theJobQueueAndTheCacheShareOnlyTheRedisConnectionSettings() {
        noClasses().that().resideInAPackage("todoservice.jobs..")
                .should().dependOnClassesThat().resideInAPackage("todoservice.cache..")
                .check(MAIN);
        noClasses().that().resideInAPackage("todoservice.cache..")
                .should().dependOnClassesThat().resideInAPackage("todoservice.jobs..")
                .check(MAIN);
    }

    /** The container package runs in Tomcat's class loader, outside the WAR: the webapp never sees it. */
    @Test
    void onlyTheContainerPackageKnowsTomcatAndNothingKnowsIt() {
        noClasses().that().resideOutsideOfPackage("todoservice.container")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.coyote..",
                        "org.apache.tomcat..", "todoservice.container..")
                .check(MAIN);
        noClasses().that().resideInAPackage("todoservice.container")
                .should().dependOnClassesThat(resideInAPackage("todoservice..")
                        .and(resideOutsideOfPackage("todoservice.container")))
                .check(MAIN);
    }

    @Test
    void onlyTheCompositionRootKnowsTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("todoservice")
                .should().dependOnClassesThat().resideInAPackage("todoservice")
                .check(MAIN);
    }
}
