package todoservice.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Brings the stack up ({@code bin/stack up}) before the first stack test class and down ({@code bin/stack down})
 * when the whole run ends, so the test classes share one stack. Use with {@code @ExtendWith(StackExtension.class)}.
 */
public final class StackExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Stack.class, key -> Stack.up(), Stack.class);
    }
}
